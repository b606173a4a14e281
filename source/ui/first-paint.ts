import chalk from 'chalk';
import isInCi from 'is-in-ci';
import stringWidth from 'string-width';
import type {Lang} from '../i18n/lang.js';
import {uiMessages} from './messages.js';
import {hasMargins} from './Frame/layout.js';
import {breakUnits} from './Prose/break-units.js';
import {spinnerFrames} from './Spinner/frames.js';
import {theme} from './theme.js';

/**
 * The wizard's first screen, painted before Ink and the screens have loaded (about half the
 * time to the first frame): the Preflight screen as Ink draws it while Postfix is being read,
 * the same text, colours and rows, laid out by the rules Ink's Frame and Prose follow. Ink then
 * draws over it. Only where that layout is certain: a terminal wide and tall enough that
 * nothing wraps inside a line of its own, scrolls or is cut; anywhere else Ink paints first.
 * test/e2e/first-paint.test.ts holds it to Ink's own first frame, byte for byte.
 */
export interface FirstPaint {
	/** Clears the painted rows, so that Ink's first frame starts where the paint did. */
	erase(): void;
}

/** Ink's escape codes for the theme's colours: a colour added to the theme must be added here (tsc). */
const colourCodes: Record<(typeof theme)[keyof typeof theme], string> = {cyan: '\u001B[36m', gray: '\u001B[90m', yellow: '\u001B[33m', green: '\u001B[32m', red: '\u001B[31m'};
const on = {bold: '\u001B[1m', title: colourCodes[theme.title], key: colourCodes[theme.key], muted: colourCodes[theme.muted], inverse: '\u001B[7m', warn: colourCodes[theme.warn]};
const off = {bold: '\u001B[22m', colour: '\u001B[39m', inverse: '\u001B[27m'};

/** Prose's rows: each unit a line may break after, placed while it fits (Yoga's flex-wrap). */
function proseRows(text: string, columns: number): string[] | undefined {
	const rows: string[] = [];
	let row = '';
	let width = 0;
	for (const unit of breakUnits(text)) {
		const unitWidth = stringWidth(unit);
		if (unitWidth > columns) {
			return undefined;
		}

		if (width + unitWidth > columns && row !== '') {
			rows.push(row.trimEnd());
			row = '';
			width = 0;
		}

		row += unit;
		width += unitWidth;
	}

	rows.push(row.trimEnd());
	return rows;
}

/** The rows of the Preflight screen while Postfix is read (or the sandbox starts), or undefined where Ink's layout is not this simple. */
export function preflightRows(options: {readonly lang: Lang; readonly sandbox: boolean; readonly columns: number; readonly rows: number; readonly colour: boolean}): string[] | undefined {
	const m = uiMessages[options.lang];
	const c = options.colour ? {on, off} : {on: {bold: '', title: '', key: '', muted: '', inverse: '', warn: ''}, off: {bold: '', colour: '', inverse: ''}};
	const badge = options.sandbox ? ` ${m.sandboxBadge} ` : undefined;
	const title = [
		`${c.on.bold}${c.on.title}postfix-wizard${c.off.colour}${c.off.bold}`,
		`${c.on.muted}·${c.off.colour}`,
		`${c.on.bold}${m.screens.preflight}${c.off.bold}`,
		...badge ? [`${c.on.inverse}${c.on.warn}${badge}${c.off.colour}${c.off.inverse}`] : [],
	].join(' ');
	const titleWidth = stringWidth(['postfix-wizard', '·', m.screens.preflight, ...badge ? [badge] : []].join(' '));
	const label = options.sandbox ? m.preflight.creatingSandbox : m.preflight.reading;
	const spinner = `${c.on.title}${spinnerFrames[0]}${c.off.colour} ${label}`;
	// Ink writes only what changes between two characters: bold ends, the colour changes.
	const footer = `${c.on.bold}${c.on.key}${m.keys.ctrlC}${c.off.bold}${c.on.muted} ${m.actions.quit}${c.off.colour}`;
	const prose = proseRows(m.preflight.intro, options.columns);
	if (!prose || titleWidth > options.columns || stringWidth(`${spinnerFrames[0]} ${label}`) > options.columns || stringWidth(`${m.keys.ctrlC} ${m.actions.quit}`) > options.columns) {
		return undefined;
	}

	// Frame: rows - 1 tall; a blank row above and below the content when roomy; the keys last.
	const height = options.rows - 1;
	const margin = hasMargins(options.rows) ? [''] : [];
	const content = [...prose, '', spinner];
	const filler = height - 1 - margin.length * 2 - content.length - 1;
	if (filler < 0) {
		return undefined;
	}

	// Ink trims every row's end: a blank last, outside any colour, goes (the badge's without colours).
	return [title, ...margin, ...content, ...Array.from({length: filler}, () => ''), ...margin, footer].map(row => row.trimEnd());
}

/**
 * Paints the first screen on a terminal where Ink will draw interactively, and keeps the keys
 * typed meanwhile unechoed for Ink (raw mode; Ink takes the terminal over as it is).
 */
export function paintFirstFrame(options: {readonly lang: Lang; readonly sandbox: boolean}): FirstPaint | undefined {
	const {stdout, stdin} = process;
	if (isInCi || !stdout.isTTY || !stdout.columns || !stdout.rows) {
		return undefined;
	}

	const rows = preflightRows({...options, columns: stdout.columns, rows: stdout.rows, colour: chalk.level > 0});
	if (!rows) {
		return undefined;
	}

	stdin.setRawMode(true);
	// As Ink writes a frame: cursor hidden, one synchronized update, a line feed after the last row.
	stdout.write(`\u001B[?2026h\u001B[?25l${rows.join('\n')}\n\u001B[?2026l`);
	return {
		erase() {
			stdout.write(`\u001B[?2026h\u001B[${rows.length}A\r\u001B[J`);
		},
	};
}
