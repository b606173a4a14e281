/**
 * `postconf -e` appends parameters main.cf did not set in the order of its own hash
 * table, which differs from run to run (seen on 3.7.11). Putting that trailing block
 * into the order asked for makes the result reproducible: the same answers always
 * give the same bytes, so a preview, a rerun and a fleet agree. Nothing else moves.
 * Only the tail is decoded (latin1: every byte survives) and rewritten, in place (the
 * buffer given is changed and returned), so a huge main.cf costs no copy of its lines.
 */
export function orderAppended(bytes: Buffer, appendedNames: readonly string[]): Buffer {
	if (appendedNames.length < 2) {
		return bytes;
	}

	const hasFinalNewline = bytes.at(-1) === 0x0A;
	const end = hasFinalNewline ? bytes.length - 1 : bytes.length;
	// The start of the last `appendedNames.length` lines.
	let start = end;
	for (let found = 0; found < appendedNames.length; found++) {
		start = start <= 0 ? -1 : bytes.lastIndexOf(0x0A, start - 1);
		if (start < 0) {
			break;
		}
	}

	const tailStart = start < 0 ? 0 : start + 1;
	const tail = bytes.subarray(tailStart, end).toString('latin1').split('\n');
	const nameOf = (line: string) => line.match(/^([\w.-]+)\s*=/)?.[1];
	const tailNames = tail.map(line => nameOf(line));
	const wanted = new Set(appendedNames);
	if (tail.length !== appendedNames.length || tailNames.some(name => name === undefined || !wanted.has(name)) || new Set(tailNames).size !== wanted.size) {
		// Not the block we expect (a folded value, say): leave postconf's bytes alone.
		return bytes;
	}

	const byName = new Map(tail.map(line => [nameOf(line)!, line]));
	// The same lines in another order take as many bytes: the tail is rewritten in place.
	bytes.write(appendedNames.map(name => byName.get(name)!).join('\n'), tailStart, 'latin1');
	return bytes;
}
