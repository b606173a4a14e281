import {Box, Text} from 'ink';
import type {ReactNode} from 'react';

/**
 * A line after a mark (✔, ✖, !), wrapped under its own text rather than under the mark, so a
 * long path or reply reads as one item of a checklist.
 */
export function Marked({mark, color, children}: {readonly mark: string; readonly color?: string; readonly children: ReactNode}) {
	return (
		<Box>
			<Box flexShrink={0} marginRight={1}><Text color={color}>{mark}</Text></Box>
			<Box flexDirection="column" flexShrink={1}>{children}</Box>
		</Box>
	);
}
