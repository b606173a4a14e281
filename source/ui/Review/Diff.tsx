import {Box, Text} from 'ink';
import type {Lang} from '../../i18n/lang.js';
import {localizeDiffLine} from '../../plan/diff-words.js';
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


/** A unified diff, coloured like `git diff`; one screen line per line (the frame scrolls it). */
export function Diff({lines, lang}: {readonly lines: readonly string[]; readonly lang: Lang}) {
	return (
		<Box flexDirection="column">
			{lines.map(line => localizeDiffLine(line, lang)).map((line, index) => (
				<Text key={index} color={colorOf(line)} bold={line.startsWith('+++') || line.startsWith('---')} wrap="truncate-end">
					{line === '' ? ' ' : line}
				</Text>
			))}
		</Box>
	);
}
