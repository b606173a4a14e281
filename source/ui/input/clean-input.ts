/**
 * What a text field's value should be after a burst of keys: ink-text-input inserts a
 * pasted line ending, and several backspaces arriving in one chunk, as characters.
 * A backspace (DEL or BS) removes the character before it; other control characters
 * and line endings are dropped, since no main.cf value or address may contain them.
 */
export function cleanInput(value: string): string {
	let result = '';
	for (const character of value) {
		if (character === '\u007F' || character === '\b') {
			result = result.slice(0, -1);
		} else if (character >= ' ') {
			result += character;
		}
	}

	return result;
}
