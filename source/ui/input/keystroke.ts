/**
 * Keys as the wizard's screens see them. Ink hands over raw events: an escape sequence,
 * or a run of plain bytes that may hold several keys at once (typed ahead, a slow ssh
 * link, a paste). Each run is split here into single keystrokes, in order, so that every
 * key is handled on its own and none is inserted as text by accident (Ctrl-A is not `a`).
 */
export interface Key {
	readonly upArrow: boolean;
	readonly downArrow: boolean;
	readonly leftArrow: boolean;
	readonly rightArrow: boolean;
	readonly pageUp: boolean;
	readonly pageDown: boolean;
	readonly home: boolean;
	readonly end: boolean;
	readonly return: boolean;
	readonly escape: boolean;
	readonly tab: boolean;
	/** Erases the character before the cursor (DEL or BS, as terminals send it). */
	readonly backspace: boolean;
	/** Erases the character under the cursor (the Delete key, ESC [3~). */
	readonly delete: boolean;
	readonly ctrl: boolean;
	readonly meta: boolean;
	readonly shift: boolean;
	/** Text that arrived inside a bracketed paste: never a command, line endings removed. */
	readonly paste: boolean;
}

export interface Keystroke {
	/** The printable text, or the letter held with Ctrl or Alt; '' for a named key. */
	readonly input: string;
	readonly key: Key;
}

const noKey: Key = {
	upArrow: false, downArrow: false, leftArrow: false, rightArrow: false, pageUp: false, pageDown: false, home: false, end: false,
	return: false, escape: false, tab: false, backspace: false, delete: false, ctrl: false, meta: false, shift: false, paste: false,
};

function stroke(input: string, key: Partial<Key> = {}): Keystroke {
	return {input, key: {...noKey, ...key}};
}

/** The escape sequences terminals send for the keys the wizard uses (xterm, VT220, rxvt, tmux). */
const sequences: Readonly<Record<string, Keystroke>> = {
	'\u001B': stroke('', {escape: true}),
	'\u001B\u001B': stroke('', {escape: true, meta: true}),
	'\u001B[A': stroke('', {upArrow: true}),
	'\u001BOA': stroke('', {upArrow: true}),
	'\u001B[B': stroke('', {downArrow: true}),
	'\u001BOB': stroke('', {downArrow: true}),
	'\u001B[C': stroke('', {rightArrow: true}),
	'\u001BOC': stroke('', {rightArrow: true}),
	'\u001B[D': stroke('', {leftArrow: true}),
	'\u001BOD': stroke('', {leftArrow: true}),
	'\u001B[1;5C': stroke('', {rightArrow: true, ctrl: true}),
	'\u001B[1;5D': stroke('', {leftArrow: true, ctrl: true}),
	'\u001B[1;3C': stroke('', {rightArrow: true, meta: true}),
	'\u001B[1;3D': stroke('', {leftArrow: true, meta: true}),
	'\u001B[H': stroke('', {home: true}),
	'\u001BOH': stroke('', {home: true}),
	'\u001B[1~': stroke('', {home: true}),
	'\u001B[7~': stroke('', {home: true}),
	'\u001B[F': stroke('', {end: true}),
	'\u001BOF': stroke('', {end: true}),
	'\u001B[4~': stroke('', {end: true}),
	'\u001B[8~': stroke('', {end: true}),
	'\u001B[3~': stroke('', {delete: true}),
	'\u001B[5~': stroke('', {pageUp: true}),
	'\u001B[6~': stroke('', {pageDown: true}),
	'\u001B[Z': stroke('', {tab: true, shift: true}),
	'\u001B\r': stroke('', {return: true, meta: true}),
	'\u001B\u007F': stroke('', {backspace: true, meta: true}),
	'\u001B\b': stroke('', {backspace: true, meta: true}),
};

const pasteStart = '\u001B[200~';
const pasteEnd = '\u001B[201~';

/** One byte below the space (or DEL) that is not text: Enter, Tab, Backspace, Ctrl-letter. */
function controlStroke(character: string): Keystroke | undefined {
	switch (character) {
		case '\r':
		case '\n': {
			return stroke('', {return: true});
		}

		case '\t': {
			return stroke('', {tab: true});
		}

		case '\u007F':
		case '\b': {
			return stroke('', {backspace: true});
		}

		default: {
			const code = character.codePointAt(0)!;
			// Ctrl-A … Ctrl-Z; the rest (Ctrl-\, Ctrl-], …) means nothing here.
			return code >= 1 && code <= 26 ? stroke(String.fromCodePoint(code + 96), {ctrl: true}) : undefined;
		}
	}
}

/** Printable: not a C0 control, not DEL, not a C1 control. */
export function isPrintable(character: string): boolean {
	const code = character.codePointAt(0)!;
	return code >= 0x20 && code !== 0x7F && (code < 0x80 || code > 0x9F);
}

/**
 * A parser for one input stream. It remembers whether a bracketed paste is open: pasted
 * text arrives as one keystroke with its line endings and control bytes removed, so a
 * pasted line never presses Enter; outside a paste every byte is the key it stands for.
 */
export function createKeystrokeParser(): (event: string) => Keystroke[] {
	let pasting = false;
	return event => {
		if (event === pasteStart || event === pasteEnd) {
			pasting = event === pasteStart;
			return [];
		}

		if (event.startsWith('\u001B')) {
			const known = sequences[event];
			if (known) {
				return [known];
			}

			// Alt + a character (ESC b, ESC f, ESC d): the word keys of readline.
			const rest = [...event.slice(1)];
			return rest.length === 1 && isPrintable(rest[0]!) ? [stroke(rest[0]!, {meta: true})] : [];
		}

		if (pasting) {
			const text = [...event].filter(character => isPrintable(character)).join('');
			return text === '' ? [] : [stroke(text, {paste: true})];
		}

		const strokes: Keystroke[] = [];
		for (const character of event) {
			const next = isPrintable(character) ? stroke(character, {shift: /^[A-Z]$/.test(character)}) : controlStroke(character);
			if (next) {
				strokes.push(next);
			}
		}

		return strokes;
	};
}
