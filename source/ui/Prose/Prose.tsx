import {Box, Text, type TextProps} from 'ink';
import {breakUnits} from './break-units.js';

export interface ProseProps {
	readonly children: string;
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
