import {Box, Text} from 'ink';
import type {ReactElement, ReactNode} from 'react';
import {Prose} from '../Prose/Prose.js';

/**
 * A line after a mark (✔, ✖, !, or a spinner), wrapped under its own text rather than under
 * the mark, so a long path, reply or warning reads as one item of a checklist. A mark given as
 * text takes `color` and `bold`; an element (a Spinner) brings its own. A sentence given as
 * text is written in the mark's colour and weight, wrapped as its language does (Prose);
 * elements are laid out as they are, one under the other.
 */
export function Marked({mark, color, bold, children}: {readonly mark: string | ReactElement; readonly color?: string; readonly bold?: boolean; readonly children: ReactNode}) {
	return (
		<Box>
			<Box flexShrink={0} marginRight={1}>{typeof mark === 'string' ? <Text color={color} bold={bold}>{mark}</Text> : mark}</Box>
			<Box flexDirection="column" flexShrink={1}>{typeof children === 'string' ? <Prose color={color} bold={bold}>{children}</Prose> : children}</Box>
		</Box>
	);
}
