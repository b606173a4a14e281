import {existsSync} from 'node:fs';
import {mkdtemp, rm} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {writeNewFile} from '../apply/exclusive.js';
import type {CurrentConfig} from '../plan/types.js';
import {readDefaults, readExplicit} from './postconf.js';
import type {RunOptions} from './run.js';
import {type PostfixTarget, targetFor} from './target.js';

export function mainCfPath(target: PostfixTarget): string {
	return path.join(target.configDir, 'main.cf');
}

/** Warnings that only say something about how we called postconf, not about the user's files. */
function isNoise(warning: string, target: PostfixTarget): boolean {
	return warning.includes(`${target.configDir}/master.cf: No such file`);
}

/**
 * The configuration as Postfix itself reads it (postconf, never a parser of ours).
 * A missing main.cf (Debian's "No configuration") reads as an empty one.
 */
export async function readCurrentConfig(target: PostfixTarget, names: readonly string[], options?: RunOptions): Promise<CurrentConfig & {readonly mainCfExists: boolean}> {
	const mainCfExists = existsSync(mainCfPath(target));
	let readFrom = target;
	let scratch: string | undefined;
	if (!mainCfExists) {
		scratch = await mkdtemp(path.join(os.tmpdir(), 'postfix-wizard-empty-'));
		await writeNewFile(path.join(scratch, 'main.cf'), '', 0o644);
		readFrom = targetFor(scratch);
	}

	try {
		const [explicit, defaults] = await Promise.all([readExplicit(readFrom, options), readDefaults(readFrom, names, options)]);
		// The value in force is main.cf's, else the default: no third postconf run needed.
		const values = new Map(names.flatMap(name => {
			const value = explicit.values.get(name) ?? defaults.values.get(name);
			return value === undefined ? [] : [[name, value] as const];
		}));
		const explicitValues = new Map(explicit.values);
		// `postconf -c DIR -n` lists config_directory itself; it is not in main.cf.
		if (!readFrom.isDefault) {
			explicitValues.delete('config_directory');
		}

		const warnings = [...new Set([...explicit.warnings, ...defaults.warnings])].filter(warning => !isNoise(warning, readFrom) && !/unknown parameter/.test(warning));
		return {values, explicit: explicitValues, defaults: defaults.values, warnings, mainCfExists};
	} finally {
		if (scratch) {
			await rm(scratch, {recursive: true, force: true});
		}
	}
}
