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

/**
 * A command in rows at most `width` columns wide that a shell reads as the one command it is:
 * broken only between words, every row but the last ending in ` \`, the next rows indented.
 * Copied from the screen and pasted, it runs as printed. A single word wider than a row (a
 * long path) keeps a row of its own, wider than `width`: the caller cuts it, and says so.
 */
export function commandRows(command: string, width: number): string[] {
	if (stringWidth(command) <= width) {
		return [command];
	}

	const rows: string[] = [];
	let row = '';
	for (const word of shellWords(command)) {
		const next = row === '' ? (rows.length === 0 ? word : indent + word) : `${row} ${word}`;
		if (row !== '' && stringWidth(next) + goesOn.length > width) {
			rows.push(row + goesOn);
			row = indent + word;
		} else {
			row = next;
		}
	}

	rows.push(row);
	return rows;
}
