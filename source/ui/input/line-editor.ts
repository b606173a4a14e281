import {isPrintable, type Key} from './keystroke.js';

/** A one-line text field's content and where the cursor stands (in characters, not bytes). */
export interface Line {
	readonly value: string;
	readonly cursor: number;
}

export type LineEdit =
	| {readonly type: 'edit'; readonly line: Line}
	| {readonly type: 'submit'};

export function lineAtEnd(value: string): Line {
	return {value, cursor: [...value].length};
}

/** Readline's word: letters and digits (Alt-B, Alt-F, Alt-D, Alt-Backspace). */
const wordCharacter = /[\p{L}\p{N}]/u;

function wordStartBefore(characters: readonly string[], cursor: number, isWord: (character: string) => boolean): number {
	let index = cursor;
	while (index > 0 && !isWord(characters[index - 1]!)) {
		index--;
	}

	while (index > 0 && isWord(characters[index - 1]!)) {
		index--;
	}

	return index;
}

function wordEndAfter(characters: readonly string[], cursor: number): number {
	let index = cursor;
	while (index < characters.length && !wordCharacter.test(characters[index]!)) {
		index++;
	}

	while (index < characters.length && wordCharacter.test(characters[index]!)) {
		index++;
	}

	return index;
}

/**
 * What one keystroke does to a text field, as in readline (bash, ssh, psql): pure, so
 * every key is applied to the value the previous key left. Undefined: not a key for the
 * field (Escape, Tab, arrows up and down, Ctrl-C) — the screen may use it.
 */
export function editLine(line: Line, input: string, key: Key): LineEdit | undefined {
	const characters = [...line.value];
	const cursor = Math.min(Math.max(0, line.cursor), characters.length);
	const move = (to: number): LineEdit => ({type: 'edit', line: {value: line.value, cursor: to}});
	const cut = (from: number, to: number): LineEdit => ({
		type: 'edit',
		line: {value: [...characters.slice(0, from), ...characters.slice(to)].join(''), cursor: from},
	});
	const letter = key.ctrl || key.meta ? input : '';

	if (key.return) {
		return {type: 'submit'};
	}

	if (key.home || (key.ctrl && letter === 'a')) {
		return move(0);
	}

	if (key.end || (key.ctrl && letter === 'e')) {
		return move(characters.length);
	}

	if ((key.leftArrow && (key.ctrl || key.meta)) || (key.meta && letter === 'b')) {
		return move(wordStartBefore(characters, cursor, character => wordCharacter.test(character)));
	}

	if ((key.rightArrow && (key.ctrl || key.meta)) || (key.meta && letter === 'f')) {
		return move(wordEndAfter(characters, cursor));
	}

	if (key.leftArrow || (key.ctrl && letter === 'b')) {
		return move(Math.max(0, cursor - 1));
	}

	if (key.rightArrow || (key.ctrl && letter === 'f')) {
		return move(Math.min(characters.length, cursor + 1));
	}

	if (key.backspace && key.meta) {
		return cut(wordStartBefore(characters, cursor, character => wordCharacter.test(character)), cursor);
	}

	if (key.backspace || (key.ctrl && letter === 'h')) {
		return cursor === 0 ? move(0) : cut(cursor - 1, cursor);
	}

	if (key.delete || (key.ctrl && letter === 'd')) {
		return cursor === characters.length ? move(cursor) : cut(cursor, cursor + 1);
	}

	if (key.ctrl && letter === 'u') {
		return cut(0, cursor);
	}

	if (key.ctrl && letter === 'k') {
		return cut(cursor, characters.length);
	}

	// Ctrl-W: back to the previous blank, as in a shell ("a.example.com b" loses "b", then the host).
	if (key.ctrl && letter === 'w') {
		return cut(wordStartBefore(characters, cursor, character => character.trim() !== ''), cursor);
	}

	if (key.meta && letter === 'd') {
		return cut(cursor, wordEndAfter(characters, cursor));
	}

	if (key.ctrl || key.meta || key.escape || key.tab || key.upArrow || key.downArrow || key.pageUp || key.pageDown) {
		return undefined;
	}

	// Text typed or pasted: only what a value can hold; a stray control byte never lands in it.
	const text = [...input].filter(character => isPrintable(character));
	if (text.length === 0) {
		return undefined;
	}

	return {
		type: 'edit',
		line: {value: [...characters.slice(0, cursor), ...text, ...characters.slice(cursor)].join(''), cursor: cursor + text.length},
	};
}
