import {unifiedDiff} from '../plan/diff.js';
import {type FileChangeView, fileDiff} from '../plan/file-diff.js';

/** main.cf's part of the diff, as `diff -u` shows it, made in this process (a small main.cf). */
export function mainCfDiff(mainCf: string, before: Buffer, beforeExisted: boolean, after: Buffer | undefined): string {
	return unifiedDiff(mainCf, before.toString('utf8'), after?.toString('utf8') ?? '', {
		...(beforeExisted ? {} : {oldName: '/dev/null', newHeader: 'proposed (new file)'}),
		...(after === undefined ? {newName: '/dev/null', newHeader: 'proposed (removed)'} : {}),
	});
}

/** The diff of the whole set: main.cf's part, then every other file. */
export function setDiff(mainDiff: string, files: readonly FileChangeView[]): string {
	return [mainDiff, ...files.map(file => fileDiff(file))].filter(part => part !== '').join('');
}
