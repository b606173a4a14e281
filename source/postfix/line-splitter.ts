/**
 * One line of a byte stream: `bytes[start, end)`, without its newline (nor the carriage
 * return of a `\r\n`). No copy and no string is made for it: a caller that keeps the line
 * makes one, so a flood of lines nobody keeps allocates next to nothing.
 */
export type ByteLine = (bytes: Buffer, start: number, end: number) => void;

export interface ByteLineSplitter {
	/** The next chunk; nothing of it is kept past the call (a reader may reuse its buffer). */
	write(chunk: Buffer): void;
	/** The stream ended: a last line without its newline is a line too. */
	end(): void;
}

/** Splits a byte stream at newlines; a line cut between chunks is joined, and only then copied. */
export function byteLineSplitter(onLine: ByteLine): ByteLineSplitter {
	let partial: Buffer[] = [];
	const emit = (bytes: Buffer, start: number, end: number) => {
		onLine(bytes, start, end > start && bytes[end - 1] === 0x0D ? end - 1 : end);
	};

	const flush = (tail: Buffer) => {
		const line = Buffer.concat([...partial, tail]);
		partial = [];
		emit(line, 0, line.length);
	};

	return {
		write(chunk) {
			let start = 0;
			for (let end = chunk.indexOf(0x0A); end >= 0; end = chunk.indexOf(0x0A, start)) {
				if (partial.length > 0) {
					flush(chunk.subarray(start, end));
				} else {
					emit(chunk, start, end);
				}

				start = end + 1;
			}

			if (start < chunk.length) {
				partial.push(Buffer.from(chunk.subarray(start)));
			}
		},
		end() {
			if (partial.length > 0) {
				flush(Buffer.alloc(0));
			}
		},
	};
}

/**
 * Splits a byte stream into lines of text. A multi-byte character cut between chunks stays
 * whole: a line is decoded once it is complete, and a newline byte is never part of one.
 */
export function lineSplitter(onLine: (line: string) => void): (chunk: Buffer) => void {
	const split = byteLineSplitter((bytes, start, end) => {
		onLine(bytes.toString('utf8', start, end));
	});
	return chunk => {
		split.write(chunk);
	};
}
