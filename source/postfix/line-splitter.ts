import {StringDecoder} from 'node:string_decoder';

/** Splits a byte stream into lines, keeping a multi-byte character cut between chunks whole. */
export function lineSplitter(onLine: (line: string) => void): (chunk: Buffer) => void {
	const decoder = new StringDecoder('utf8');
	let rest = '';
	return chunk => {
		const lines = (rest + decoder.write(chunk)).split('\n');
		rest = lines.pop() ?? '';
		for (const line of lines) {
			onLine(line.replace(/\r$/, ''));
		}
	};
}
