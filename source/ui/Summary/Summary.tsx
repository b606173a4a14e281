import {Box, Text} from 'ink';
import {useState} from 'react';
import type {Lang} from '../../i18n/lang.js';
import {risksOf} from '../../plan/risks.js';
import {formatDeliveryReport} from '../../verify/format.js';
import {useKeys} from '../input/use-keys.js';
import type {SavedPlaybook, WizardEngine} from '../wizard/engine.js';
import {useTask} from '../wizard/use-task.js';
import {type Afterwards, type CommandContext, afterwards} from '../wizard/afterwards.js';
import type {WizardState} from '../wizard/state.js';
import {uiMessages} from '../messages.js';
import {theme} from '../theme.js';
import {Frame} from '../Frame/Frame.js';
import {useTerminalSize} from '../Frame/use-terminal-size.js';
import stringWidth from 'string-width';
import {commandRows} from './command-rows.js';
import {rootMailMessages} from '../RootMail/messages.js';
import {Marked} from '../Marked/Marked.js';

export interface SummaryProps {
	readonly state: WizardState;
	readonly lang: Lang;
	readonly commands: CommandContext;
	readonly sinkMessages: ReturnType<WizardEngine['sinkMessages']>;
	readonly onQuit: () => void;
	readonly onRetryMail: () => void;
	readonly onToRelay: () => void;
	/** "Save as playbook": the engine writes this machine's configuration for the Ansible system role. */
	readonly savePlaybook: (signal: AbortSignal) => Promise<SavedPlaybook>;
}

type SaveState =
	| {readonly status: 'idle' | 'saving'}
	| {readonly status: 'saved'; readonly saved: SavedPlaybook}
	| {readonly status: 'failed'; readonly message: string};

/** Where a command's rows start, and the room its note takes beside it. */
const commandIndent = 2;
const noteGap = 2;

/** The columns a command's rows have, beside its note. */
function commandWidth(columns: number, note: string | undefined): number {
	return columns - commandIndent - (note ? stringWidth(note) + noteGap : 0);
}

/** Where a command stands on the summary: under which heading. */
type CommandPlace = 'queue' | 'rollback' | 'apply' | 'verify' | 'playbook';

/** A command laid out in rows once, for drawing and for saying how it was printed. */
interface LaidCommand {
	readonly place: CommandPlace;
	readonly text: string;
	readonly note: string | undefined;
	readonly rows: readonly string[];
	/** A word wider than a row: drawn cut with …, printed whole on leaving. */
	readonly cut: boolean;
}

function layOut(place: CommandPlace, text: string, note: string | undefined, columns: number): LaidCommand {
	const width = commandWidth(columns, note);
	const rows = commandRows(text, width);
	return {place, text, note, rows, cut: rows.some(row => stringWidth(row) > width)};
}

/**
 * A command as it must be typed. Wider than the terminal, it goes on in rows joined by ` \`
 * (never wrapped where a shell would not join it, so what is copied runs as printed); a single
 * word wider than a row ends in … and is printed whole on leaving.
 */
function Command({command}: {readonly command: LaidCommand}) {
	return (
		<Box columnGap={noteGap}>
			<Box flexDirection="column" flexShrink={1} marginLeft={commandIndent}>
				{command.rows.map((row, index) => <Text key={index} color={theme.key} wrap="truncate-end">{row}</Text>)}
			</Box>
			{command.note && <Box flexShrink={0}><Text color={theme.muted}>{command.note}</Text></Box>}
		</Box>
	);
}

function verdictLine(after: Afterwards, lang: Lang): {mark: string; text: string; color: string} {
	const m = uiMessages[lang].summary.verdict;
	switch (after.verdict) {
		case 'leaves': {
			return {mark: '✔', text: m.leaves, color: theme.ok};
		}

		case 'stuck': {
			return {mark: '!', text: m.stuck(after.applied), color: theme.error};
		}

		case 'untested': {
			return {mark: '!', text: m.untested(after.applied), color: theme.warn};
		}
	}
}

