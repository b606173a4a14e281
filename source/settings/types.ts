import type {OriginFacts} from './origin.js';

/** The user's language for everything the tool explains. */
export type Lang = 'en' | 'zh';

export type Localized = Readonly<Record<Lang, string>>;

/** What Postfix needs after a parameter changes: `postfix reload` is not enough for some. */
export type ServiceAction = 'reload' | 'restart';

/** Why a value is refused: the parameter, the offending part, and the rule it breaks. */
export interface ValidationError {
	readonly parameter: string;
	/** The exact piece of the value that is wrong (may be the whole value). */
	readonly part: string;
	readonly rule: Localized;
}

/** A value that is valid but risky for a null client, with the reason. */
export interface SettingWarning {
	readonly parameter: string;
	readonly message: Localized;
}

export type Validation =
	| {readonly ok: true; readonly warnings: readonly SettingWarning[]}
	| {readonly ok: false; readonly error: ValidationError};

/** What a proposal may depend on: facts read from the machine (all optional). */
export interface ProposalContext {
	/** Postfix's `mydomain` as currently in force, e.g. example.com. */
	readonly mydomain?: string;
	/** Postfix's `myhostname`. */
	readonly myhostname?: string;
	/** A relay to suggest, e.g. the sandbox's loopback sink `[127.0.0.1]:2525`. */
	readonly relayhost?: string;
	/** What `$refs` and /etc/mailname hold, so myorigin is judged on what it resolves to. */
	readonly originFacts?: OriginFacts;
	/** False when this host has no IPv6 loopback (::1): IPv6 networks are then left out. */
	readonly ipv6?: boolean;
}

/**
 * What was answered on the steps before a setting's, by parameter name (relayhost,
 * myorigin, inet_interfaces…): a warning that depends on an earlier answer quotes it.
 */
export type EarlierAnswers = Readonly<Partial<Record<string, string>>>;

/** One main.cf parameter the wizard manages. */
export interface Setting {
	readonly name: string;
	/** Plain-words explanation for someone new to Postfix. */
	readonly explanation: Localized;
	/** Postfix's built-in default as `postconf -d` prints it (3.7). */
	readonly postfixDefault: string;
	/** The recommended null-client value for this machine. */
	recommended(context: ProposalContext): string;
	/**
	 * Syntax check plus null-client risk warnings. Never touches the system: what a value
	 * refers to (`$mydomain`, /etc/mailname) is judged only when the facts are given; the
	 * answers given before it are quoted by the warnings they bear on.
	 */
	validate(value: string, facts?: OriginFacts, earlier?: EarlierAnswers): Validation;
	readonly serviceAction: ServiceAction;
}
