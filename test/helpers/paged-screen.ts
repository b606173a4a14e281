import assert from 'node:assert/strict';

/** The frame's "lines a–b of n" row, in English. */
export const linesRow = /^lines (\d+)–(\d+) of (\d+)$/m;

/** A paged screen's parts: the title row, the rows in view with their numbers (from "lines a–b of n"), the key rows. */
export interface PagedScreen {
	readonly title: string;
	readonly from: number;
	readonly to: number;
	readonly total: number;
	readonly view: readonly string[];
	readonly keys: string;
	readonly rows: readonly string[];
}

/** Reads a screen laid out as the frame lays it out at 18 rows or more: the title, a blank, the rows in view, a blank, "lines a–b of n", the keys. */
export function pagedScreen(screen: string): PagedScreen {
	const rows = screen.split('\n');
	const at = rows.findIndex(row => linesRow.test(row));
	assert.ok(at > 0, `no "lines a–b of n" in:\n${screen}`);
	const [from, to, total] = linesRow.exec(rows[at]!)!.slice(1).map(Number) as [number, number, number];
	return {title: rows[0]!, from, to, total, view: rows.slice(2, 2 + to - from + 1), keys: rows.slice(at + 1).join('\n'), rows};
}

/** The diff line starting `start` put back together from its row and the ↳ rows under it. */
export function rejoinedLine(rows: readonly string[], start: string): string {
	const first = rows.findIndex(row => row.startsWith(start));
	assert.ok(first >= 0, `no row starts ${start}:\n${rows.join('\n')}`);
	let line = rows[first]!;
	for (const row of rows.slice(first + 1)) {
		if (!row.startsWith('↳')) {
			break;
		}

		line += row.slice(1);
	}

	return line;
}
