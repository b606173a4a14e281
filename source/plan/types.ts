import type {ServiceAction} from '../settings/types.js';

/** One parameter whose value in force differs from the one asked for. */
export interface Change {
	readonly name: string;
	/** The value in force now, as main.cf or Postfix's default spells it. */
	readonly from: string;
	/** True when `from` is written in main.cf, false when it is Postfix's default. */
	readonly fromExplicit: boolean;
	readonly to: string;
}

/** What Postfix must do once main.cf is written. */
export type PlanService = ServiceAction | 'none';

export interface Plan {
	readonly changes: readonly Change[];
	readonly service: PlanService;
}

/** The configuration a plan starts from, as postconf reports it. */
export interface CurrentConfig {
	/** Values in force (explicit or default) of the parameters asked about. */
	readonly values: ReadonlyMap<string, string>;
	/** Parameters main.cf sets explicitly (`postconf -n`). */
	readonly explicit: ReadonlyMap<string, string>;
	/** Postfix's built-in defaults of the parameters asked about. */
	readonly defaults: ReadonlyMap<string, string>;
	/** What postconf warned about while reading (duplicates, unknown parameters…). */
	readonly warnings: readonly string[];
}
