import {Box, Static, Text} from 'ink';
import {Spinner} from '../Spinner/Spinner.js';
import {Marked} from '../Marked/Marked.js';
import type {Lang, Localized, Messages} from '../../i18n/lang.js';
import type {CheckResult, VerifyReport} from '../../verify/checks.js';
import {formatDeliveryReport} from '../../verify/format.js';
import {type VerifyState, stoppedLines} from '../../verify/progress.js';
import {statusLook as look, theme} from '../theme.js';
import {useTerminalSize} from '../Frame/use-terminal-size.js';


const en = {
	title: 'postfix-wizard verify · null-client audit',
	pass: 'All checks pass.',
	fail: 'Some checks fail: see ✖ above.',
	keys: 'q or Ctrl-C stops',
	colon: ': ',
	pending: 'pending',
};

const zh: typeof en = {
	title: 'postfix-wizard verify · 空客户端检查',
	pass: '全部检查通过。',
	fail: '有检查未通过：见上方 ✖。',
	keys: '按 q 或 Ctrl-C 停止',
	colon: '：',
	pending: '等待中',
};

/** Typed per language: a word missing in Chinese fails the type check. */
const words: Messages<typeof en> = {en, zh};

function CheckLine({check, lang, width}: {readonly check: CheckResult; readonly lang: Lang; readonly width?: number}) {
	const w = words[lang];
	return (
		<Box width={width}>
			<Marked mark={look[check.status].mark} color={look[check.status].color}>
				{/* One Text, so that a long detail wraps under the title instead of squeezing it. */}
				<Text wrap="wrap"><Text bold>{check.title[lang]}{w.colon}</Text>{check.detail[lang]}</Text>
			</Marked>
		</Box>
	);
}

function StageLine({title, doing, lang}: {readonly title: Localized; readonly doing: Localized; readonly lang: Lang}) {
	const w = words[lang];
	return (
		<Marked mark={<Spinner />}>
			<Text wrap="wrap"><Text bold>{title[lang]}{w.colon}</Text><Text color={theme.title}>{doing[lang]}…</Text></Text>
		</Marked>
	);
}

/**
 * The checklist, drawn at once: every stage of the run, the ones not reached yet dimmed, the
 * running one with what it waits for, each filled in with its checks as they come. What is
 * known is written once above (Ink's Static), so the live part stays a few lines tall at any
 * terminal height (a live frame as tall as the terminal is redrawn whole on every change).
 */
export function VerifyView({state, lang}: {readonly state: VerifyState; readonly lang: Lang}) {
	const w = words[lang];
	// Static output is laid out outside the live frame's box: it needs the terminal's width said.
	const {columns} = useTerminalSize();
	const running = state.done === undefined && state.stopped === undefined;
	const currentIndex = state.current ? state.stages.findIndex(stage => stage.id === state.current!.id) : -1;
	const written: ReadonlyArray<{readonly key: string; readonly check?: CheckResult}> = [{key: 'title'}, ...state.checks.map(({check}, index) => ({key: `${index}-${check.id}`, check}))];
	return (
		<Box flexDirection="column">
			<Static items={[...written]}>
				{item => (item.check ? <CheckLine key={item.key} check={item.check} lang={lang} width={columns} /> : <Text key={item.key} bold>{w.title}</Text>)}
			</Static>
			{running && state.stages.map((stage, index) => {
				if (index === currentIndex) {
					return <StageLine key={stage.id} title={stage.title} doing={state.current!.doing} lang={lang} />;
				}

				const pending = index > currentIndex && !state.checks.some(entry => entry.stage === stage.id);
				return pending ? <Text key={stage.id} color={theme.muted}>○ {stage.title[lang]}{w.colon}{w.pending}</Text> : null;
			})}
			{running && <Text color={theme.muted}>{w.keys}</Text>}
			{state.stopped && stoppedLines(state, lang).map(line => <Text key={line} color={theme.warn}>{line}</Text>)}
			{state.done?.delivery && (
				<Box flexDirection="column" marginTop={1}>
					{formatDeliveryReport(state.done.delivery, lang).map(line => <Text key={line}>{line}</Text>)}
				</Box>
			)}
			{state.done && <Text color={state.done.ok ? theme.ok : theme.error}>{state.done.ok ? w.pass : w.fail}</Text>}
		</Box>
	);
}
