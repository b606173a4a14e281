import type {Lang, Messages} from '../i18n/lang.js';

/**
 * The diff's own words — the sides of its header, the notes on files beside main.cf, the
 * line for a binary map — in the user's language. The diff's content lines are the files'
 * bytes and stay as they are.
 */
const en = {
	current: 'current',
	proposed: 'proposed',
	newFile: (mode: string) => `new file, mode ${mode}`,
	newMainCf: 'new file',
	removed: 'removed',
	secret: 'secret: values hidden',
	modeChange: (from: string, to: string) => `mode ${from} → ${to}`,
	binary: (file: string, what: string, how: string) => `Binary file ${file}: ${what} (${how})`,
	binaryState: {new: 'new', removed: 'removed', rebuilt: 'rebuilt', changed: 'changed'} as Record<string, string>,
	builtBy: (map: string, mode: string) => `by postmap ${map}, mode ${mode}`,
	removedWith: (source: string) => `with ${source}`,
	mode: (mode: string) => `mode ${mode}`,
	hunk: {'empty file': 'empty file', 'content unchanged': 'content unchanged', 'the hidden values change': 'the hidden values change', 'bytes that are not text change': 'bytes that are not text change'} as Record<string, string>,
};

const zh: typeof en = {
	current: '当前',
	proposed: '拟议',
	newFile: (mode: string) => `新文件，权限 ${mode}`,
	newMainCf: '新文件',
	removed: '删除',
	secret: '机密：值已隐藏',
	modeChange: (from: string, to: string) => `权限 ${from} → ${to}`,
	binary: (file: string, what: string, how: string) => `二进制文件 ${file}：${what}（${how}）`,
	binaryState: {new: '新建', removed: '删除', rebuilt: '重新生成', changed: '更改'},
	builtBy: (map: string, mode: string) => `由 postmap ${map} 生成，权限 ${mode}`,
	removedWith: (source: string) => `随 ${source} 一起`,
	mode: (mode: string) => `权限 ${mode}`,
	hunk: {'empty file': '空文件', 'content unchanged': '内容不变', 'the hidden values change': '隐藏的值有变化', 'bytes that are not text change': '非文本字节有变化'},
};

const words: Messages<typeof en> = {en, zh};

function note(text: string, w: typeof en): string {
	let match = text.match(/^new file, mode (\d+)$/);
	if (match) {
		return w.newFile(match[1]!);
	}

	match = text.match(/^mode (\d+) → (\d+)$/);
	if (match) {
		return w.modeChange(match[1]!, match[2]!);
	}

	return text === 'new file' ? w.newMainCf : text === 'removed' ? w.removed : text === 'secret: values hidden' ? w.secret : text;
}

function how(text: string, w: typeof en): string {
	let match = text.match(/^by postmap (\S+), mode (\d+)$/);
	if (match) {
		return w.builtBy(match[1]!, match[2]!);
	}

	match = text.match(/^with (.+)$/);
	if (match) {
		return w.removedWith(match[1]!);
	}

	match = text.match(/^mode (\d+)$/);
	return match ? w.mode(match[1]!) : text;
}

/** One line of a plan's diff with the diff's own words in `lang`. */
export function localizeDiffLine(line: string, lang: Lang): string {
	if (lang === 'en') {
		return line;
	}

	const w = words[lang];
	const header = line.match(/^(---|\+\+\+) (.*)\t(current|proposed)(?: \((.*)\))?$/);
	if (header) {
		const [, mark, file, side, notes] = header;
		const said = notes === undefined ? '' : `（${notes.split('; ').map(part => note(part, w)).join('；')}）`;
		return `${mark} ${file}\t${w[side as 'current' | 'proposed']}${said}`;
	}

	const binary = line.match(/^Binary file (.*): (new|removed|rebuilt|changed) \((.*)\)$/);
	if (binary) {
		const [, file, state, detail] = binary;
		return w.binary(file!, w.binaryState[state!] ?? state!, how(detail!, w));
	}

	const hunk = line.match(/^@@ ([a-z ]+) @@$/);
	return hunk?.[1] !== undefined && w.hunk[hunk[1]] !== undefined ? `@@ ${w.hunk[hunk[1]]} @@` : line;
}

/** A whole diff with its own words in `lang`. */
export function localizeDiff(diff: string, lang: Lang): string {
	return lang === 'en' ? diff : diff.split('\n').map(line => localizeDiffLine(line, lang)).join('\n');
}
