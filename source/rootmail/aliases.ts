import type {Localized} from '../settings/types.js';
import {mapFileOf} from '../postfix/map-files.js';

/**
 * One value of an aliases entry, as local(8) reads it (aliases(5)):
 * a local name (aliased further), an address with a domain, a pipe, a file, an include.
 */
export type AliasTarget =
	| {readonly kind: 'local'; readonly name: string; readonly raw: string}
	| {readonly kind: 'address'; readonly address: string; readonly raw: string}
	| {readonly kind: 'pipe'; readonly command: string; readonly raw: string}
	| {readonly kind: 'file'; readonly path: string; readonly raw: string}
	| {readonly kind: 'include'; readonly path: string; readonly raw: string};

export interface AliasEntry {
	/** Folded to lowercase, as Postfix does for lookups. */
	readonly name: string;
	/** The line the entry starts on, for messages. */
	readonly line: number;
	readonly targets: readonly AliasTarget[];
}

/** A line Postfix would skip or warn about, with the reason. */
export interface AliasProblem {
	readonly line: number;
	readonly text: string;
	readonly reason: Localized;
}

export interface AliasFile {
	readonly entries: readonly AliasEntry[];
	readonly problems: readonly AliasProblem[];
}

interface LogicalLine {
	readonly line: number;
	readonly text: string;
}

/**
 * Postfix's readlline(): a line starting with whitespace continues the logical line;
 * empty lines and lines whose first non-blank character is `#` are skipped, also in the
 * middle of a continued entry.
 */
function logicalLines(text: string): LogicalLine[] {
	const lines: LogicalLine[] = [];
	text.split(/\r?\n/).forEach((raw, index) => {
		const trimmed = raw.trim();
		if (trimmed === '' || trimmed.startsWith('#')) {
			return;
		}

		const last = lines.at(-1);
		if (/^\s/.test(raw) && last) {
			lines[lines.length - 1] = {line: last.line, text: `${last.text} ${trimmed}`};
		} else {
			lines.push({line: index + 1, text: raw.trimEnd()});
		}
	});
	return lines;
}

/** Index of the first `:` outside double quotes (a quoted name may hold one). */
function nameEnd(text: string): number {
	let quoted = false;
	for (let index = 0; index < text.length; index++) {
		const character = text[index];
		if (character === '\\' && quoted) {
			index++;
		} else if (character === '"') {
			quoted = !quoted;
		} else if (character === ':' && !quoted) {
			return index;
		}
	}

	return -1;
}

function unquote(text: string): string {
	const trimmed = text.trim();
	return trimmed.length >= 2 && trimmed.startsWith('"') && trimmed.endsWith('"')
		? trimmed.slice(1, -1).replaceAll(/\\(.)/g, '$1')
		: trimmed;
}

/**
 * Splits a value list at commas outside quotes, `<…>` and `(…)` comments, as
 * tok822 does; an unquoted `|command with words` runs to the next comma.
 */
function splitValues(text: string): string[] {
	const items: string[] = [];
	let current = '';
	let quoted = false;
	let angle = 0;
	let comment = 0;
	for (let index = 0; index < text.length; index++) {
		const character = text[index]!;
		if (character === '\\' && (quoted || comment > 0) && index + 1 < text.length) {
			current += character + text[++index];
			continue;
		}

		if (character === '"' && comment === 0) {
			quoted = !quoted;
		} else if (!quoted) {
			if (character === '(') {
				comment++;
			} else if (character === ')' && comment > 0) {
				comment--;
			} else if (character === '<' && comment === 0) {
				angle++;
			} else if (character === '>' && angle > 0 && comment === 0) {
				angle--;
			} else if (character === ',' && angle === 0 && comment === 0) {
				items.push(current);
				current = '';
				continue;
			}
		}

		current += character;
	}

	items.push(current);
	return items.map(item => item.trim()).filter(item => item !== '');
}

/** Removes RFC 822 `(comments)` outside quotes; `Name <addr>` becomes `addr`. */
function bareValue(item: string): string {
	let result = '';
	let quoted = false;
	let comment = 0;
	for (let index = 0; index < item.length; index++) {
		const character = item[index]!;
		if (character === '\\' && index + 1 < item.length) {
			if (comment === 0) {
				result += character + item[index + 1];
			}

			index++;
			continue;
		}

		if (character === '"' && comment === 0) {
			quoted = !quoted;
		} else if (!quoted && character === '(') {
			comment++;
			continue;
		} else if (!quoted && character === ')' && comment > 0) {
			comment--;
			continue;
		}

		if (comment === 0) {
			result += character;
		}
	}

	const angle = result.match(/<([^<>]*)>\s*$/);
	return (angle ? angle[1]! : result).trim();
}

function classify(item: string): AliasTarget {
	const raw = item;
	// A quoted value is taken whole: "|/usr/bin/cmd -a, b" or "/var/spool/a file".
	const value = unquote(bareValue(item));
	if (value.startsWith('|')) {
		return {kind: 'pipe', command: value.slice(1).trim(), raw};
	}

	if (/^:include:/i.test(value)) {
		return {kind: 'include', path: value.slice(':include:'.length).trim(), raw};
	}

	if (value.startsWith('/')) {
		return {kind: 'file', path: value, raw};
	}

	// `\name` delivers to name's mailbox without further aliasing: still a local name.
	const name = value.startsWith('\\') ? value.slice(1) : value;
	return name.includes('@')
		? {kind: 'address', address: name, raw}
		: {kind: 'local', name: name.toLowerCase(), raw};
}

/**
 * Parses an aliases file (the source text of a Postfix alias_maps table) the way
 * postalias and local(8) read it. Duplicate names keep the first entry, as postalias does.
 */
export function parseAliases(text: string): AliasFile {
	const entries: AliasEntry[] = [];
	const problems: AliasProblem[] = [];
	const seen = new Set<string>();
	for (const {line, text: logical} of logicalLines(text)) {
		const colon = nameEnd(logical);
		if (colon <= 0) {
			problems.push({line, text: logical, reason: {en: 'no "name:" at the start: Postfix skips this line', zh: '行首没有“名字:”：Postfix 会跳过这一行'}});
			continue;
		}

		const name = unquote(logical.slice(0, colon)).toLowerCase();
		if (name === '') {
			problems.push({line, text: logical, reason: {en: 'the name before ":" is empty', zh: '“:”前的名字为空'}});
			continue;
		}

		const targets = splitValues(logical.slice(colon + 1)).map(item => classify(item));
		if (targets.length === 0) {
			problems.push({line, text: logical, reason: {en: `"${name}" has no value`, zh: `“${name}”没有值`}});
			continue;
		}

		if (seen.has(name)) {
			problems.push({line, text: logical, reason: {en: `"${name}" is defined twice: Postfix uses the first entry`, zh: `“${name}”定义了两次：Postfix 使用第一个`}});
			continue;
		}

		seen.add(name);
		entries.push({name, line, targets});
	}

	return {entries, problems};
}

/** The source text of each readable alias_maps table: `hash:/etc/aliases` → `/etc/aliases`. */
export interface AliasMapSource {
	/** As alias_maps lists it, e.g. `hash:/etc/aliases`. */
	readonly table: string;
	/** The file holding the source text, or undefined for a table no file describes (nis:, ldap:…). */
	readonly file: string | undefined;
}

/** Items of alias_maps (already expanded) with the file each one was built from. */
export function aliasSources(items: readonly string[]): AliasMapSource[] {
	return items.map(table => ({table, file: mapFileOf(table)?.source}));
}
