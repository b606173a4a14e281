import {Box, Text} from 'ink';
import {Spinner} from '../Spinner/Spinner.js';
import type {Lang, Messages} from '../../i18n/lang.js';
import type {CheckResult, VerifyReport} from '../../verify/checks.js';
import {formatDeliveryReport} from '../../verify/format.js';
import type {TrackEvent} from '../../verify/types.js';

export interface VerifyState {
	readonly checks: readonly CheckResult[];
	readonly mail: readonly TrackEvent[];
	readonly done: VerifyReport | undefined;
}

const look: Readonly<Record<CheckResult['status'], {mark: string; color: string}>> = {
	pass: {mark: '✔', color: 'green'},
	warn: {mark: '!', color: 'yellow'},
	fail: {mark: '✖', color: 'red'},
	skip: {mark: '-', color: 'gray'},
};

const en = {
	title: 'postfix-wizard verify · null-client audit',
	working: 'checking…',
	mail: 'test mail',
	pass: 'All checks pass.',
	fail: 'Some checks fail: see ✖ above.',
	quit: 'Ctrl-C stops',
	colon: ': ',
	queueId: (id: string) => `queue ID ${id}`,
	handedOver: 'handed to sendmail',
	parenthesized: (text: string) => `(${text})`,
};

const zh: typeof en = {
	title: 'postfix-wizard verify · 空客户端检查',
	working: '检查中…',
	mail: '测试邮件',
	pass: '全部检查通过。',
	fail: '有检查未通过：见上方 ✖。',
	quit: 'Ctrl-C 停止',
	colon: '：',
	queueId: (id: string) => `队列 ID ${id}`,
	handedOver: '已交给 sendmail',
	parenthesized: (text: string) => `（${text}）`,
};

/** Typed per language: a word missing in Chinese fails the type check. */
const words: Messages<typeof en> = {en, zh};

function mailProgress(events: readonly TrackEvent[], w: typeof en): string | undefined {
	const queued = events.findLast(event => event.type === 'queued');
	const submitted = events.find(event => event.type === 'submitted');
	if (queued?.type === 'queued') {
		return w.queueId(queued.queueId);
	}

	return submitted ? w.handedOver : undefined;
}

export function VerifyView({state, lang}: {readonly state: VerifyState; readonly lang: Lang}) {
	const w = words[lang];
	const progress = mailProgress(state.mail, w);
	return (
		<Box flexDirection="column">
			<Text bold>{w.title}</Text>
			{state.checks.map(check => (
				<Box key={check.id}>
					<Box width={2} flexShrink={0}>
						<Text color={look[check.status].color}>{look[check.status].mark}</Text>
					</Box>
					{/* One Text, so that a long detail wraps under the title instead of squeezing it. */}
					<Text wrap="wrap"><Text bold>{check.title[lang]}{w.colon}</Text>{check.detail[lang]}</Text>
				</Box>
			))}
			{state.done === undefined && (
				<Box gap={1}>
					<Spinner label={progress ? `${w.mail}${w.colon}${progress}` : w.working} />
					<Text dimColor>{w.parenthesized(w.quit)}</Text>
				</Box>
			)}
			{state.done?.delivery && (
				<Box flexDirection="column" marginTop={1}>
					{formatDeliveryReport(state.done.delivery, lang).map(line => <Text key={line}>{line}</Text>)}
				</Box>
			)}
			{state.done && <Text color={state.done.ok ? 'green' : 'red'}>{state.done.ok ? w.pass : w.fail}</Text>}
		</Box>
	);
}
