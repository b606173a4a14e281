import {Box, Text, type TextProps} from 'ink';
import {breakUnits} from './break-units.js';

/** A stretch of one paragraph in its own colour (a remark muted after the sentence). */
export interface ProsePart {
	readonly text: string;
	readonly color?: TextProps['color'];
}

export interface ProseProps {
	/** The text (lines split at \n), or one line's parts, each in its colour. */
	readonly children: string | readonly ProsePart[];
	readonly color?: TextProps['color'];
	readonly bold?: boolean;
}

/**
 * A paragraph that wraps as its language does. Ink breaks lines at blanks only, so Chinese,
 * which has none, jumped whole to the next line after each English word in it (`把 Postfix`
 * then a line break); and a blank that fell on the last column began the next line. Here
 * every unit a line may break after, with its trailing blanks, is laid out in a wrapping row.
 */
export function Prose({children, color, bold}: ProseProps) {
	if (typeof children !== 'string') {
		return (
			<Box flexDirection="row" flexWrap="wrap">
				{children.flatMap((part, index) => breakUnits(part.text).map((unit, position) => (
					// eslint-disable-next-line react/no-array-index-key -- units of one fixed line
					<Text key={`${index}-${position}`} color={part.color ?? color} bold={bold}>{unit}</Text>
				)))}
			</Box>
		);
	}

	return (
		<Box flexDirection="column">
			{children.split('\n').map((line, index) => (line === ''
				// eslint-disable-next-line react/no-array-index-key -- lines of one fixed text
				? <Text key={index}> </Text>
				// eslint-disable-next-line react/no-array-index-key -- lines of one fixed text
				: <Box key={index} flexDirection="row" flexWrap="wrap">
					{breakUnits(line).map((unit, position) => (
						// eslint-disable-next-line react/no-array-index-key -- units of one fixed line
						<Text key={position} color={color} bold={bold}>{unit}</Text>
					))}
				</Box>
			))}
		</Box>
	);
}
