import type {StagedPlan} from '../../apply/stage.js';
import type {RelayAccess} from '../../relay/types.js';
import type {ApplyOutcome, StepEvent} from '../../apply/transaction.js';
import type {SavedPlaybook} from '../../export/save.js';
import type {Finding, MachineKind} from '../../plan/classify.js';
import type {RootMailRequest} from '../../rootmail/plan.js';
import type {RootMailReview} from '../../rootmail/prepare.js';
import type {OriginFacts} from '../../settings/origin.js';
import type {SettingWarning} from '../../settings/types.js';
import type {SinkLogin} from '../../sandbox/sink.js';
import type {ProbeOptions, RelayProbe} from '../../verify/relay-probe.js';
import type {DeliveryReport, TrackEvent} from '../../verify/types.js';

export type {Finding} from '../../plan/classify.js';
export type {SavedPlaybook} from '../../export/save.js';
export type {RelayProbe} from '../../verify/relay-probe.js';

/** How the answers set up TLS and the login, for the probe on the review. */
export type RelayProbeSettings = Pick<ProbeOptions, 'security' | 'login'>;

/** What the wizard knows about the machine before asking anything. */
export type Preflight =
	| {readonly installed: false; readonly installCommand: string | undefined; readonly isRoot: boolean}
	| {
		readonly installed: true;
		readonly version: string;
		readonly configDir: string;
		readonly mainCfExists: boolean;
		readonly running: boolean;
		readonly manager: 'systemd' | 'postfix';
		readonly isRoot: boolean;
		readonly kind: MachineKind;
		/** Values in force and Postfix's defaults of the catalogue's parameters. */
		readonly current: ReadonlyMap<string, string>;
		readonly defaults: ReadonlyMap<string, string>;
		/** The catalogue's null-client value per parameter, for this machine. */
		readonly recommended: ReadonlyMap<string, string>;
		/** The wizard's proposal per parameter: what main.cf has when it is fine, else the recommendation. */
		readonly proposals: ReadonlyMap<string, string>;
		/** Every proposal is already in force: nothing to write, the test mail is what is left. */
		readonly upToDate: boolean;
		readonly findings: readonly Finding[];
		/** What myorigin's `$refs` and /etc/mailname hold: the myorigin step judges what a value resolves to. */
		readonly originFacts?: OriginFacts;
		/** An outside address root's aliases entry already names: the proposal for root's mail. */
		readonly rootProposal?: string;
		readonly postconfWarnings: readonly string[];
		/** Set in --sandbox mode. */
		readonly sandbox: {
			readonly dir: string;
			readonly relayhost: string;
			/** The sandbox relay's generated login, when it wants one (TLS + AUTH): the login step prefills it. */
			readonly login?: SinkLogin;
		} | undefined;
		/** Whether main.cf logs in to the relay today (smtp_sasl_auth_enable = yes). */
		readonly login?: {readonly inForce: boolean};
	};

export type InstalledPreflight = Extract<Preflight, {installed: true}>;

export interface Prepared {
	readonly plan: StagedPlan;
	/** Where the backup will be written (its stamp is the moment of applying); none when main.cf does not exist. */
	readonly backupPath: string | undefined;
	/** The catalogue's risk warnings about the answers (open relay, direct delivery…). */
	readonly warnings: readonly SettingWarning[];
	/** What postconf said while reading or staging (duplicates, unknown parameters…), as it said it. */
	readonly postconfWarnings: readonly string[];
	/** Root's mail and the sender: what is mapped, carried over, left alone (when asked). */
	readonly rootMail?: {readonly review: RootMailReview; readonly request: RootMailRequest};
	/**
	 * Set when the answers log in to the relay and the Cyrus SASL PLAIN/LOGIN client plugins
	 * are missing (Postfix would send no login): the packages, and the command that installs them here.
	 */
	readonly saslPluginsMissing?: {readonly packages: readonly string[]; readonly installCommand: string | undefined};
}

/** What the sandbox's loopback relay received, newest last. */
export interface SinkMessage {
	readonly subject: string | undefined;
	readonly from: string;
	readonly to: readonly string[];
	readonly messageId: string | undefined;
}

/**
 * Everything the wizard asks of the system. The UI holds only this interface; the
 * implementation (source/commands/wizard-engine.ts) runs the programs, and the UI
 * tests pass a fake.
 */
export interface WizardEngine {
	preflight(signal?: AbortSignal): Promise<Preflight>;
	installPostfix(onOutput: (line: string) => void, signal?: AbortSignal): Promise<void>;
	/** Installs the SASL client plugins a login needs (libsasl2-modules, cyrus-sasl-plain), once the user said yes. */
	installSaslPlugins(onOutput: (line: string) => void, signal?: AbortSignal): Promise<void>;
	/** The preview of the answers and, from the login step, the relay's login (or none). */
	prepare(answers: ReadonlyMap<string, string>, signal?: AbortSignal, access?: RelayAccess): Promise<Prepared>;
	/**
	 * Knocks at the relay as Postfix will (EHLO, TLS, certificate, AUTH offers; with a login,
	 * a real login then QUIT; never mail); never blocks applying. Without `settings`: STARTTLS
	 * when offered and no login configured.
	 */
	probeRelay(relayhost: string, signal?: AbortSignal, settings?: RelayProbeSettings): Promise<RelayProbe>;
	apply(plan: StagedPlan, onStep: (event: StepEvent) => void, signal: AbortSignal): Promise<ApplyOutcome>;
	sendTestMail(to: string, onEvent: (event: TrackEvent) => void, signal?: AbortSignal): Promise<DeliveryReport>;
	/** "Save as playbook": this machine's configuration for the Ansible system role, in a new file in the current directory. */
	exportPlaybook(signal?: AbortSignal): Promise<SavedPlaybook>;
	/** In --sandbox mode: what the loopback relay received, newest last. */
	sinkMessages(): readonly SinkMessage[];
	/** Removes what the engine created (the sandbox); waits for one still being created. */
	dispose(): Promise<void>;
}
