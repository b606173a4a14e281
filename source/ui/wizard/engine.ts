import type {StagedPlan} from '../../apply/stage.js';
import type {ApplyOutcome, StepEvent} from '../../apply/transaction.js';
import type {MachineKind} from '../../plan/classify.js';
import type {Localized} from '../../settings/types.js';
import type {DeliveryReport, TrackEvent} from '../../verify/types.js';
import type {RelayProbe} from '../../verify/relay-probe.js';

/** A problem the preflight found, with what to do about it. */
export interface Finding {
	readonly problem: Localized;
	readonly fix: Localized;
}

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
		/** The wizard's proposal per parameter (the catalogue's recommendation for this machine). */
		readonly proposals: ReadonlyMap<string, string>;
		readonly findings: readonly Finding[];
		readonly postconfWarnings: readonly string[];
		/** Set in --sandbox mode. */
		readonly sandbox: {readonly dir: string; readonly relayhost: string} | undefined;
	};

export interface Prepared {
	readonly plan: StagedPlan;
	readonly backupPath: string | undefined;
	readonly relay: RelayProbe | undefined;
	readonly warnings: readonly string[];
}

/**
 * Everything the wizard asks of the system. The UI holds only this interface; the
 * implementation (source/commands/wizard-engine.ts) runs the programs, and the UI
 * tests pass a fake.
 */
export interface WizardEngine {
	preflight(signal?: AbortSignal): Promise<Preflight>;
	installPostfix(onOutput: (line: string) => void, signal?: AbortSignal): Promise<void>;
	prepare(answers: ReadonlyMap<string, string>, signal?: AbortSignal): Promise<Prepared>;
	apply(plan: StagedPlan, onStep: (event: StepEvent) => void, signal: AbortSignal): Promise<ApplyOutcome>;
	sendTestMail(to: string, onEvent: (event: TrackEvent) => void, signal?: AbortSignal): Promise<DeliveryReport>;
	/** In --sandbox mode: what the loopback relay received, newest last. */
	sinkMessages(): ReadonlyArray<{readonly subject: string | undefined; readonly from: string; readonly to: readonly string[]; readonly messageId: string | undefined}>;
	dispose(): Promise<void>;
}
