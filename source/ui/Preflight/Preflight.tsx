import {Box, Text} from 'ink';
import {useKeys} from '../input/use-keys.js';
import {Spinner} from '../Spinner/Spinner.js';
import type {Lang} from '../../i18n/lang.js';
import {ipv6OffReason} from '../../plan/ipv6.js';
import {uiMessages} from '../messages.js';
import {theme} from '../theme.js';
import {Fact} from '../Fact/Fact.js';
import {Frame} from '../Frame/Frame.js';
import {Prose} from '../Prose/Prose.js';
import {Marked} from '../Marked/Marked.js';
import type {Finding} from '../wizard/engine.js';
import type {WizardState} from '../wizard/state.js';

export interface PreflightProps {
	readonly state: WizardState['preflight'];
	readonly lang: Lang;
	readonly sandboxMode: boolean;
	/** The number the walk gives a setting's step: the fix of a finding names it. */
	readonly stepNumberOf: (id: string) => number | undefined;
	readonly onBegin: () => void;
	readonly onInstall: () => void;
	/** Already a null client: straight to the test mail. */
	readonly onTestMail: () => void;
}

/** A finding in the user's words: the problem, and what fixes it. */
function describe(finding: Finding, lang: Lang, upToDate: boolean, stepNumberOf: (id: string) => number | undefined): {problem: string; fix: string} {
	const m = uiMessages[lang].preflight.findings;
	switch (finding.kind) {
		case 'not-root': {
			return m.notRoot;
		}

		case 'no-main-cf': {
			return m.noMainCf(finding.configDir, finding.startingPoint);
		}

		case 'not-running': {
			return m.notRunning(finding.manager === 'systemd' ? 'systemctl start postfix' : 'postfix start', upToDate);
		}

		case 'no-log': {
			return {problem: m.noLog, fix: finding.why[lang]};
		}

		case 'ipv6-off': {
			return m.ipv6Off(ipv6OffReason(finding)[lang], finding.inetProtocols);
		}

		case 'setting': {
			return {problem: finding.problem[lang], fix: m.setting(stepNumberOf(finding.parameter), finding.parameter, finding.proposal)};
		}
	}
}

export function Preflight({state, lang, sandboxMode, stepNumberOf, onBegin, onInstall, onTestMail}: PreflightProps) {
	const m = uiMessages[lang];
	const canBegin = state.status === 'ready' && state.data.installed;
	const upToDate = state.status === 'ready' && state.data.installed && state.data.upToDate;
	const canInstall = state.status === 'ready' && !state.data.installed && state.data.installCommand !== undefined && state.data.isRoot;
	useKeys((input, key) => {
		if (key.return && upToDate) {
			onTestMail();
		} else if ((key.return || (input === 's' && upToDate)) && canBegin) {
			onBegin();
		} else if (input === 'y' && canInstall) {
			onInstall();
		}
	});

	const keys = [
		...(upToDate ? [{key: m.keys.enter, action: m.actions.testMail}, {key: m.keys.s, action: m.actions.settingsAnyway}] : []),
		...(canBegin && !upToDate ? [{key: m.keys.enter, action: m.actions.begin}] : []),
		...(canInstall ? [{key: m.keys.y, action: m.actions.install}] : []),
		{key: m.keys.ctrlC, action: m.actions.quit},
	];
	const sandboxBadge = sandboxMode ? m.sandboxBadge : undefined;
	return (
		<Frame lang={lang} title={m.screens.preflight} sandbox={sandboxBadge} keys={keys}>
			<Prose>{m.preflight.intro}</Prose>
			<Box marginTop={1} flexDirection="column">
				{state.status === 'loading' && <Spinner label={sandboxMode ? m.preflight.creatingSandbox : m.preflight.reading} />}
				{state.status === 'installing' && (
					<>
						<Spinner label={m.preflight.installing} />
						{state.lines.map((line, index) => <Text key={index} color={theme.muted}>{line}</Text>)}
					</>
				)}
				{state.status === 'error' && <Marked mark="✖" color={theme.error}>{`${m.preflight.failed}${m.colon}${state.message}`}</Marked>}
				{state.status === 'ready' && !state.data.installed && (
					<>
						<Marked mark="✖" color={theme.error}>{m.preflight.missing}</Marked>
						<Text>
							{!state.data.isRoot ? m.preflight.missingNotRoot : state.data.installCommand ? m.preflight.missingFix(state.data.installCommand) : m.preflight.missingNoManager}
						</Text>
					</>
				)}
				{state.status === 'ready' && state.data.installed && (
					<>
						<Fact labelWidth={24} label={m.preflight.version} value={state.data.version} />
						<Fact labelWidth={24} label={m.preflight.configDir} value={state.data.configDir} />
						<Fact
							labelWidth={24}
							label={m.preflight.service}
							value={`${state.data.running ? m.preflight.running : m.preflight.stopped}${m.listSeparator}${state.data.manager === 'systemd' ? m.preflight.underSystemd : m.preflight.notSystemd}`}
							color={state.data.running ? theme.ok : theme.warn}
						/>
						<Fact labelWidth={24} label={m.preflight.user} value={state.data.isRoot ? m.preflight.root : m.preflight.notRoot} color={state.data.isRoot ? undefined : theme.warn} />
						<Fact labelWidth={24} label={m.preflight.today} value={m.kinds[state.data.kind]} color={state.data.kind === 'null-client' ? theme.ok : undefined} />
						{state.data.sandbox && <Prose color={theme.warn}>{m.preflight.sandboxNote(state.data.sandbox.dir, state.data.sandbox.relayhost)}</Prose>}
						{state.data.findings.map(finding => describe(finding, lang, upToDate, stepNumberOf)).map(({problem, fix}) => (
							<Box key={problem} marginTop={1}>
								{/* The fix under the problem's text: both wrap after the mark. */}
								<Marked mark="!" color={theme.warn}>
									<Prose color={theme.warn}>{problem}</Prose>
									<Prose color={theme.muted}>{`${m.preflight.fix}${fix}`}</Prose>
								</Marked>
							</Box>
						))}
						{state.data.upToDate && <Box marginTop={1}><Marked mark="✔" color={theme.ok}>{m.preflight.upToDate}</Marked></Box>}
						{state.data.postconfWarnings.map(warning => <Marked key={warning} mark="!" color={theme.warn}>{`${m.preflight.postconfWarnings}${m.colon}${warning}`}</Marked>)}
					</>
				)}
			</Box>
		</Frame>
	);
}
