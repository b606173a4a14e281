import {findSetting} from '../settings/catalogue.js';
import type {Change, CurrentConfig, Plan, PlanService} from './types.js';

/**
 * Postfix reads commas and whitespace alike as list separators, so
 * `127.0.0.0/8, [::1]/128` and `127.0.0.0/8 [::1]/128` are the same setting.
 */
export function sameValue(a: string, b: string): boolean {
	const tokens = (value: string) => value.split(/[\s,]+/).filter(Boolean).join(' ');
	return tokens(a) === tokens(b);
}

/** inet_interfaces and inet_protocols are read by master at start only; reload ignores them. */
const restartOnly = new Set(['inet_interfaces', 'inet_protocols']);

export function serviceFor(changes: readonly Change[]): PlanService {
	if (changes.length === 0) {
		return 'none';
	}

	const needsRestart = changes.some(change => restartOnly.has(change.name) || findSetting(change.name)?.serviceAction === 'restart');
	return needsRestart ? 'restart' : 'reload';
}

/** True when applying a staged plan would not change a byte: no setting, no file, main.cf stays. */
export function changesNothing(plan: {readonly changes: readonly unknown[]; readonly staged: readonly unknown[]; readonly removesMainCf?: boolean}): boolean {
	return plan.changes.length === 0 && plan.staged.length === 0 && plan.removesMainCf !== true;
}

/**
 * The changes that bring `current` to `desired`: only values that really differ. `removals`
 * are parameters to take out of main.cf (`postconf -X`): a change only where main.cf sets them.
 */
export function planChanges(current: CurrentConfig, desired: ReadonlyMap<string, string>, removals: readonly string[] = []): Plan {
	const changes: Change[] = [];
	for (const [name, wanted] of desired) {
		const to = wanted.trim();
		const explicit = current.explicit.get(name);
		const from = explicit ?? current.values.get(name) ?? current.defaults.get(name) ?? '';
		if (!sameValue(from, to)) {
			changes.push({name, from, fromExplicit: explicit !== undefined, to});
		}
	}

	for (const name of removals) {
		const explicit = current.explicit.get(name);
		if (explicit !== undefined && !desired.has(name)) {
			changes.push({name, from: explicit, fromExplicit: true, to: current.defaults.get(name) ?? '', removed: true});
		}
	}

	return {changes, service: serviceFor(changes), files: []};
}
