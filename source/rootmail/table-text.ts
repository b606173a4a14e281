import type {VirtualEntry} from './virtual-map.js';

const begin = '# BEGIN postfix-wizard';
const end = '# END postfix-wizard';

/** Lines of a Postfix table: a line starting with whitespace continues the one before. */
function logicalBlocks(text: string): string[][] {
	const blocks: string[][] = [];
	for (const line of text.split('\n')) {
		const last = blocks.at(-1);
		if (/^\s+\S/.test(line) && last && !last[0]!.trimStart().startsWith('#')) {
			last.push(line);
		} else {
			blocks.push([line]);
		}
	}

	return blocks;
}

/**
 * The entries of a table's text, in order: `key value, value…`, comments and blank lines
 * skipped, continuation lines joined. For a regexp table the key is the pattern.
 */
export function tableEntries(text: string): VirtualEntry[] {
	return logicalBlocks(text).flatMap(block => {
		const line = block.map(part => part.trim()).join(' ');
		if (line === '' || line.startsWith('#')) {
			return [];
		}

		const [key = '', ...rest] = line.split(/\s+/);
		return [{key, values: rest.join(' ').split(/[\s,]+/).filter(value => value !== '')}];
	});
}

/** Removes our own earlier block, so writing twice gives the same file. */
function withoutOurBlock(text: string): string {
	const start = text.indexOf(`${begin}`);
	const stop = text.indexOf(`${end}\n`, start);
	return start === -1 || stop === -1 ? text : text.slice(0, start) + text.slice(stop + end.length + 1);
}

/**
 * A table file with our entries in a marked block at the top. Lines of an existing file
 * are kept, except the ones that define a key we now write (Postfix would keep only one).
 */
export function mergeTable(entries: readonly VirtualEntry[], header: readonly string[], existing: string | undefined): string {
	const keys = new Set(entries.map(entry => entry.key.toLowerCase()));
	const width = Math.max(...entries.map(entry => entry.key.length)) + 1;
	const ours = [begin, ...header.map(line => `# ${line}`), ...entries.map(entry => `${entry.key.padEnd(width)}${entry.values.join(', ')}`), end];
	const rest = logicalBlocks(withoutOurBlock(existing ?? ''))
		.filter(block => !keys.has(block[0]!.trim().split(/\s+/)[0]!.toLowerCase()))
		.flat()
		.join('\n')
		.replace(/^\n+/, '')
		.trimEnd();
	return `${ours.join('\n')}\n${rest === '' ? '' : `\n${rest}\n`}`;
}
