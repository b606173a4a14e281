/**
 * `postconf -e` appends parameters main.cf did not set in the order of its own hash
 * table, which differs from run to run (seen on 3.7.11). Putting that trailing block
 * into the order asked for makes the result reproducible: the same answers always
 * give the same bytes, so a preview, a rerun and a fleet agree. Nothing else moves.
 */
export function orderAppended(text: string, appendedNames: readonly string[]): string {
	if (appendedNames.length < 2) {
		return text;
	}

	const hasFinalNewline = text.endsWith('\n');
	const lines = (hasFinalNewline ? text.slice(0, -1) : text).split('\n');
	const tail = lines.slice(-appendedNames.length);
	const nameOf = (line: string) => line.match(/^([\w.-]+)\s*=/)?.[1];
	const tailNames = tail.map(line => nameOf(line));
	const wanted = new Set(appendedNames);
	if (tailNames.some(name => name === undefined || !wanted.has(name)) || new Set(tailNames).size !== wanted.size) {
		// Not the block we expect (a folded value, say): leave postconf's bytes alone.
		return text;
	}

	const byName = new Map(tail.map(line => [nameOf(line)!, line]));
	const ordered = appendedNames.map(name => byName.get(name)!);
	return [...lines.slice(0, -appendedNames.length), ...ordered].join('\n') + (hasFinalNewline ? '\n' : '');
}