export function Summary({state, lang, commands, sinkMessages, onQuit, onRetryMail, onToRelay, savePlaybook}: SummaryProps) {
	const m = uiMessages[lang];
	const after = afterwards(state, commands);
	const {columns} = useTerminalSize();
	const canGoToRelay = after.verdict === 'stuck';
	const [save, setSave] = useState<SaveState>({status: 'idle'});
	useTask(save.status === 'saving', savePlaybook, saved => setSave({status: 'saved', saved}), message => setSave({status: 'failed', message}), lang);
	useKeys((input, key) => {
		if (key.return || key.escape || input === 'q') {
			onQuit();
		} else if (input === 'r') {
			onRetryMail();
		} else if (input === 'b' && canGoToRelay) {
			onToRelay();
		} else if (input === 'p' && save.status !== 'saving') {
			setSave({status: 'saving'});
		}
	});

	const plan = state.prepared.status === 'ready' ? state.prepared.data.plan : undefined;
	const received = sinkMessages.at(-1);
	const shown = (value: string) => (value === '' ? m.setting.empty : value);
	const verdict = verdictLine(after, lang);
	const report = state.mail.report;
	const r = rootMailMessages[lang];
	const rootReport = state.mail.root.report;
	const playbookCommand = save.status === 'saved' ? `ansible-playbook -i INVENTORY ${save.saved.file}${save.saved.vaultVariables.length > 0 ? ' --ask-vault-pass' : ''}` : undefined;
	// Every command on screen, laid out once: drawn under its heading, and said once whether any goes on after a \ or has a word cut.
	const commandList: readonly LaidCommand[] = [
		...(after.verdict === 'stuck' && after.queue
			? [layOut('queue', after.queue.list, m.summary.queueList, columns), layOut('queue', after.queue.flush, m.summary.queueFlush, columns), ...(after.queue.remove ? [layOut('queue', after.queue.remove, m.summary.queueRemove, columns)] : [])]
			: []),
		...(after.rollback ? [layOut('rollback', after.rollback, undefined, columns)] : []),
		layOut('apply', after.apply, undefined, columns),
		...[after.verify, after.verifyRoot].flatMap(text => (text ? [layOut('verify', text, undefined, columns)] : [])),
		...(playbookCommand ? [layOut('playbook', playbookCommand, undefined, columns)] : []),
	];
	const commandsAt = (place: CommandPlace) => commandList.filter(command => command.place === place).map(command => <Command key={command.text} command={command} />);
	const continued = commandList.some(command => command.rows.length > 1);
	const cut = commandList.some(command => command.cut);
	const keys = [
		{key: m.keys.enter, action: m.actions.quitNow},
		{key: m.keys.r, action: m.actions.retryMail},
		...(canGoToRelay ? [{key: m.keys.b, action: m.actions.toRelay}] : []),
		{key: m.keys.p, action: m.actions.savePlaybook},
	];
	return (
		<Frame lang={lang} title={m.screens.summary} sandbox={commands.sandboxMode ? m.sandboxBadge : undefined} keys={keys}>
			<Marked mark={verdict.mark} color={verdict.color} bold>{verdict.text}</Marked>
			{after.verdict === 'stuck' && (
				<Box flexDirection="column">
					{report
						? formatDeliveryReport(report, lang).map((line, index) => <Text key={index}>{line}</Text>)
						: <Text>{m.testMail.failed}{m.colon}{state.mail.message}</Text>}
					{after.queue && (
						<>
							<Text bold>{m.summary.queue}{m.colonEnd}</Text>
							{commandsAt('queue')}
						</>
					)}
					{after.log && <Text><Text bold>{m.summary.log}</Text>{m.colon}{after.log}</Text>}
				</Box>
			)}
			{after.applied && risksOf(new Map(Object.entries(state.answers))).openRelay && (
				<Marked mark="!" color={theme.error} bold>{m.summary.openRelay(`inet_interfaces = ${state.answers['inet_interfaces'] ?? ''}`, `mynetworks = ${state.answers['mynetworks'] ?? ''}`)}</Marked>
			)}
			<Box flexDirection="column" marginTop={1}>
				<Text bold>{m.summary.changed}</Text>
				{state.outcome?.status === 'applied' && plan
					// The values wrap beside the name, so a long one never reads as the next parameter.
					? plan.changes.map(change => (
						<Box key={change.name} marginLeft={2}>
							<Box flexShrink={0}><Text>{change.name}{m.colon}</Text></Box>
							<Text><Text color={theme.removed}>{shown(change.from)}</Text> → <Text color={theme.added}>{shown(change.to)}</Text></Text>
						</Box>
					))
					: <Text>  {m.summary.unchanged}</Text>}
			</Box>
			{after.rollback && (
				<Box flexDirection="column" marginTop={1}>
					<Text><Text bold>{m.summary.backup}</Text>{m.colon}{after.backup}</Text>
					<Text bold>{m.summary.rollback}{m.colonEnd}</Text>
					{commandsAt('rollback')}
				</Box>
			)}
			<Box flexDirection="column" marginTop={1}>
				<Text bold>{commands.sandboxMode ? m.summary.onRealServer : m.summary.script}{m.colonEnd}</Text>
				{commandsAt('apply')}
				<Text bold>{m.summary.verify}{m.colonEnd}</Text>
				{commandsAt('verify')}
				{continued && <Text color={theme.muted}>{m.summary.goesOn}</Text>}
				{cut && <Text color={theme.muted}>{m.summary.cut}</Text>}
			</Box>
			{save.status === 'saving' && <Text color={theme.muted}>{m.summary.playbook.saving}</Text>}
			{save.status === 'failed' && <Text color={theme.error}>{m.summary.playbook.failed}{m.colon}{save.message}</Text>}
			{save.status === 'saved' && (
				<Box flexDirection="column" marginTop={1}>
					<Text><Text bold color={theme.ok}>{m.summary.playbook.saved}</Text>{m.colon}{save.saved.file}</Text>
					{save.saved.vaultVariables.length > 0 && <Text color={theme.muted}>{m.summary.playbook.vault(save.saved.vaultVariables)}</Text>}
					{commandsAt('playbook')}
				</Box>
			)}
			<Box flexDirection="column" marginTop={1}>
				<Text bold>{m.summary.testMail}{m.colon}<Text color={report?.status === 'sent' ? theme.ok : report ? theme.error : theme.muted}>{report ? `${m.summary.status[report.status]}${report.queueId ? m.parenthesized(report.queueId) : ''}` : m.summary.noMail}</Text></Text>
				{/* Cron's mail goes to root: where the same test arrived, and from which sender. */}
				{rootReport && (
					<Text>{r.rootTest}{m.colon}<Text color={rootReport.status === 'sent' ? theme.ok : theme.error}>{r.rootResult(rootReport.status, rootReport.recipient, rootReport.sender, rootReport.queueId)}</Text></Text>
				)}
				{state.mail.root.status === 'error' && <Text color={theme.error}>{r.rootTest}{m.colon}{state.mail.root.message}</Text>}
				{commands.sandboxMode && received && (
					<Text>{m.summary.sink}{m.colon}<Text color={theme.ok}>{m.quoted(received.subject ?? '')}</Text> {received.from} → {received.to.join(', ')}</Text>
				)}
				{commands.sandboxMode && <Text color={theme.muted}>{m.summary.removedOnExit}</Text>}
			</Box>
		</Frame>
	);
}
