import type {CheckStatus} from '../verify/types.js';

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

/** How a check's status is drawn, wherever checks are listed: the review's relay checks, verify's checklist. */
export const statusLook: Readonly<Record<CheckStatus, {mark: string; color: string}>> = {
	pass: {mark: '✔', color: theme.ok},
	warn: {mark: '!', color: theme.warn},
	fail: {mark: '✖', color: theme.error},
	skip: {mark: '-', color: theme.muted},
};
