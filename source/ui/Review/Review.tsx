import {nameSet} from '../../plan/set-name.js';
import {Box, Text} from 'ink';
import {rootMailSummary} from '../../rootmail/summary.js';
import {rootMailMessages} from '../RootMail/messages.js';
import {useKeys} from '../input/use-keys.js';
import {Spinner} from '../Spinner/Spinner.js';
import {useMemo, useState} from 'react';
import type {Lang} from '../../i18n/lang.js';
import type {Prepared, RelayProbe} from '../wizard/engine.js';
import type {PluginInstallState, RelayState, WizardState} from '../wizard/state.js';
import {uiMessages} from '../messages.js';
import {statusLook as look, theme} from '../theme.js';
import {Frame} from '../Frame/Frame.js';
import {Prose} from '../Prose/Prose.js';
import {TextField} from '../TextField/TextField.js';
import type {Risks} from '../../plan/risks.js';
import {Diff} from './Diff.js';
import {Marked} from '../Marked/Marked.js';
import {useTerminalSize} from '../Frame/use-terminal-size.js';
import {changesNothing} from '../../plan/plan.js';

export interface ReviewProps {
	readonly prepared: WizardState['prepared'];
	/** The knock at the relay, beside the preparation: it warns, it never blocks. */
	readonly relay: RelayState;
	readonly lang: Lang;
	readonly sandboxMode: boolean;
	/** Open relay, direct delivery: each needs its own yes before y applies. */
	readonly risks: Risks;
	/** The answers, quoted in the confirmations. */
	readonly answers: Readonly<Record<string, string>>;
	/** The relay chosen (its name) accepts only verified senders, and "Send as" was left empty. */
	readonly senderNeeded?: string | undefined;
	/** Installing the SASL plugins a login needs, when the review found them missing. */
	readonly plugins: PluginInstallState;
	/** Root, with a known package manager: i installs them (as the preflight offers Postfix). */
	readonly canInstallPlugins: boolean;
	readonly onApply: () => void;
	readonly onBack: () => void;
	readonly onTestMail: () => void;
	readonly onInstallPlugins: () => void;
}


function probeLine(relay: RelayProbe, lang: Lang): {text: string; ok: boolean} {
	const m = uiMessages[lang];
	if (relay.reachable) {
		const extras = [relay.starttls ? 'STARTTLS' : '', relay.authMechanisms.length > 0 ? `AUTH ${relay.authMechanisms.join(' ')}` : '', relay.sizeLimit ? `SIZE ${relay.sizeLimit}` : ''].filter(Boolean).join(', ');
		return {text: m.review.relayOk(relay.host ?? '', relay.port ?? 25, extras), ok: true};
	}

	return {text: m.review.relayDown(relay.error ?? 'no answer'), ok: false};
}

function RelayLine({relay, lang}: {readonly relay: RelayState; readonly lang: Lang}) {
	const m = uiMessages[lang];
	switch (relay.status) {
		case 'idle': {
			return null;
		}

		case 'loading': {
			return <Spinner label={m.review.probing} />;
		}

		case 'error': {
			return <Marked mark="!" color={theme.warn}>{m.review.relayDown(relay.message)}</Marked>;
		}

		case 'ready': {
			const line = probeLine(relay.data, lang);
			// Below the summary, each later phase (TLS, certificate, AUTH, login) as the probe judged it.
			const phases = relay.data.reachable ? relay.data.lines.filter(entry => entry.id !== 'relay') : [];
			return (
				<Box flexDirection="column">
					<Marked mark={line.ok ? '✔' : '!'} color={line.ok ? theme.ok : theme.warn}>{line.text}</Marked>
					{phases.map(entry => (
						// Wrapped under its own text, not cut off: a certificate's names, the relay's reply.
						<Box key={entry.id} marginLeft={2}>
							<Marked mark={look[entry.status].mark} color={look[entry.status].color}>{`${entry.title[lang]}${m.colon}${entry.detail[lang]}`}</Marked>
						</Box>
					))}
				</Box>
			);
		}
	}
}

/** Typed to confirm an open relay, in either language. */
const openRelayWords = new Set(['open relay', '开放中继']);

/**
 * What the review says after a key that does not answer: y pressed while the login lacks its
 * plugins (kept in view with them), or another key where y or n is asked.
 */
type Hint = 'pluginsFirst' | 'pressY';

