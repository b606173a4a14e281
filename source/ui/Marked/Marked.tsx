import {Box, Text} from 'ink';
import type {ReactElement, ReactNode} from 'react';

/**
 * A line after a mark (✔, ✖, !, or a spinner), wrapped under its own text rather than under
 * the mark, so a long path, reply or warning reads as one item of a checklist. A mark given as
 * text takes `color`; an element (a Spinner) brings its own.
 */
export function Marked({mark, color, bold, children}: {readonly mark: string | ReactElement; readonly color?: string; readonly bold?: boolean; readonly children: ReactNode}) {
	return (
		<Box>
			<Box flexShrink={0} marginRight={1}>{typeof mark === 'string' ? <Text color={color} bold={bold}>{mark}</Text> : mark}</Box>
			<Box flexDirection="column" flexShrink={1}>{children}</Box>
		</Box>
	);
}
