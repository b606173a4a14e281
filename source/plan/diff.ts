import {createTwoFilesPatch} from 'diff';

/**
 * The unified diff of main.cf before and after, as `diff -u` would print it. The
 * edit-length cap keeps a pathological file from stalling the first frame of review.
 */
export function unifiedDiff(file: string, before: string, after: string): string {
	if (before === after) {
		return '';
	}

	const patch = createTwoFilesPatch(file, file, before, after, 'current', 'proposed', {context: 3, maxEditLength: 20_000});
	// The Index/===== header is diff's own, not `diff -u`'s.
	return (patch ?? '').replace(/^Index: .*\n=+\n/, '');
}

/** `postconf -e` glues an appended parameter onto a last line that has no newline (3.7.11). */
export function withFinalNewline(text: string): string {
	return text === '' || text.endsWith('\n') ? text : `${text}\n`;
}
