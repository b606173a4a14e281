import {existsSync} from 'node:fs';
import {readFile} from 'node:fs/promises';
import {caBundleCandidates} from '../relay/encryption.js';
import {type LoginFacts, loginFileCandidates, saslPasswdPath} from '../relay/plan.js';
import {mapFilesOf} from './map-files.js';
import {readValues} from './postconf.js';
import {type RunOptions, runProgramOrThrow} from './run.js';
import {type PostfixTarget, configArgs} from './target.js';

/** `postconf -m`: the lookup table types this Postfix was built with (or has as dynamic maps). */
export async function readMapTypes(target: PostfixTarget, options?: RunOptions): Promise<Set<string>> {
	const result = await runProgramOrThrow('postconf', [...configArgs(target), '-m'], options);
	return new Set(result.stdout.split('\n').map(line => line.trim()).filter(Boolean));
}

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

/** What the login planner needs to know of this machine: two postconf runs and a few stat calls. */
export async function readLoginFacts(target: PostfixTarget, explicit: ReadonlyMap<string, string>, options?: RunOptions): Promise<LoginFacts> {
	const [types, values, files] = await Promise.all([readMapTypes(target, options), readValues(target, ['default_database_type'], options), existingLoginFiles(target, explicit)]);
	return {
		configDir: target.configDir,
		databaseType: values.values.get('default_database_type') ?? 'hash',
		mapTypes: types,
		caFile: findCaBundle(),
		explicit,
		...files,
	};
}
