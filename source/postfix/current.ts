import {existsSync} from 'node:fs';
import {mkdtemp, rm} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {writeNewFile} from '../apply/exclusive.js';
import type {CurrentConfig} from '../plan/types.js';
import {type PostconfReading, readDefaults, readExplicit} from './postconf.js';
import {type ConfigReading, defaultsCovering} from './reading.js';
import {readStartingPoint} from './starting-point.js';
import type {RunOptions} from './run.js';
import {type PostfixTarget, targetFor} from './target.js';

export function mainCfPath(target: PostfixTarget): string {
	return path.join(target.configDir, 'main.cf');
}

/** Warnings that only say something about how we called postconf, not about the user's files. */
function isNoise(warning: string, target: PostfixTarget): boolean {
	return warning.includes(`${target.configDir}/master.cf: No such file`);
}

export interface CurrentState extends CurrentConfig {
	readonly mainCfExists: boolean;
	/** Without main.cf: the distribution's file the new one starts from (undefined: Postfix's defaults). */
	readonly startingPoint: string | undefined;
}

/**
 * Runs `read` on the target, or, when it has no main.cf (Debian's "No configuration"),
 * on a scratch directory with an empty one: postconf then reports Postfix's defaults.
 */
export async function withReadableConfig<T>(target: PostfixTarget, read: (readFrom: PostfixTarget) => Promise<T>): Promise<T> {
	if (existsSync(mainCfPath(target))) {
		return read(target);
	}

	const scratch = await mkdtemp(path.join(os.tmpdir(), 'postfix-wizard-empty-'));
	try {
		await writeNewFile(path.join(scratch, 'main.cf'), '', 0o644);
		return await read(targetFor(scratch));
	} finally {
		await rm(scratch, {recursive: true, force: true});
	}
}

/** The state from `postconf -n` and `postconf -d`: the value in force is main.cf's, else the default. */
function stateOf(readFrom: PostfixTarget, names: readonly string[], explicit: PostconfReading, defaults: PostconfReading, file: Pick<CurrentState, 'mainCfExists' | 'startingPoint'>): CurrentState {
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
	return {values, explicit: explicitValues, defaults: defaults.values, warnings, ...file};
}

/**
 * From the run's shared reading (main.cf exists): its `postconf -n` kept to the names asked
 * for (as `postconf -n NAME…` would print them), its `postconf -d` when it covers them.
 */
async function fromReading(target: PostfixTarget, names: readonly string[], reading: ConfigReading, options: RunOptions & {readonly explicitOf?: 'all' | 'names'}): Promise<CurrentState> {
	const [all, defaults] = await Promise.all([reading.explicit, defaultsCovering(reading, names) ?? readDefaults(target, names, options)]);
	const wanted = new Set(names);
	const explicit = options.explicitOf === 'names' ? {...all, values: new Map([...all.values].filter(([name]) => wanted.has(name)))} : all;
	return stateOf(target, names, explicit, defaults, {mainCfExists: true, startingPoint: undefined});
}

/**
 * The configuration as Postfix itself reads it (postconf, never a parser of ours).
 * A missing main.cf (Debian's "No configuration") reads as the distribution's starting
 * point, the file the new main.cf is made from (see stagePlan).
 */
/**
 * `explicitOf: 'names'` reads main.cf's settings of the named parameters only (`postconf -n
 * NAME…`): what a change needs, without holding every line of a huge main.cf in memory.
 */
export async function readCurrentConfig(target: PostfixTarget, names: readonly string[], options?: RunOptions & {readonly explicitOf?: 'all' | 'names'; readonly reading?: ConfigReading}): Promise<CurrentState> {
	const mainCfExists = existsSync(mainCfPath(target));
	if (mainCfExists && options?.reading) {
		return fromReading(target, names, options.reading, options);
	}

	let readFrom = target;
	let scratch: string | undefined;
	let startingPoint: string | undefined;
	if (!mainCfExists) {
		const start = await readStartingPoint();
		startingPoint = start.source;
		scratch = await mkdtemp(path.join(os.tmpdir(), 'postfix-wizard-empty-'));
		await writeNewFile(path.join(scratch, 'main.cf'), start.content, 0o644);
		readFrom = targetFor(scratch);
	}

	try {
		const [explicit, defaults] = await Promise.all([readExplicit(readFrom, options, options?.explicitOf === 'names' ? names : []), readDefaults(readFrom, names, options)]);
		return stateOf(readFrom, names, explicit, defaults, {mainCfExists, startingPoint});
	} finally {
		if (scratch) {
			await rm(scratch, {recursive: true, force: true});
		}
	}
}
