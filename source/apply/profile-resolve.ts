import path from 'node:path';
import {databaseTypeVariable, relayPasswordVariable} from '../export/jinja.js';
import type {FileEdit} from '../plan/types.js';
import {defaultConfigDir} from '../postfix/target.js';
import {findManagedMap} from '../settings/managed.js';
import {mapListItems} from '../settings/syntax.js';
import type {Profile} from './profile.js';

/** What only the machine (or the user) can tell: filled into a profile's placeholders. */
export interface ProfileFacts {
	readonly configDir: string;
	/** `postconf -h default_database_type` of the target. */
	readonly databaseType: string;
	/** Asked for only when a file holds `{{ vault_postfix_relay_password }}`. */
	readonly relayPassword: () => Promise<string>;
}

export interface ResolvedProfile {
	readonly settings: ReadonlyMap<string, string>;
	readonly files: readonly FileEdit[];
}

const databaseType = new RegExp(String.raw`\{\{\s*${databaseTypeVariable}\s*\}\}`, 'g');
const relayPassword = new RegExp(String.raw`\{\{\s*${relayPasswordVariable}\s*\}\}`, 'g');

export function profileNeedsRelayPassword(profile: Profile): boolean {
	return profile.files.some(file => new RegExp(relayPassword.source).test(file.content));
}

export function profileNeedsDatabaseType(profile: Profile): boolean {
	const test = (text: string) => new RegExp(databaseType.source).test(text);
	return [...profile.settings.values()].some(test) || profile.files.some(file => test(file.content));
}

/**
 * Fills a profile for one machine: the role's fact for the map type, the relay password
 * for the vault variable, and the configuration directory where the role would write
 * into /etc/postfix (a --config-dir instance keeps its tables beside its own main.cf).
 */
export async function resolveProfile(profile: Profile, facts: ProfileFacts): Promise<ResolvedProfile> {
	const shipped = new Set(profile.files.map(file => file.name));
	const relocate = (item: string) => {
		const match = item.match(/^((?:[a-z\d_]+:)+)(\/.*)$/);
		const file = match?.[2];
		if (file === undefined || path.dirname(file) !== defaultConfigDir || !shipped.has(path.basename(file))) {
			return item;
		}

		return `${match![1]}${path.join(facts.configDir, path.basename(file))}`;
	};

	const settings = new Map([...profile.settings].map(([name, value]) => {
		const typed = value.replace(databaseType, facts.databaseType);
		return [name, facts.configDir === defaultConfigDir ? typed : mapListItems(typed, relocate)];
	}));

	const secretNames = new Set([...settings].filter(([name]) => findManagedMap(name)?.secret).flatMap(([, value]) => value.split(/[\s,]+/).map(item => path.basename(item))));
	const password = profileNeedsRelayPassword(profile) ? await facts.relayPassword() : undefined;
	const files = profile.files.map((file): FileEdit => {
		const typed = file.content.replace(databaseType, facts.databaseType);
		const holdsPassword = new RegExp(relayPassword.source).test(typed);
		const secret = holdsPassword || secretNames.has(file.name);
		const content = password === undefined ? typed : typed.replace(relayPassword, () => password);
		return {
			path: path.join(facts.configDir, file.name),
			content: Buffer.from(content),
			mode: secret ? 0o600 : 0o644,
			secret,
			...(secret ? {display: holdsPassword ? typed.replace(relayPassword, '********') : '(secret, not shown)'} : {}),
			...(file.postmap ? {map: facts.databaseType} : {}),
		};
	});
	return {settings, files};
}
