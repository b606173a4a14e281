import type {ConfigReading} from '../postfix/reading.js';
import type {PostfixTarget} from '../postfix/target.js';
import {validateSetting} from '../settings/catalogue.js';
import {resolveOrigin} from '../settings/origin.js';
import type {ValidationError} from '../settings/types.js';
import {type AccountFiles, type RootMailMachine, readRootMailMachine} from './machine.js';
import {type RootMailChanges, type RootMailRequest, planRootMail, rootMailRequestErrors} from './plan.js';

/** What the review shows about root's mail and the sender, beside the diff. */
export interface RootMailReview {
	readonly changes: RootMailChanges;
	readonly machine: RootMailMachine;
	/** The domain myorigin resolves to once applied: cron's mail leaves as root@this. */
	readonly origin: string | undefined;
}

/** A table a profile ships: its text, and the tables it lists after ours ('' none). */
export interface ShippedTable {
	readonly text: string;
	readonly otherTables: string;
}

/**
 * What `apply --profile` ships for root's mail and the sender: the role would write these
 * files and values over what the machine has, so the request is planned over them.
 */
export interface ShippedTables {
	readonly virtual?: ShippedTable;
	readonly senderCanonical?: ShippedTable;
}

export interface RootMailOptions {
	readonly signal?: AbortSignal;
	readonly rootMail?: RootMailRequest;
	readonly shipped?: ShippedTables;
	/** /etc/passwd and login.defs; tests point them at fixtures. */
	readonly accounts?: AccountFiles;
	/** The run's postconf reads, started together (see ConfigReading); without it each part reads its own. */
	readonly reading?: ConfigReading;
}

/**
 * Reads what root's mail and myorigin depend on, when they are asked about: judges the
 * myorigin answer on what it resolves to, and plans the virtual and sender tables.
 * Undefined when neither is asked, so a plain `--set relayhost=…` reads nothing more.
 */
export async function prepareRootMail(target: PostfixTarget, desired: ReadonlyMap<string, string>, options: RootMailOptions): Promise<{review: RootMailReview | undefined; errors: ValidationError[]}> {
	const request = options.rootMail ?? {};
	const errors = rootMailRequestErrors(request);
	const asked = request.rootTo !== undefined || request.sendAs !== undefined;
	if (errors.length > 0 || (!asked && !desired.has('myorigin'))) {
		return {review: undefined, errors};
	}

	const machine = withShipped(await readRootMailMachine(target, {signal: options.signal, accounts: options.accounts, reading: options.reading}), options.shipped ?? {});
	const answer = desired.get('myorigin');
	if (answer !== undefined) {
		const validation = validateSetting('myorigin', answer, machine.originFacts);
		if (!validation.ok) {
			return {review: undefined, errors: [validation.error]};
		}
	}

	const resolved = resolveOrigin(answer ?? machine.origin, machine.originFacts);
	const origin = resolved.ok ? resolved.domain.trim().toLowerCase() : undefined;
	// root@<myorigin> or an address at myhostname would bring the mail back here: refused before planning.
	const own = rootMailRequestErrors(request, {origin, myhostname: machine.myhostname});
	if (own.length > 0) {
		return {review: undefined, errors: own};
	}

	const changes = planRootMail(request, machine, origin ?? machine.myhostname);
	return {review: {changes, machine, origin}, errors: []};
}

/** The machine as it will be once the profile's tables are in place: their texts and other tables instead of its own. */
function withShipped(machine: RootMailMachine, shipped: ShippedTables): RootMailMachine {
	const {virtual, senderCanonical} = shipped;
	return {
		...machine,
		explicit: {
			virtualAliasMaps: virtual ? virtual.otherTables : machine.explicit.virtualAliasMaps,
			senderCanonicalMaps: senderCanonical ? senderCanonical.otherTables : machine.explicit.senderCanonicalMaps,
		},
		existing: {
			virtual: virtual ? virtual.text : machine.existing.virtual,
			senderCanonical: senderCanonical ? senderCanonical.text : machine.existing.senderCanonical,
		},
	};
}
