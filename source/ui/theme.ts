/** Colours in one place, so every screen reads the same: what is good, risky, wrong, or a key. */
export const theme = {
	title: 'cyan',
	key: 'cyan',
	ok: 'green',
	warn: 'yellow',
	error: 'red',
	muted: 'gray',
	added: 'green',
	removed: 'red',
	hunk: 'cyan',
} as const;
