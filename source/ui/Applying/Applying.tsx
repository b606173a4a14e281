import {Box, Text} from 'ink';
import {Marked} from '../Marked/Marked.js';
import {Prose} from '../Prose/Prose.js';
import {useKeys} from '../input/use-keys.js';
import {Spinner} from '../Spinner/Spinner.js';
import type {Lang} from '../../i18n/lang.js';
import {type StepName, stepOrder} from '../../apply/steps.js';
import {type CommandContext, rollbackCommand} from '../wizard/afterwards.js';
import type {WizardState} from '../wizard/state.js';
import {uiMessages} from '../messages.js';
import {theme} from '../theme.js';
import {Frame} from '../Frame/Frame.js';

export interface ApplyingProps {
	readonly steps: WizardState['steps'];
	readonly outcome: WizardState['outcome'];
	readonly quitting: boolean;
	readonly lang: Lang;
	/** What the transaction writes: main.cf, or main.cf and the files beside it. */
	readonly files: string;
	readonly sandboxMode: boolean;
	/** The rollback command names the program as the user runs it, with --config-dir. */
	readonly commands: CommandContext;
	readonly onContinue: () => void;
	readonly onBack: () => void;
}

export function Applying({steps, outcome, quitting, lang, files, sandboxMode, commands, onContinue, onBack}: ApplyingProps) {
	const m = uiMessages[lang];
	const failed = outcome && (outcome.status === 'failed' || outcome.status === 'interrupted') ? outcome : undefined;
	useKeys((_input, key) => {
		if (key.return && outcome) {
			onContinue();
		} else if (key.escape && failed) {
			onBack();
		}
	});

	const keys = !outcome
		? [{key: m.keys.ctrlC, action: m.actions.finishOrRollBack}]
		: failed
			? [{key: m.keys.esc, action: m.actions.backToReview}, {key: m.keys.enter, action: m.actions.quitNow}, {key: m.keys.ctrlC, action: m.actions.quitNow}]
			: [{key: m.keys.enter, action: m.actions.continue}, {key: m.keys.ctrlC, action: m.actions.quitNow}];
	return (
		<Frame lang={lang} title={m.screens.applying} sandbox={sandboxMode ? m.sandboxBadge : undefined} keys={keys}>
			{stepOrder.map(step => <StepLine key={step} step={step} event={steps[step]} lang={lang} files={files} />)}
			{quitting && !outcome && <Text color={theme.warn}>{m.applying.interrupting}</Text>}
			{outcome?.status === 'applied' && <Marked mark="✔" color={theme.ok} bold>{m.applying.done}</Marked>}
			{failed && (
				<Box flexDirection="column" marginTop={1}>
					{/* The reason and what could not be restored belong to the failure: they wrap under its text. */}
					<Marked mark="✖" color={theme.error} bold>
						<Prose color={theme.error} bold>{failed.status === 'interrupted' ? m.applying.interrupted : m.applying.failed(m.steps(files)[failed.step])}</Prose>
						<Prose color={theme.error}>{failed.reason[lang]}</Prose>
						{failed.restoreProblems.map(problem => <Prose key={problem.en} color={theme.error}>{problem[lang]}</Prose>)}
					</Marked>
					{failed.restoreProblems.length > 0
						? (
							<>
								<Text color={theme.error} bold>{m.applying.notRestored(failed.backup?.path)}</Text>
								{/* A command is never wrapped: it must run as printed. */}
								{failed.backup && <Text wrap="truncate-end">  {rollbackCommand(commands, failed.backup.path)}</Text>}
							</>
						)
						: <Text color={theme.ok}>{failed.rolledBack ? m.applying.rolledBack : m.applying.notRolledBack}</Text>}
					<Text>{m.applying.next}</Text>
				</Box>
			)}
		</Frame>
	);
}

function StepLine({step, event, lang, files}: {readonly step: StepName; readonly event: WizardState['steps'][StepName]; readonly lang: Lang; readonly files: string}) {
	const m = uiMessages[lang];
	const label = m.steps(files)[step];
	// The service step reports what it did (restarted…), in the user's words; other steps a path.
	const said = event?.detail?.split('\n')[0];
	const shown = step === 'service' && said !== undefined ? (m.service as Readonly<Record<string, string | undefined>>)[said] ?? said : said;
	const detail = shown && event?.state !== 'failed' ? ` — ${shown}` : '';
	if (!event) {
		return <Text color={theme.muted}>  {label}</Text>;
	}

	switch (event.state) {
		case 'running': {
			return <Spinner label={label} />;
		}

		case 'done': {
			return <Marked mark="✔" color={theme.ok}><Text>{label}<Text color={theme.muted}>{detail}</Text></Text></Marked>;
		}

		case 'skipped': {
			return <Marked mark="-" color={theme.muted}><Text color={theme.muted}>{label}{detail}</Text></Marked>;
		}

		case 'failed': {
			return <Marked mark="✖" color={theme.error}>{label}</Marked>;
		}
	}
}
