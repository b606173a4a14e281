import type {RelayAccess} from '../../source/relay/types.js';
import {unifiedDiff} from '../../source/plan/diff.js';
import {digestOf} from '../../source/apply/content.js';
import type {StagedPlan} from '../../source/apply/stage.js';
import type {ApplyOutcome, StepEvent} from '../../source/apply/transaction.js';
import type {InstalledPreflight, Preflight, Prepared, RelayProbe, WizardEngine} from '../../source/ui/wizard/engine.js';
import type {DeliveryReport, TrackEvent} from '../../source/verify/types.js';

/** The system's default config dir, as the screens show it; this fake touches no file. */
const defaultConfigDir = '/etc/postfix';
const shortMainCf = 'myhostname = web01.example.org\nrelayhost =\ninet_interfaces = all\n';

export const readyPreflight: InstalledPreflight = {
	installed: true,
	version: '3.7.11',
	configDir: defaultConfigDir,
	mainCfExists: true,
	running: true,
	manager: 'systemd',
	isRoot: true,
	kind: 'internet-site',
	current: new Map([['relayhost', ''], ['myorigin', '$myhostname'], ['inet_interfaces', 'all'], ['mynetworks', '127.0.0.0/8'], ['mydestination', '$myhostname, localhost']]),
	defaults: new Map([['relayhost', ''], ['myorigin', '$myhostname'], ['inet_interfaces', 'all'], ['mynetworks', '127.0.0.0/8'], ['mydestination', '$myhostname, localhost.$mydomain, localhost']]),
	recommended: new Map([['relayhost', '[smtp.example.org]:587'], ['myorigin', 'example.org'], ['inet_interfaces', 'loopback-only'], ['mynetworks', '127.0.0.0/8 [::1]/128'], ['mydestination', '']]),
	proposals: new Map([['relayhost', '[smtp.example.org]:587'], ['myorigin', 'example.org'], ['inet_interfaces', 'loopback-only'], ['mynetworks', '127.0.0.0/8 [::1]/128'], ['mydestination', '']]),
	upToDate: false,
	findings: [],
	postconfWarnings: [],
	sandbox: undefined,
};

export interface FakeEngineOptions {
	readonly preflight?: Preflight;
	readonly nothingToChange?: boolean;
	readonly outcome?: ApplyOutcome;
	/** Resolve apply only when this promise does (to test Ctrl-C during it). */
	readonly applyGate?: Promise<void>;
	/** The test mail's fate (default: sent, the relay said 250). */
	readonly mail?: Partial<DeliveryReport>;
	/** What the relay preflight finds (default: a relay that answers with STARTTLS). */
	readonly relay?: RelayProbe;
	/** Thrown by prepare, as the real engine throws a refusal (InvalidSettingsError…), or an OS error. */
	readonly prepareError?: unknown;
	/** The SASL client plugins are missing until installSaslPlugins runs (a login's review offers to install them). */
	readonly saslPluginsMissing?: {readonly packages: readonly string[]; readonly installCommand: string | undefined};
	/** main.cf as it is before (default: three short lines); the proposal keeps none of its other lines. */
	readonly mainCf?: string;
}

/** A probe result as the real probe makes it; by default a relay that answers with STARTTLS and asks no login. */
export function fakeProbe(overrides: Partial<RelayProbe> = {}): RelayProbe {
	const reachable = overrides.reachable ?? true;
	const lines = reachable
		? [
			{id: 'relay', title: {en: 'Relay reachable', zh: '中继可达'}, status: 'pass' as const, detail: {en: 'smtp.example.org:587 — 220 smtp.example.org ESMTP', zh: 'smtp.example.org:587 — 220 smtp.example.org ESMTP'}},
			{id: 'relay-tls', title: {en: 'Encryption', zh: '加密'}, status: 'pass' as const, detail: {en: 'STARTTLS: TLSv1.3, TLS_AES_256_GCM_SHA384', zh: 'STARTTLS：TLSv1.3，TLS_AES_256_GCM_SHA384'}},
		]
		: [{id: 'relay', title: {en: 'Relay reachable', zh: '中继可达'}, status: 'fail' as const, detail: {en: overrides.error ?? 'unreachable', zh: overrides.error ?? 'unreachable'}}];
	return {
		relayhost: '[smtp.example.org]:587', host: 'smtp.example.org', port: 587, reachable, greeting: reachable ? '220 smtp.example.org ESMTP' : undefined,
		starttls: reachable, tls: reachable ? {mode: 'starttls', protocol: 'TLSv1.3', cipher: 'TLS_AES_256_GCM_SHA384'} : undefined, certificate: undefined,
		authMechanisms: [], sizeLimit: reachable ? 10_240_000 : undefined, login: 'none', error: undefined, lines, transcript: [], ok: reachable, elapsedMs: 12,
		...overrides,
	};
}

