import {Box, Text} from 'ink';
import {theme} from '../theme.js';

export interface FactProps {
	readonly label: string;
	readonly value: string;
	/** Columns the label takes, so the values line up. */
	readonly labelWidth: number;
	readonly color?: string;
}

/**
 * One "label value" line. The label's column is laid out by Ink, which measures display
 * width: Chinese characters take two columns each, so padEnd() would misalign them.
 */
export function Fact({label, value, labelWidth, color}: FactProps) {
	return (
		<Box>
			<Box width={labelWidth} flexShrink={0}>
				<Text color={theme.muted}>{label}</Text>
			</Box>
			<Text color={color}>{value}</Text>
		</Box>
	);
}
