import {Box, Text} from 'ink';
import type {ReactNode} from 'react';
import type {Lang} from '../../i18n/lang.js';
import type {SyntaxProblem} from '../../settings/syntax.js';
import {useKeys} from '../input/use-keys.js';
import {uiMessages} from '../messages.js';
import {theme} from '../theme.js';
import {Frame} from '../Frame/Frame.js';
import {Prose} from '../Prose/Prose.js';
import {TextField} from '../TextField/TextField.js';
import {rootMailMessages} from './messages.js';
import {Marked} from '../Marked/Marked.js';

export interface AddressStepProps {
	readonly title: string;
	readonly explanation: string;
	readonly label: string;
	readonly step: number;
	readonly total: number;
	readonly value: string;
	/** Why the value cannot be taken (the state's one check), undefined when it can or is empty. */
	readonly problem: SyntaxProblem | undefined;
	readonly lang: Lang;
	readonly sandboxMode: boolean;
	/** Lines between the explanation and the field (what the aliases say, what the relay needs). */
	readonly children?: ReactNode;
	readonly extraKeys?: ReadonlyArray<{readonly key: string; readonly action: string}>;
	/** What Enter says on an empty field (default: skip). */
	readonly skipLabel?: string;
	readonly onChange: (value: string) => void;
	readonly onAccept: () => void;
	readonly onBack: () => void;
}

/** An optional address someone reads elsewhere: root's mail, or the verified sender. Empty skips the step. */
export function AddressStep({title, explanation, label, step, total, value, problem, lang, sandboxMode, children, extraKeys = [], skipLabel, onChange, onAccept, onBack}: AddressStepProps) {
	const m = uiMessages[lang];
	const r = rootMailMessages[lang];
	useKeys((_input, key) => {
		if (key.escape) {
			onBack();
		}
	});

	return (
		<Frame
			lang={lang}
			title={`${m.stepOf(step, total)} · ${title}`}
			sandbox={sandboxMode ? m.sandboxBadge : undefined}
			keys={[
				{key: m.keys.enter, action: value.trim() === '' ? skipLabel ?? r.skip : m.actions.accept},
				...extraKeys,
				{key: m.keys.esc, action: m.actions.back},
				{key: m.keys.ctrlC, action: m.actions.quit},
			]}
			pinned={(
				<>
					<Box>
						<Text bold>{label} = </Text>
						<TextField value={value} onChange={onChange} onSubmit={onAccept} />
					</Box>
					{problem && (
						<Box flexDirection="column">
							<Marked mark="✖" color={theme.error}>{problem.rule[lang]}</Marked>
							<Text color={theme.muted}>{m.setting.invalid}</Text>
						</Box>
					)}
				</>
			)}
		>
			<Prose>{explanation}</Prose>
			{children}
		</Frame>
	);
}
