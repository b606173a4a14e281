import {redactSaslPasswd} from '../relay/sasl-passwd.js';
import {unifiedDiff} from './diff.js';

/** One file of a plan as the diff shows it. */
export interface FileChangeView {
	readonly path: string;
	/** undefined: the file does not exist (a new file, or before a removal). */
	readonly before: Buffer | undefined;
	readonly after: Buffer | undefined;
	readonly mode: number;
	/** The mode it has now, when it exists. */
	readonly beforeMode?: number | undefined;
	readonly secret: boolean;
	/** The redacted text of `after` for a secret file. */
	readonly display?: string;
	/** Set for a built map: the lookup table it is built from, and the postmap type. */
	readonly builtFrom?: {readonly source: string; readonly type: string};
}

export function octalMode(mode: number): string {
	return `0${(mode & 0o7777).toString(8).padStart(3, '0')}`;
}

/**
 * The diff of one file beside main.cf, as `diff -u` would print it, except that a secret
 * file shows redacted text and a built map (binary) one line saying what happens to it.
 */
export function fileDiff(file: FileChangeView): string {
	const state = file.before === undefined ? 'new' : file.after === undefined ? 'removed' : 'changed';
	if (file.builtFrom) {
		const verb = state === 'new' ? 'new' : state === 'removed' ? 'removed' : 'rebuilt';
		const how = state === 'removed' ? `with ${file.builtFrom.source}` : `by postmap ${file.builtFrom.type}:${file.builtFrom.source}, mode ${octalMode(file.mode)}`;
		return `Binary file ${file.path}: ${verb} (${how})\n`;
	}

	if (file.before?.includes(0) || file.after?.includes(0)) {
		// A built map restored from a backup: binary, and as secret as its source.
		return `Binary file ${file.path}: ${state === 'new' ? 'new' : state === 'removed' ? 'removed' : 'changed'} (mode ${octalMode(file.mode)})\n`;
	}

	const text = (content: Buffer | undefined, display: string | undefined) => {
		if (content === undefined) {
			return '';
		}

		if (!file.secret) {
			return content.toString('utf8');
		}

		const shown = display ?? redactSaslPasswd(content.toString('utf8'));
		return shown === '' || shown.endsWith('\n') ? shown : `${shown}\n`;
	};

	const before = text(file.before, undefined);
	const after = text(file.after, file.display);
	const notes = [
		state === 'new' ? `new file, mode ${octalMode(file.mode)}` : state === 'removed' ? 'removed' : undefined,
		state === 'changed' && file.beforeMode !== undefined && file.beforeMode !== file.mode ? `mode ${octalMode(file.beforeMode)} → ${octalMode(file.mode)}` : undefined,
		file.secret ? 'secret: values hidden' : undefined,
	].filter(Boolean).join('; ');
	const oldName = file.before === undefined ? '/dev/null' : file.path;
	const newName = file.after === undefined ? '/dev/null' : file.path;
	const newHeader = notes ? `proposed (${notes})` : 'proposed';
	const patch = unifiedDiff(file.path, before, after, {oldName, newName, newHeader});
	if (patch !== '') {
		return patch;
	}

	// An empty file created or removed, or the same text from different bytes: with a
	// secret, a password changes behind the same redacted line.
	const sameBytes = file.before !== undefined && file.after !== undefined && file.before.equals(file.after);
	const what = state !== 'changed' ? 'empty file' : sameBytes ? 'content unchanged' : file.secret ? 'the hidden values change' : 'bytes that are not text change';
	return [`--- ${oldName}\tcurrent`, `+++ ${newName}\t${newHeader}`, `@@ ${what} @@`, ''].join('\n');
}
