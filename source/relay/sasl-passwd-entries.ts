/**
 * Editing a sasl_passwd that others wrote into too: per-sender entries
 * (smtp_sender_dependent_authentication), other relays' entries, comments. A login
 * replaces only the entries Postfix would use for its relay; "no login" takes out only
 * those, and the file goes only when nothing else is left in it.
 */

/** One logical entry (a key line and its continuation lines), or a comment or blank line. */
interface Chunk {
	/** The lookup key, lower-cased as postmap folds it; undefined for comments and blank lines. */
	readonly key: string | undefined;
	readonly lines: readonly string[];
}

/** Postfix's table syntax: `#` and blank lines are ignored, a line starting with whitespace continues the entry before it. */
function chunksOf(text: string): Chunk[] {
	const lines = text.split('\n');
	if (lines.at(-1) === '') {
		lines.pop();
	}

	const chunks: Array<{key: string | undefined; lines: string[]}> = [];
	for (const line of lines) {
		const ignored = /^\s*(#|$)/.test(line);
		const continues = !ignored && /^\s/.test(line);
		const last = chunks.at(-1);
		if (continues && last?.key !== undefined) {
			last.lines.push(line);
		} else {
			chunks.push({key: ignored ? undefined : line.trim().split(/\s+/)[0]!.toLowerCase(), lines: [line]});
		}
	}

	return chunks;
}

function textOf(chunks: readonly Chunk[]): string {
	const lines = chunks.flatMap(chunk => chunk.lines);
	return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
}

const folded = (keys: readonly string[]) => new Set(keys.filter(Boolean).map(key => key.toLowerCase()));

/**
 * The file with `line` as the entry for the relay: the first entry under one of `keys`
 * (the relayhost as written, the relay's host name: Postfix tries both) is replaced in
 * place, any other under those keys dropped (it would shadow the new password), and every
 * other line kept as it was. Without such an entry, `line` is appended.
 */
export function withRelayEntry(existing: string | undefined, keys: readonly string[], line: string): string {
	const ours = folded(keys);
	const entry = {key: undefined, lines: [line.replace(/\n$/, '')]};
	let placed = false;
	const chunks = chunksOf(existing ?? '').flatMap(chunk => {
		if (chunk.key === undefined || !ours.has(chunk.key)) {
			return [chunk];
		}

		const first = !placed;
		placed = true;
		return first ? [entry] : [];
	});
	return textOf(placed ? chunks : [...chunks, entry]);
}

/** The file without the entries under `keys`, and the keys of the entries left (none: the file may go). */
export function withoutRelayEntries(existing: string, keys: readonly string[]): {readonly text: string; readonly others: readonly string[]} {
	const ours = folded(keys);
	const kept = chunksOf(existing).filter(chunk => chunk.key === undefined || !ours.has(chunk.key));
	return {text: textOf(kept), others: kept.flatMap(chunk => (chunk.key === undefined ? [] : [chunk.key]))};
}