/** A stand-in for the engine: the UI tests are about screens and keys; the e2e tests drive the real one. */
export function fakeEngine(options: FakeEngineOptions = {}): WizardEngine & {calls: string[]; answers?: ReadonlyMap<string, string>; access?: RelayAccess; signal?: AbortSignal} {
	const calls: string[] = [];
	let pluginsInstalled = false;
	const engine = {
		calls,
		answers: undefined as ReadonlyMap<string, string> | undefined,
		access: undefined as RelayAccess | undefined,
		signal: undefined as AbortSignal | undefined,
		async preflight() {
			calls.push('preflight');
			return options.preflight ?? readyPreflight;
		},
		async installPostfix(onOutput: (line: string) => void) {
			calls.push('install');
			onOutput('Setting up postfix (3.7.11-0+deb12u1) ...');
		},
		async installSaslPlugins(onOutput: (line: string) => void) {
			calls.push('install-sasl');
			onOutput('Setting up libsasl2-modules:amd64 (2.1.28+dfsg-10) ...');
			pluginsInstalled = true;
		},
		async prepare(answers: ReadonlyMap<string, string>, _signal?: AbortSignal, access?: RelayAccess): Promise<Prepared> {
			calls.push('prepare');
			engine.answers = answers;
			engine.access = access;
			if (options.prepareError !== undefined) {
				throw options.prepareError;
			}

			const before = options.mainCf ?? shortMainCf;
			const after = options.nothingToChange ? before : `myhostname = web01.example.org\nrelayhost = ${answers.get('relayhost')}\ninet_interfaces = ${answers.get('inet_interfaces')}\n`;
			const plan: StagedPlan = {
				changes: options.nothingToChange ? [] : [{name: 'relayhost', from: '', fromExplicit: true, to: answers.get('relayhost') ?? ''}, {name: 'inet_interfaces', from: 'all', fromExplicit: true, to: 'loopback-only'}],
				service: options.nothingToChange ? 'none' : 'restart',
				mainCf: `${defaultConfigDir}/main.cf`,
				beforeDigest: digestOf(Buffer.from(before)),
				beforeExisted: true,
				after: Buffer.from(after),
				diff: unifiedDiff(`${defaultConfigDir}/main.cf`, before, after),
				warnings: [],
				files: [],
				staged: [],
				stagedAt: new Date('2026-11-24T10:00:00Z'),
			};
			const missing = options.saslPluginsMissing && access?.kind === 'login' && !pluginsInstalled ? {saslPluginsMissing: options.saslPluginsMissing} : {};
			return {plan, backupPath: `${defaultConfigDir}/postfix-wizard.backup/2026-11-24T10:00:00Z`, warnings: [], postconfWarnings: [], ...missing};
		},
		async probeRelay(relayhost: string): Promise<RelayProbe> {
			calls.push(`probe ${relayhost}`);
			return options.relay ?? fakeProbe({relayhost});
		},
		async apply(_plan: StagedPlan, onStep: (event: StepEvent) => void, signal: AbortSignal): Promise<ApplyOutcome> {
			calls.push('apply');
			engine.signal = signal;
			onStep({step: 'lock', state: 'done'});
			onStep({step: 'backup', state: 'done', detail: `${defaultConfigDir}/postfix-wizard.backup/2026-11-24T10:00:00Z`});
			onStep({step: 'write', state: 'running'});
			await options.applyGate;
			if (options.outcome) {
				onStep({step: 'check', state: 'failed', detail: 'postfix check failed'});
				return options.outcome;
			}

			onStep({step: 'write', state: 'done'});
			onStep({step: 'check', state: 'done'});
			onStep({step: 'service', state: 'done', detail: 'restarted'});
			return {status: 'applied', backup: {kind: 'set', path: `${defaultConfigDir}/postfix-wizard.backup/2026-11-24T10:00:00Z`, createdAt: new Date('2026-11-24T10:00:00Z'), naming: 'multiple', files: []}, service: 'restarted', checkWarnings: []};
		},
		async sendTestMail(to: string, onEvent: (event: TrackEvent) => void): Promise<DeliveryReport> {
			calls.push(`mail ${to}`);
			onEvent({type: 'queued', queueId: '3748620C0BA'});
			// Mail to root goes where the answers mapped it, from the sender they chose, as the real Postfix sends it.
			const rootTo = to === 'root' ? engine.answers?.get('root-to') : undefined;
			const sendAs = engine.answers?.get('send-as');
			const routed = {recipient: rootTo ?? to, ...(sendAs ? {sender: sendAs} : {})};
			return {messageId: 'x@y', ...routed, queueId: '3748620C0BA', status: 'sent', relay: 'smtp.example.org[192.0.2.1]:587', delay: '0.2', delays: '0/0/0.1/0.1', dsn: '2.0.0', reply: '250 2.0.0 Ok', logLine: undefined, explanation: undefined, ...options.mail};
		},
		async exportPlaybook() {
			calls.push('export');
			return {file: '/root/postfix-null-client.yml', vaultVariables: []};
		},
		sinkMessages: () => [],
		async dispose() {
			calls.push('dispose');
		},
	};
	return engine;
}
