import {readFile} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {readExplicit, readValues, readVersion} from '../postfix/postconf.js';
import type {RunOptions} from '../postfix/run.js';
import type {PostfixTarget} from '../postfix/target.js';
import {settings} from '../settings/catalogue.js';
import {findManagedMap, managedParameters} from '../settings/managed.js';
import {listItems} from '../settings/syntax.js';
import {tableOf} from '../postfix/map-files.js';

/** A table file beside main.cf that a managed parameter points at. */
export interface MachineFile {
	/** Its name in the configuration directory (the role's `postfix_files[].name`). */
	readonly name: string;
	readonly parameter: string;
	readonly content: string;
	readonly postmap: boolean;
	readonly secret: boolean;
}

/** This machine's null-client configuration: what export turns into a playbook. */
export interface MachineConfig {
	readonly hostname: string;
	readonly configDir: string;
	readonly postfixVersion: string;
	/** `postconf -h default_database_type`: hash, lmdb, btree… */
	readonly databaseType: string;
	/** The managed parameters, as main.cf spells them, in managedParameters order. */
	readonly parameters: ReadonlyMap<string, string>;
	readonly files: readonly MachineFile[];
	/** What a playbook cannot carry (a table outside the configuration directory…). */
	readonly notes: readonly string[];
}

/** One `type:table` item of a map parameter whose table is a file in the configuration directory. */
export interface LocalTable {
	/** The item as written, e.g. `hash:/etc/postfix/sasl_passwd`. */
	readonly item: string;
	readonly type: string;
	/** The file's name in the configuration directory. */
	readonly name: string;
	/** How the directory was spelled: a literal path, or `$config_directory`. */
	readonly spelledWithReference: boolean;
}

const configDirReference = /^\$(?:config_directory|\{config_directory\})\//;

/** The items of a map parameter's value that name a plain file directly in `configDir`. */
export function localTables(value: string, configDir: string): LocalTable[] {
	return listItems(value).flatMap(item => {
		const parsed = tableOf(item);
		if (!parsed) {
			return [];
		}

		const {type, name: table} = parsed;
		const byReference = configDirReference.test(table);
		const file = byReference ? path.join(configDir, table.replace(configDirReference, '')) : table;
		if (!path.isAbsolute(file) || path.dirname(file) !== path.resolve(configDir)) {
			return [];
		}

		return [{item, type, name: path.basename(file), spelledWithReference: byReference}];
	});
}

/**
 * Reads what the tool manages, the way Postfix reads it (postconf), plus the tables the
 * map parameters point at. The catalogue's parameters are always included (their value
 * in force, so every machine of a fleet ends up alike); the others when main.cf sets them.
 */
export async function readMachineConfig(target: PostfixTarget, options?: RunOptions): Promise<MachineConfig> {
	const catalogue = settings.map(setting => setting.name);
	const [explicit, inForce, postfixVersion] = await Promise.all([
		readExplicit(target, options),
		readValues(target, [...catalogue, 'default_database_type'], options),
		readVersion(target, options),
	]);
	const parameters = new Map<string, string>();
	for (const name of managedParameters) {
		const value = explicit.values.get(name) ?? (catalogue.includes(name) ? inForce.values.get(name) : undefined);
		if (value !== undefined) {
			parameters.set(name, value);
		}
	}

	const files: MachineFile[] = [];
	const notes: string[] = [];
	for (const [parameter, value] of parameters) {
		const map = findManagedMap(parameter);
		if (!map) {
			continue;
		}

		const local = localTables(value, target.configDir);
		for (const item of listItems(value).filter(item => !local.some(table => table.item === item))) {
			notes.push(`${parameter}: ${item} is not a file in ${target.configDir}; the role writes files only there, so copy it to the other machines yourself`);
		}

		for (const table of local) {
			if (files.some(file => file.name === table.name)) {
				continue;
			}

			try {
				const content = await readFile(path.join(target.configDir, table.name), 'utf8');
				files.push({name: table.name, parameter, content, postmap: map.postmap && table.type !== 'regexp' && table.type !== 'pcre', secret: map.secret});
			} catch (error) {
				notes.push(`${parameter}: ${table.item} cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); it is left out`);
			}
		}
	}

	return {
		hostname: os.hostname(),
		configDir: target.configDir,
		postfixVersion,
		databaseType: inForce.values.get('default_database_type') ?? 'hash',
		parameters,
		files,
		notes,
	};
}