/**
 * The login needs the SASL client plugins: what is missing, and the offer to install them (as
 * the preflight offers Postfix). `installCommand` is the command i runs, when i may run it now.
 */
function PluginsLine({missing, plugins, installCommand, lang}: {readonly missing: NonNullable<Prepared['saslPluginsMissing']>; readonly plugins: PluginInstallState; readonly installCommand: string | undefined; readonly lang: Lang}) {
	const m = uiMessages[lang];
	const packages = missing.packages.join(' ');
	if (plugins.status === 'installing') {
		return (
			<Box flexDirection="column">
				<Spinner label={m.review.pluginsInstalling} />
				{plugins.lines.map((line, index) => <Text key={index} color={theme.muted}>{line}</Text>)}
			</Box>
		);
	}

	return (
		<Box flexDirection="column">
			<Marked mark="✖" color={theme.error}>{m.review.pluginsMissing(packages)}</Marked>
			{plugins.status === 'error' && <Marked mark="✖" color={theme.error}>{`${m.review.pluginsFailed}${m.colon}${plugins.message}`}</Marked>}
			<Text>{installCommand ? m.review.pluginsOffer(installCommand) : missing.installCommand ? m.review.pluginsNotRoot(packages) : m.review.pluginsNoManager(packages)}</Text>
		</Box>
	);
}

