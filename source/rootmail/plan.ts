import type {FileEdit} from '../plan/types.js';
import type {ValidationError} from '../settings/types.js';
import {type RootMailMachine, senderCanonicalPath, virtualPath} from './machine.js';
import {type OwnNames, machineNames, ownDomains, rootAddressProblem, senderAddressProblem} from './own-address.js';
import {type SendAsScope, senderCanonicalHeader, senderCanonicalRule} from './sender-canonical.js';
import {mergeTable} from './table-text.js';
import {withOurTableFirst} from '../postfix/map-files.js';
import {type RootMailMap, buildRootMailMap} from './virtual-map.js';

/** What the user asked for root's mail and the sender (the wizard's steps, --root-to, --send-as). */
export interface RootMailRequest {
	readonly rootTo?: string;
	readonly sendAs?: string;
	readonly sendAsScope?: SendAsScope;
}

/** The main.cf settings and files that carry the request out, and what the review explains. */
export interface RootMailChanges {
	readonly settings: ReadonlyMap<string, string>;
	readonly files: readonly FileEdit[];
	/** What the virtual table maps, carries over and leaves alone (with --root-to). */
	readonly map: RootMailMap | undefined;
	/** The names whose senders are rewritten (scope local), for the review. */
	readonly senderDomains: readonly string[];
}

/**
 * Both addresses must reach a mailbox on another machine: checked before anything is read,
 * then again against this machine's own names once they are (`names`).
 */
export function rootMailRequestErrors(request: RootMailRequest, names?: OwnNames): ValidationError[] {
	const errors: ValidationError[] = [];
	for (const [parameter, value, check] of [['--root-to', request.rootTo, rootAddressProblem], ['--send-as', request.sendAs, senderAddressProblem]] as const) {
		const found = value === undefined ? undefined : check(value, names);
		if (found) {
			errors.push({parameter, part: found.part, rule: found.rule});
		}
	}

	return errors;
}

const virtualHeader = [
	'Written by postfix-wizard: where this machine\'s own mail goes. A null client delivers',
	'nothing locally, so /etc/aliases is never read; these keys stand in for it.',
	'A bare name matches name@$myorigin: role addresses (info, sales…) are left out on',
	'purpose, so mail to the company\'s real mailboxes is not captured.',
	'After an edit: postmap this file.',
];

/**
 * Pure: the request as main.cf settings and files. `origin` is the domain myorigin will
 * resolve to once the plan is applied (the answer, not necessarily what is in force).
 */
export function planRootMail(request: RootMailRequest, machine: RootMailMachine, origin: string): RootMailChanges {
	const settings = new Map<string, string>();
	const files: FileEdit[] = [];
	const domains = ownDomains(origin, machine.myhostname);
	let map: RootMailMap | undefined;
	if (request.rootTo !== undefined) {
		const rootTo = request.rootTo.trim();
		map = buildRootMailMap({rootTo, aliases: machine.aliases, systemAccounts: machine.systemAccounts, localDomains: machineNames(machine.myhostname)});
		const file = virtualPath(machine.configDir);
		settings.set('virtual_alias_maps', withOurTableFirst(`${machine.databaseType}:${file}`, machine.explicit.virtualAliasMaps));
		files.push({path: file, content: Buffer.from(mergeTable(map.entries, virtualHeader, machine.existing.virtual)), mode: 0o644, secret: false, map: machine.databaseType});
	}

	if (request.sendAs !== undefined) {
		const file = senderCanonicalPath(machine.configDir);
		settings.set('sender_canonical_maps', withOurTableFirst(`regexp:${file}`, machine.explicit.senderCanonicalMaps));
		// Not postmap-built: Postfix reads a regexp table as text when it starts.
		const rule = senderCanonicalRule(request.sendAs.trim(), request.sendAsScope ?? 'local', domains);
		files.push({path: file, content: Buffer.from(mergeTable([rule], senderCanonicalHeader, machine.existing.senderCanonical)), mode: 0o644, secret: false});
	}

	return {settings, files, map, senderDomains: request.sendAs !== undefined && (request.sendAsScope ?? 'local') === 'local' ? domains : []};
}
