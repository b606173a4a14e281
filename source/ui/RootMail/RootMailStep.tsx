import {Box, Text} from 'ink';
import type {Lang} from '../../i18n/lang.js';
import {rootMailAnswer} from '../../rootmail/answers.js';
import {type OriginFacts, resolveOrigin} from '../../settings/origin.js';
import {useKeys} from '../input/use-keys.js';
import {uiMessages} from '../messages.js';
import {theme} from '../theme.js';
import {AddressStep} from './AddressStep.js';
import {rootMailMessages} from './messages.js';

export interface RootMailStepProps {
	/** Which of the two steps: root's mail, or the sender. */
	readonly id: typeof rootMailAnswer.rootTo | typeof rootMailAnswer.sendAs;
	readonly step: number;
	readonly total: number;
	readonly answers: Readonly<Record<string, string>>;
	readonly rootProposal: string | undefined;
	/** What `$mydomain` and /etc/mailname hold: the myorigin answer is quoted as it resolves. */
	readonly facts?: OriginFacts;
	readonly lang: Lang;
	readonly sandboxMode: boolean;
	readonly onChange: (name: string, value: string) => void;
	readonly onAccept: () => void;
	readonly onBack: () => void;
}

/** "Who reads this machine's mail" and "Send as": one address each, both optional. */
export function RootMailStep({id, step, total, answers, rootProposal, facts, lang, sandboxMode, onChange, onAccept, onBack}: RootMailStepProps) {
	const r = rootMailMessages[lang];
	// The domain root's mail leaves with: the myorigin answered before, as Postfix resolves it.
	const typedOrigin = (answers['myorigin'] ?? '').trim();
	const resolved = resolveOrigin(typedOrigin, facts ?? {});
	const origin = (resolved.ok ? resolved.domain.trim() : '') || typedOrigin || '$myorigin';
	const scope = answers[rootMailAnswer.scope] === 'all' ? 'all' : 'local';
	useKeys((_input, key) => {
		if (key.tab && id === rootMailAnswer.sendAs) {
			onChange(rootMailAnswer.scope, scope === 'all' ? 'local' : 'all');
		}
	});

	const common = {step, total, lang, sandboxMode, value: answers[id] ?? '', onChange: (value: string) => onChange(id, value), onAccept, onBack};
	if (id === rootMailAnswer.rootTo) {
		return (
			<AddressStep {...common} title={r.rootTitle} explanation={r.rootExplanation(origin)} label={r.rootLabel}>
				{rootProposal && <Box marginTop={1}><Text color={theme.muted}>{r.rootFromAliases(rootProposal)}</Text></Box>}
			</AddressStep>
		);
	}

	return (
		<AddressStep {...common} title={r.sendAsTitle} explanation={r.sendAsExplanation(origin)} label={r.sendAsLabel} extraKeys={[{key: r.tab, action: r.toggleScope}]}>
			<Box marginTop={1}>
				<Text>{r.scopeLabel}{uiMessages[lang].colon}<Text color={theme.ok}>{r.scope[scope]}</Text></Text>
			</Box>
		</AddressStep>
	);
}
