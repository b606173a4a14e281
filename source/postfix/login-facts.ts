import {existsSync} from 'node:fs';
import {caBundleCandidates} from '../relay/encryption.js';
import {type LoginFacts, loginFileCandidates} from '../relay/plan.js';
import {mapFilesOf} from '../relay/sasl-passwd.js';
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

/** The files a login may leave or reference, that exist now. */
function existingLoginFiles(target: PostfixTarget, explicit: ReadonlyMap<string, string>): Set<string> {
	const referenced = mapFilesOf(explicit.get('smtp_sasl_password_maps') ?? '').flatMap(map => [map.source, map.built]);
	return new Set([...loginFileCandidates(target.configDir), ...referenced].filter(file => existsSync(file)));
}

/** What the login planner needs to know of this machine: two postconf runs and a few stat calls. */
export async function readLoginFacts(target: PostfixTarget, explicit: ReadonlyMap<string, string>, options?: RunOptions): Promise<LoginFacts> {
	const [types, values] = await Promise.all([readMapTypes(target, options), readValues(target, ['default_database_type'], options)]);
	return {
		configDir: target.configDir,
		databaseType: values.values.get('default_database_type') ?? 'hash',
		mapTypes: types,
		caFile: findCaBundle(),
		explicit,
		existingFiles: existingLoginFiles(target, explicit),
	};
}
