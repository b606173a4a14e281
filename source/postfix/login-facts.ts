import {existsSync} from 'node:fs';
import {readFile} from 'node:fs/promises';
import {caBundleCandidates} from '../relay/encryption.js';
import {type LoginFacts, loginFileCandidates, saslPasswdPath} from '../relay/plan.js';
import {mapFilesOf} from './map-files.js';
import {readMapTypes, readValues} from './postconf.js';
import {type ConfigReading, defaultsCovering} from './reading.js';
import type {RunOptions} from './run.js';
import type {PostfixTarget} from './target.js';

/** The distribution's CA bundle, checked to exist: verify and secure need it. */
export function findCaBundle(exists: (file: string) => boolean = existsSync): string | undefined {
	return caBundleCandidates.find(file => exists(file));
}

/** The files a login may leave or reference that exist now, and the text of the map sources among them. */
async function existingLoginFiles(target: PostfixTarget, explicit: ReadonlyMap<string, string>): Promise<Pick<LoginFacts, 'existingFiles' | 'existingTables'>> {
	const referenced = mapFilesOf(explicit.get('smtp_sasl_password_maps') ?? '');
	const existingFiles = new Set([...loginFileCandidates(target.configDir), ...referenced.flatMap(map => [map.source, ...map.built])].filter(file => existsSync(file)));
	// Read to keep the entries for other keys (secrets stay in memory, never shown).
	const sources = [saslPasswdPath(target.configDir), ...referenced.map(map => map.source)].filter(file => existingFiles.has(file));
	const existingTables = new Map(await Promise.all([...new Set(sources)].map(async file => [file, await readFile(file, 'utf8')] as const)));
	return {existingFiles, existingTables};
}

/** default_database_type in force: main.cf's, else the default, from the run's reading when it has them. */
async function databaseTypeOf(target: PostfixTarget, explicit: ReadonlyMap<string, string>, reading: ConfigReading | undefined, options?: RunOptions): Promise<string> {
	const name = 'default_database_type';
	const defaults = defaultsCovering(reading, [name]);
	const value = explicit.get(name) ?? (defaults ? (await defaults).values.get(name) : (await readValues(target, [name], options)).values.get(name));
	return value ?? 'hash';
}

/** What the login planner needs to know of this machine: postconf -m, the map type, a few stat calls. */
export async function readLoginFacts(target: PostfixTarget, explicit: ReadonlyMap<string, string>, options: RunOptions & {readonly reading?: ConfigReading} = {}): Promise<LoginFacts> {
	const [types, databaseType, files] = await Promise.all([options.reading?.mapTypes ?? readMapTypes(target, options), databaseTypeOf(target, explicit, options.reading, options), existingLoginFiles(target, explicit)]);
	return {
		configDir: target.configDir,
		databaseType,
		mapTypes: types,
		caFile: findCaBundle(),
		explicit,
		...files,
	};
}
