import {Box, Text} from 'ink';
import {useKeys} from '../input/use-keys.js';
import {Spinner} from '../Spinner/Spinner.js';
import {TextField} from '../TextField/TextField.js';
import type {Lang} from '../../i18n/lang.js';
import {addressProblem} from '../../settings/address.js';
import {formatDeliveryReport} from '../../verify/format.js';
import {rootMailMessages} from '../RootMail/messages.js';
import type {MailState} from '../wizard/state.js';
import {uiMessages} from '../messages.js';
import {theme} from '../theme.js';
import {Frame} from '../Frame/Frame.js';
import {Prose} from '../Prose/Prose.js';
import {Marked} from '../Marked/Marked.js';

export interface TestMailProps {
	readonly mail: MailState;
	readonly lang: Lang;
	readonly sandboxMode: boolean;
	readonly onChange: (to: string) => void;
	readonly onSend: () => void;
	readonly onDone: () => void;
}

/** One address, as the recipient field takes it: the project's one address check. */
function looksLikeAddress(value: string): boolean {
	return addressProblem(value) === undefined;
}

export function TestMail({mail, lang, sandboxMode, onChange, onSend, onDone}: TestMailProps) {
	const m = uiMessages[lang];
	const editing = mail.status === 'editing' || mail.status === 'error';
	const valid = looksLikeAddress(mail.to);
	useKeys((_input, key) => {
		if (editing && key.escape) {
			onDone();
		} else if (mail.status === 'done' && mail.root.status !== 'sending' && (key.return || key.escape)) {
			onDone();
		}
	});

	const queued = mail.events.findLast(event => event.type === 'queued');
	const keys = editing
		? [{key: m.keys.enter, action: m.actions.send}, {key: m.keys.esc, action: m.actions.skip}, {key: m.keys.ctrlU, action: m.actions.clear}, {key: m.keys.ctrlC, action: m.actions.quitNow}]
		: mail.status === 'done' && mail.root.status !== 'sending'
			? [{key: m.keys.enter, action: m.actions.continue}, {key: m.keys.ctrlC, action: m.actions.quitNow}]
			: [{key: m.keys.ctrlC, action: m.actions.quitNow}];
	return (
		<Frame lang={lang} title={m.screens.testMail} sandbox={sandboxMode ? m.sandboxBadge : undefined} keys={keys}>
			<Prose>{m.testMail.intro}</Prose>
			<Box marginTop={1}>
				<Text bold>{m.testMail.recipient}{m.colon}</Text>
				{editing
					? <TextField value={mail.to} onChange={onChange} onSubmit={to => looksLikeAddress(to) && onSend()} />
					: <Text>{mail.to}</Text>}
			</Box>
			{editing && mail.to !== '' && !valid && <Marked mark="✖" color={theme.error}>{m.testMail.invalid}</Marked>}
			{mail.status === 'error' && <Marked mark="✖" color={theme.error}>{`${m.testMail.failed}${m.colon}${mail.message}`}</Marked>}
			{mail.events.some(event => event.type === 'no-log') && <Marked mark="!" color={theme.warn}>{m.testMail.noLog}</Marked>}
			{mail.status === 'sending' && <Spinner label={queued?.type === 'queued' ? m.testMail.queued(queued.queueId) : m.testMail.sending} />}
			{mail.report && (
				<Box flexDirection="column" marginTop={1}>
					{formatDeliveryReport(mail.report, lang).map((line, index) => (
						<Text key={index} color={index === 0 ? (mail.report?.status === 'sent' ? theme.ok : mail.report?.status === 'left-queue' ? theme.warn : theme.error) : undefined}>{line}</Text>
					))}
				</Box>
			)}
			{mail.root.status === 'sending' && <Spinner label={rootMailMessages[lang].rootSending} />}
			{mail.root.status === 'error' && <Marked mark="✖" color={theme.error}>{`${rootMailMessages[lang].rootTest}${m.colon}${mail.root.message}`}</Marked>}
			{mail.root.report && (
				<Box flexDirection="column" marginTop={1}>
					<Text bold>{rootMailMessages[lang].rootTest}</Text>
					<Text color={mail.root.report.status === 'sent' ? theme.ok : theme.error}>{rootMailMessages[lang].rootResult(mail.root.report.status, mail.root.report.recipient, mail.root.report.sender, mail.root.report.queueId)}</Text>
					{mail.root.report.status !== 'sent' && mail.root.report.reply && <Text color={theme.muted}>  {mail.root.report.reply}</Text>}
				</Box>
			)}
		</Frame>
	);
}
