import {Box, Text} from 'ink';
import {useMemo} from 'react';
import type {Lang} from '../../i18n/lang.js';
import {localizeDiffLine} from '../../plan/diff-words.js';
import {theme} from '../theme.js';
import {continuationMark, diffRows} from './diff-rows.js';

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

const isHeader = (line: string) => line.startsWith('+++') || line.startsWith('---');

/**
 * A unified diff, coloured like `git diff`. A line wider than the terminal wraps: its next
 * rows start with ↳ in the line's colour, so nothing is cut off and the frame, which scrolls
 * the diff, pages through the rows as drawn.
 */
export function Diff({lines, lang, columns}: {readonly lines: readonly string[]; readonly lang: Lang; readonly columns: number}) {
	const rows = useMemo(() => diffRows(lines.map(line => localizeDiffLine(line, lang)), columns), [lines, lang, columns]);
	return (
		<Box flexDirection="column">
			{rows.map((row, index) => (
				// eslint-disable-next-line react/no-array-index-key -- rows of one fixed diff
				<Text key={index} color={colorOf(row.line)} bold={isHeader(row.line)} wrap="truncate-end">
					{row.continued ? <Text dimColor={colorOf(row.line) === undefined}>{continuationMark}</Text> : undefined}
					{row.text === '' ? ' ' : row.text}
				</Text>
			))}
		</Box>
	);
}
