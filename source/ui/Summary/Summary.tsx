import {Box, Text} from 'ink';
import {useKeys} from '../input/use-keys.js';
import type {Lang} from '../../i18n/lang.js';
import {equivalentApplyCommand, shellQuote} from '../../commands/format.js';
import type {WizardEngine} from '../wizard/engine.js';
import type {WizardState} from '../wizard/state.js';
import {safeLoginAccess} from '../wizard/login.js';
import {uiMessages} from '../messages.js';
import {theme} from '../theme.js';
import {Frame} from '../Frame/Frame.js';

export interface SummaryProps {
	readonly state: WizardState;
	readonly lang: Lang;
	readonly sandboxMode: boolean;
	readonly sinkMessages: ReturnType<WizardEngine['sinkMessages']>;
	readonly onQuit: () => void;
}

export function Summary({state, lang, sandboxMode, sinkMessages, onQuit}: SummaryProps) {
	const m = uiMessages[lang];
	useKeys((input, key) => {
		if (key.return || key.escape || input === 'q') {
			onQuit();
		}
	});

	const plan = state.prepared.status === 'ready' ? state.prepared.data.plan : undefined;
	const applied = state.outcome?.status === 'applied' ? state.outcome : undefined;
	const configDir = state.preflight.status === 'ready' && state.preflight.data.installed ? state.preflight.data.configDir : undefined;
	const answers = new Map(Object.entries(state.answers));
	const access = state.login ? safeLoginAccess(state.login, state.answers['relayhost'] ?? '') : undefined;
	const configArg = sandboxMode || configDir === '/etc/postfix' ? undefined : configDir;
	const received = sinkMessages.at(-1);
	const command = `postfix-wizard${configArg ? ` --config-dir ${shellQuote(configArg)}` : ''}`;
	const shown = (value: string) => (value === '' ? m.setting.empty : value);
	return (
		<Frame title={m.screens.summary} sandbox={sandboxMode ? m.sandboxBadge : undefined} keys={[{key: m.keys.enter, action: m.actions.quitNow}]}>
			<Text bold color={theme.ok}>✔ {m.summary.done}</Text>
			<Box flexDirection="column" marginTop={1}>
				<Text bold>{m.summary.changed}</Text>
				{applied && plan
					? plan.changes.map(change => <Text key={change.name}>  {change.name}: <Text color={theme.removed}>{shown(change.from)}</Text> → <Text color={theme.added}>{shown(change.to)}</Text></Text>)
					: <Text>  {m.summary.unchanged}</Text>}
			</Box>
			{applied?.backup && (
				<Box flexDirection="column" marginTop={1}>
					<Text><Text bold>{m.summary.backup}: </Text>{applied.backup.path}</Text>
					<Text bold>{m.summary.rollback}:</Text>
					<Text color={theme.muted}>  {command} rollback {shellQuote(applied.backup.path)}</Text>
				</Box>
			)}
			<Box flexDirection="column" marginTop={1}>
				<Text bold>{m.summary.script}:</Text>
				<Text color={theme.muted}>  {equivalentApplyCommand(answers, configArg, access)}</Text>
				<Text bold>{m.summary.verify}:</Text>
				<Text color={theme.muted}>  {command} verify --to {shellQuote(state.mail.to.trim() || 'you@example.com')}</Text>
			</Box>
			<Box flexDirection="column" marginTop={1}>
				<Text bold>{m.summary.testMail}: <Text color={state.mail.report?.status === 'sent' ? theme.ok : state.mail.report ? theme.error : theme.muted}>{state.mail.report ? `${state.mail.report.status}${state.mail.report.queueId ? ` (${state.mail.report.queueId})` : ''}` : m.summary.noMail}</Text></Text>
				{sandboxMode && received && (
					<Text>{m.summary.sink}: <Text color={theme.ok}>"{received.subject}"</Text> {received.from} → {received.to.join(', ')}</Text>
				)}
				{sandboxMode && <Text color={theme.muted}>{m.summary.removedOnExit}</Text>}
			</Box>
		</Frame>
	);
}
