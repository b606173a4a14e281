import stringWidth from 'string-width';

/** The words of a command as shellQuote (source/commands/format.ts) writes them: blanks inside '…' belong to the word. */
export function shellWords(command: string): string[] {
	const words: string[] = [];
	let word = '';
	let quoted = false;
	for (const character of command) {
		if (character === '\'') {
			quoted = !quoted;
		}

		if (character === ' ' && !quoted) {
			if (word !== '') {
				words.push(word);
			}

			word = '';
		} else {
			word += character;
		}
	}

	if (word !== '') {
		words.push(word);
	}

	return words;
}

/** Ends every row but the last: the shell reads the next row as the same command. */
const goesOn = ' \\';
/** The rows after the first, indented so the eye sees one command. */
const indent = '  ';

/** The words a row keeps together: an option and its value (`--set name=value`, `-c DIR`), or a word alone. */
function units(words: readonly string[]): string[] {
	const out: string[] = [];
	for (const word of words) {
		const last = out.at(-1);
		if (last !== undefined && /^-[^ ]*$/.test(last) && !word.startsWith('-')) {
			out[out.length - 1] = `${last} ${word}`;
		} else {
			out.push(word);
		}
	}

	return out;
}

/**
 * A command in rows at most `width` columns wide that a shell reads as the one command it is:
 * broken only between words, an option kept with its value where they fit, every row but the
 * last ending in ` \`, the next rows indented. Copied from the screen and pasted, it runs as
 * printed. A single word wider than a row (a long path) keeps a row of its own, wider than
 * `width`: the caller cuts it, and says so.
 */
export function commandRows(command: string, width: number): string[] {
	if (stringWidth(command) <= width) {
		return [command];
	}

	const fits = (text: string) => stringWidth(text) + goesOn.length <= width;
	// An option and its value too wide for any row together go as two words.
	const pieces = units(shellWords(command)).flatMap(unit => (fits(indent + unit) ? [unit] : shellWords(unit)));
	const rows: string[] = [];
	let row = '';
	for (const piece of pieces) {
		const next = row === '' ? piece : `${row} ${piece}`;
		if (row !== '' && !fits(next)) {
			rows.push(row + goesOn);
			row = indent + piece;
		} else {
			row = next;
		}
	}

	rows.push(row);
	return rows;
}
