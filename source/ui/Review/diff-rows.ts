import stringWidth from 'string-width';

/** One screen row of the diff: a whole line, or a piece of one too wide for the terminal. */
export interface DiffRow {
	/** The line this row belongs to (its first character decides the colour). */
	readonly line: string;
	readonly text: string;
	/** A continuation of the row above: drawn after the marker, in the line's colour. */
	readonly continued: boolean;
}

/** Starts every continuation row, so a reader sees it belongs to the line above (one column wide in every terminal). */
export const continuationMark = '↳';

const tabStop = 8;

/**
 * The line as a terminal shows it, one column per column: a tab becomes the blanks up to the
 * next tab stop (Ink counts a tab as no width while the terminal moves eight, which pushed
 * the frame's title off the screen), and any other control character its caret notation
 * (`^M` for a CR, `^[` for an ESC), as `cat -v` prints it: a file's bytes never drive the terminal.
 */
export function visibleLine(line: string): string {
	// eslint-disable-next-line no-control-regex -- control characters are what this looks for
	if (!/[\u0000-\u001F\u007F-\u009F]/u.test(line)) {
		return line;
	}

	let out = '';
	for (const character of line) {
		const code = character.codePointAt(0)!;
		if (character === '\t') {
			out += ' '.repeat(tabStop - (stringWidth(out) % tabStop));
		} else if (code < 0x20 || code === 0x7F) {
			out += `^${String.fromCodePoint(code ^ 0x40)}`;
		} else if (code >= 0x80 && code <= 0x9F) {
			out += `M-^${String.fromCodePoint((code - 0x80) ^ 0x40)}`;
		} else {
			out += character;
		}
	}

	return out;
}

let segmenter: Intl.Segmenter | undefined;

/**
 * `text` cut into pieces the first at most `width` columns wide, the next at most `rest`: a
 * character (grapheme) is never split, and a double-width one that would cross the edge starts
 * the next piece. Blanks where a piece ends begin the next one instead: the terminal shows no
 * blank at a row's end (Ink trims it), so `a b` cut after the blank would read `ab`.
 */
function pieces(text: string, width: number, rest: number): string[] {
	segmenter ??= new Intl.Segmenter();
	const out: string[] = [];
	let piece = '';
	let used = 0;
	let room = width;
	for (const {segment} of segmenter.segment(text)) {
		const wide = stringWidth(segment);
		if (used + wide > room && piece !== '') {
			const blanks = /\s+$/u.exec(piece)?.[0] ?? '';
			const carried = blanks.length < piece.length && stringWidth(blanks) + wide <= rest ? blanks : '';
			out.push(piece.slice(0, piece.length - carried.length));
			piece = carried;
			used = stringWidth(carried);
			room = rest;
		}

		piece += segment;
		used += wide;
	}

	out.push(piece);
	return out;
}

/**
 * The diff's lines as rows of a terminal `columns` wide: a longer line goes on in rows that
 * start with the continuation mark, so every character is on screen, in order, and the
 * frame's paging counts the rows as they are drawn.
 */
export function diffRows(lines: readonly string[], columns: number): DiffRow[] {
	const width = Math.max(2, columns);
	const rows: DiffRow[] = [];
	for (const line of lines) {
		const text = visibleLine(line);
		if (stringWidth(text) <= width) {
			rows.push({line, text, continued: false});
			continue;
		}

		pieces(text, width, width - stringWidth(continuationMark)).forEach((piece, index) => {
			rows.push({line, text: piece, continued: index > 0});
		});
	}

	return rows;
}