export function Review({prepared, relay, risks, answers, senderNeeded, lang, sandboxMode, plugins, canInstallPlugins, onApply, onBack, onTestMail, onInstallPlugins}: ReviewProps) {
	const m = uiMessages[lang];
	const {columns} = useTerminalSize();
	const [hint, setHint] = useState<Hint | undefined>(undefined);
	// Where y stands: asked plainly, or waiting for the typed open-relay words, or for a second y.
	const [stage, setStage] = useState<'ask' | 'typeOpenRelay' | 'confirmDirect'>('ask');
	const [typed, setTyped] = useState('');
	const [openRelayConfirmed, setOpenRelayConfirmed] = useState(false);
	const nextAfterOpenRelay = () => {
		if (risks.directDelivery) {
			setStage('confirmDirect');
		} else {
			onApply();
		}
	};
	const ready = prepared.status === 'ready' ? prepared.data : undefined;
	const nothing = ready !== undefined && changesNothing(ready.plan);
	// Split once per diff: Diff lays its rows out again only when the lines change.
	const diff = ready?.plan.diff;
	const lines = useMemo(() => (diff === undefined ? [] : diff.trimEnd().split('\n')), [diff]);
	const rootMail = ready?.rootMail ? rootMailSummary(ready.rootMail.review, ready.rootMail.request, lang) : [];
	const missing = ready?.saslPluginsMissing;
	const installing = plugins.status === 'installing';
	// What i runs, when it may run it: root, a known package manager, nothing being installed.
	const installCommand = canInstallPlugins && !installing ? missing?.installCommand : undefined;
	const canInstall = installCommand !== undefined;

	useKeys((input, key) => {
		if (stage === 'typeOpenRelay') {
			// The words are typed into the field below; Esc withdraws.
			if (key.escape) {
				setStage('ask');
				setTyped('');
			}

			return;
		}

		if (installing) {
			// The package manager is let finish; Ctrl-C (handled by the App) waits for it.
			return;
		}

		if (key.escape || (input.toLowerCase() === 'n' && !nothing)) {
			onBack();
		} else if (input.toLowerCase() === 'i' && canInstall) {
			onInstallPlugins();
		} else if (input.toLowerCase() === 'y' && ready && !nothing && missing) {
			setHint('pluginsFirst');
		} else if (input.toLowerCase() === 'y' && ready && !nothing) {
			if (risks.openRelay && !openRelayConfirmed) {
				setStage('typeOpenRelay');
			} else if (risks.directDelivery && stage !== 'confirmDirect') {
				setStage('confirmDirect');
			} else {
				onApply();
			}
		} else if (key.return && nothing) {
			onTestMail();
		} else if (key.return || input !== '') {
			// Enter (or any other letter) is not an answer to a question that writes main.cf: say which keys are.
			setHint(ready && !nothing ? 'pressY' : undefined);
		}
	});

	const keys = installing
		? [{key: m.keys.ctrlC, action: m.actions.finishOrRollBack}]
		: nothing
		? [...(canInstall ? [{key: m.keys.i, action: m.actions.installPlugins}] : []), {key: m.keys.enter, action: m.actions.testMail}, {key: m.keys.esc, action: m.actions.back}, {key: m.keys.ctrlC, action: m.actions.quitNow}]
		: [
			...(canInstall ? [{key: m.keys.i, action: m.actions.installPlugins}] : []),
			...(ready && !missing ? [{key: m.keys.y, action: m.actions.apply}] : []),
			{key: `${m.keys.n}/${m.keys.esc}`, action: m.actions.back},
			{key: m.keys.ctrlC, action: m.actions.quit},
		];
	const quoted = (name: string) => `${name} = ${answers[name] ?? ''}`;
	const confirmation = stage === 'typeOpenRelay'
		? (
			<Box flexDirection="column">
				<Marked mark="!" color={theme.error} bold>{m.review.openRelayAsk(quoted('inet_interfaces'), quoted('mynetworks'))}</Marked>
				<Box>
					<Text bold>{m.review.typeHere}</Text>
					<TextField value={typed} onChange={setTyped} onSubmit={words => {
						if (openRelayWords.has(words.trim().toLowerCase())) {
							setOpenRelayConfirmed(true);
							setStage('ask');
							nextAfterOpenRelay();
						}
					}} />
				</Box>
			</Box>
		)
		: stage === 'confirmDirect'
			? <Marked mark="!" color={theme.error} bold>{m.review.directAsk(quoted('relayhost'))}</Marked>
			: missing
				// Kept in view however long the diff: the login cannot work until this is solved.
				? (
					<Box flexDirection="column">
						<PluginsLine missing={missing} plugins={plugins} installCommand={installCommand} lang={lang} />
						{hint === 'pluginsFirst' && <Text color={theme.warn}>{m.review.pluginsFirst}</Text>}
					</Box>
				)
				: undefined;
	return (
		<Frame lang={lang} title={nothing ? m.screens.nothing : m.screens.review} sandbox={sandboxMode ? m.sandboxBadge : undefined} keys={stage === 'typeOpenRelay' ? [{key: m.keys.enter, action: m.actions.confirm}, {key: m.keys.esc, action: m.actions.withdraw}, {key: m.keys.ctrlC, action: m.actions.quit}] : keys} pinned={confirmation}>
			{prepared.status === 'loading' && <Spinner label={m.review.preparing} />}
			{prepared.status === 'error' && <Marked mark="✖" color={theme.error}>{`${m.review.failed}${m.colon}${prepared.message}`}</Marked>}
			{ready && nothing && <Marked mark="✔" color={theme.ok}>{m.review.nothing}</Marked>}
			{ready && !nothing && (
				<>
					<Text bold>{ready.plan.beforeExisted ? m.review.diffTitle(nameSet(ready.plan.mainCf, ready.plan.staged.map(file => file.path), lang)) : m.review.newFileTitle(ready.plan.mainCf, ready.plan.startingPoint)}</Text>
					<Diff lines={lines} lang={lang} columns={columns} />
					<Box flexDirection="column" marginTop={1}>
						<Text>{ready.backupPath ? <><Text color={theme.muted}>{m.review.backup}{m.colon}</Text>{ready.backupPath}</> : m.review.noBackup}</Text>
						<Prose>{[{text: `${ready.plan.service === 'restart' ? m.review.restart : m.review.reload}${m.sentenceGap}`}, {text: m.review.startIfStopped, color: theme.muted}]}</Prose>
						<RelayLine relay={relay} lang={lang} />
						{rootMail.map(line => <Text key={line} color={/^\S/.test(line) ? undefined : theme.muted}>{line}</Text>)}
						{senderNeeded && <Marked mark="!" color={theme.warn}>{rootMailMessages[lang].senderMissing(senderNeeded)}</Marked>}
						{ready.warnings.map(warning => <Marked key={warning.message.en} mark="!" color={theme.warn}>{warning.message[lang]}</Marked>)}
						{ready.postconfWarnings.map(warning => <Marked key={warning} mark="!" color={theme.warn}>{`${m.review.postconfWarned}${m.colon}${warning}`}</Marked>)}
					</Box>
					<Text bold>{m.review.ask}</Text>
					{hint === 'pressY' && <Text color={theme.warn}>{m.review.pressY}</Text>}
				</>
			)}
			{ready && nothing && <RelayLine relay={relay} lang={lang} />}
		</Frame>
	);
}
