import {createTwoFilesPatch} from 'diff';

export interface DiffNames {
	/** `/dev/null` for a new file, as `diff -u` spells it. */
	readonly oldName?: string;
	readonly newName?: string;
	readonly newHeader?: string;
}

/**
 * The unified diff of a file before and after, as `diff -u` would print it. The
 * edit-length cap keeps a pathological file from stalling the first frame of review.
 */
export function unifiedDiff(file: string, before: string, after: string, names: DiffNames = {}): string {
	if (before === after) {
		return '';
	}

	const patch = createTwoFilesPatch(names.oldName ?? file, names.newName ?? file, before, after, 'current', names.newHeader ?? 'proposed', {context: 3, maxEditLength: 20_000});
	// The Index/===== header is diff's own, not `diff -u`'s.
	return (patch ?? '').replace(/^(?:Index: .*\n)?=+\n/, '');
}

/** `postconf -e` glues an appended parameter onto a last line that has no newline (3.7.11). */
export function withFinalNewline(bytes: Buffer): Buffer {
	return bytes.length === 0 || bytes.at(-1) === 0x0A ? bytes : Buffer.concat([bytes, Buffer.from('\n')]);
}
