import {Box, Text} from 'ink';
import type {ReactNode} from 'react';
import {theme} from '../theme.js';

export interface KeyHint {
	readonly key: string;
	readonly action: string;
}

/** Every screen: where you are on top, what the keys do at the bottom. */
export function Frame({title, sandbox, keys, children}: {readonly title: string; readonly sandbox?: string; readonly keys: readonly KeyHint[]; readonly children: ReactNode}) {
	return (
		<Box flexDirection="column">
			<Box gap={1}>
				<Text bold color={theme.title}>postfix-wizard</Text>
				<Text color={theme.muted}>·</Text>
				<Text bold>{title}</Text>
				{sandbox && <Text inverse color={theme.warn}>{` ${sandbox} `}</Text>}
			</Box>
			<Box flexDirection="column" marginY={1}>{children}</Box>
			<Box gap={2} flexWrap="wrap">
				{keys.map(hint => (
					<Text key={hint.key}>
						<Text bold color={theme.key}>{hint.key}</Text>
						<Text color={theme.muted}> {hint.action}</Text>
					</Text>
				))}
			</Box>
		</Box>
	);
}
