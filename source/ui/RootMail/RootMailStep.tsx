import {Box, Text} from 'ink';
import type {Lang} from '../../i18n/lang.js';
import {rootMailAnswer} from '../../rootmail/answers.js';
import {type OriginFacts, resolveOrigin} from '../../settings/origin.js';
import type {SyntaxProblem} from '../../settings/syntax.js';
import {useKeys} from '../input/use-keys.js';
import {uiMessages} from '../messages.js';
import {theme} from '../theme.js';
import type {SenderOffer} from '../wizard/login.js';
import {AddressStep} from './AddressStep.js';
import {rootMailMessages} from './messages.js';

export interface RootMailStepProps {
	/** Which of the two steps: root's mail, or the sender. */
	readonly id: typeof rootMailAnswer.rootTo | typeof rootMailAnswer.sendAs;
	readonly step: number;
	readonly total: number;
	readonly answers: Readonly<Record<string, string>>;
	/** Why the typed address cannot be taken (the state's check: a mailbox elsewhere, not this machine's own names). */
	readonly problem: SyntaxProblem | undefined;
	readonly rootProposal: string | undefined;
	/** What `$mydomain` and /etc/mailname hold: the myorigin answer is quoted as it resolves. */
	readonly facts?: OriginFacts;
	/** The relay chosen accepts only verified senders: "Send as" is proposed with its reason. */
	readonly senderOffer: SenderOffer | undefined;
	readonly lang: Lang;
	readonly sandboxMode: boolean;
	readonly onChange: (name: string, value: string) => void;
	readonly onAccept: () => void;
	readonly onBack: () => void;
}

/** "Who reads this machine's mail" and "Send as": one address each, both optional. */
export function RootMailStep({id, step, total, answers, problem, rootProposal, facts, senderOffer, lang, sandboxMode, onChange, onAccept, onBack}: RootMailStepProps) {
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

	const value = answers[id] ?? '';
	const common = {step, total, lang, sandboxMode, value, problem, onChange: (typed: string) => onChange(id, typed), onAccept, onBack};
	if (id === rootMailAnswer.rootTo) {
		return (
			<AddressStep {...common} title={r.rootTitle} explanation={r.rootExplanation(origin)} label={r.rootLabel}>
				{rootProposal && <Box marginTop={1}><Text color={theme.muted}>{r.rootFromAliases(rootProposal)}</Text></Box>}
			</AddressStep>
		);
	}

	const provider = senderOffer?.provider.label[lang];
	return (
		<AddressStep
			{...common}
			title={provider ? r.sendAsNeededTitle(provider) : r.sendAsTitle}
			explanation={provider ? r.sendAsNeeded(provider, origin) : r.sendAsExplanation(origin)}
			label={r.sendAsLabel}
			extraKeys={[{key: r.tab, action: r.toggleScope}]}
			skipLabel={provider ? r.skipNeeded(provider) : undefined}
		>
			{senderOffer && (
				<Box marginTop={1} flexDirection="column">
					<Text color={theme.warn}>{r.providerNeeds(senderOffer.provider.sender[lang])}</Text>
					{senderOffer.proposal !== undefined && value.trim() === senderOffer.proposal && <Text color={theme.muted}>{r.proposedLogin}</Text>}
				</Box>
			)}
			<Box marginTop={1}>
				<Text>{r.scopeLabel}{uiMessages[lang].colon}<Text color={theme.ok}>{r.scope[scope]}</Text></Text>
			</Box>
		</AddressStep>
	);
}
