import {Box, Text} from 'ink';
import {theme} from '../theme.js';

function colorOf(line: string): string | undefined {
	if (line.startsWith('+++') || line.startsWith('---')) {
		return undefined;
	}

	if (line.startsWith('+')) {
		return theme.added;
	}

	if (line.startsWith('-')) {
		return theme.removed;
	}

	return line.startsWith('@@') ? theme.hunk : undefined;
}

/** A window of a unified diff, coloured like `git diff`. */
export function Diff({lines, offset, height}: {readonly lines: readonly string[]; readonly offset: number; readonly height: number}) {
	return (
		<Box flexDirection="column">
			{lines.slice(offset, offset + height).map((line, index) => (
				<Text key={offset + index} color={colorOf(line)} bold={line.startsWith('+++') || line.startsWith('---')} wrap="truncate-end">
					{line === '' ? ' ' : line}
				</Text>
			))}
		</Box>
	);
}
