import {type PostfixTarget, configArgs} from './target.js';
import {type RunOptions, PostfixCommandError, runProgram, runProgramOrThrow} from './run.js';

/** Parameter name -> value exactly as main.cf (or Postfix's defaults) spells it, `$refs` unexpanded. */
export type ParameterValues = ReadonlyMap<string, string>;

export interface PostconfReading {
	readonly values: ParameterValues;
	/** What postconf printed on stderr, e.g. "overriding earlier entry" or "unknown parameter". */
	readonly warnings: readonly string[];
}

function parseLines(stdout: string): Map<string, string> {
	const values = new Map<string, string>();
	for (const line of stdout.split('\n')) {
		const match = line.match(/^([\w.-]+) =(?: (.*))?$/);
		if (match?.[1]) {
			values.set(match[1], match[2] ?? '');
		}
	}

	return values;
}

function parseWarnings(stderr: string): string[] {
	return stderr
		.split('\n')
		.map(line => line.trim())
		.filter(line => line !== '')
		.map(line => line.replace(/^\S*postconf: (?:warning: )?/, ''));
}

async function postconf(target: PostfixTarget, args: string[], options?: RunOptions): Promise<PostconfReading> {
	const fullArgs = [...configArgs(target), ...args];
	const result = await runProgram('postconf', fullArgs, options);
	if (result.exitCode !== 0) {
		throw new PostfixCommandError('postconf', fullArgs, result);
	}

	return {values: parseLines(result.stdout), warnings: parseWarnings(result.stderr)};
}

/** `postconf -n [NAME…]`: the parameters main.cf sets explicitly (all of them, or those named). */
export async function readExplicit(target: PostfixTarget, options?: RunOptions, names: readonly string[] = []): Promise<PostconfReading> {
	return postconf(target, ['-n', ...names], options);
}

/** `postconf NAME…`: the values in force (explicit or default), unexpanded. */
export async function readValues(target: PostfixTarget, names: readonly string[], options?: RunOptions): Promise<PostconfReading> {
	return postconf(target, [...names], options);
}

/** `postconf -x NAME…`: the values in force with `$refs` expanded, as Postfix uses them. */
export async function readExpanded(target: PostfixTarget, names: readonly string[], options?: RunOptions): Promise<PostconfReading> {
	return postconf(target, ['-x', ...names], options);
}

/** `postconf -d NAME…`: Postfix's built-in defaults. */
export async function readDefaults(target: PostfixTarget, names: readonly string[], options?: RunOptions): Promise<PostconfReading> {
	return postconf(target, ['-d', ...names], options);
}

/** `postconf -h mail_version` */
export async function readVersion(target: PostfixTarget, options?: RunOptions): Promise<string> {
	const reading = await postconf(target, ['-d', 'mail_version'], options);
	return reading.values.get('mail_version') ?? 'unknown';
}

/**
 * `postconf -c DIR -e name=value…`: Postfix's own editor. It rewrites DIR/main.cf through
 * main.cf.tmp + rename, so callers point it at a private copy, never at the live file.
 */
export async function editConfig(configDir: string, settings: ReadonlyMap<string, string>, options?: RunOptions): Promise<readonly string[]> {
	const assignments = [...settings].map(([name, value]) => `${name}=${value}`);
	const args = ['-c', configDir, '-e', ...assignments];
	const result = await runProgram('postconf', args, options);
	if (result.exitCode !== 0) {
		throw new PostfixCommandError('postconf', args, result);
	}

	return parseWarnings(result.stderr);
}

/**
 * `postconf -c DIR -X name…`: takes parameters out of DIR/main.cf, so Postfix's default
 * applies again. Like -e it rewrites the file: callers point it at a private copy.
 */
export async function removeParameters(configDir: string, names: readonly string[], options?: RunOptions): Promise<readonly string[]> {
	const args = ['-c', configDir, '-X', ...names];
	const result = await runProgram('postconf', args, options);
	if (result.exitCode !== 0) {
		throw new PostfixCommandError('postconf', args, result);
	}

	return parseWarnings(result.stderr);
}

/** `postconf -m`: the lookup table types this Postfix was built with (or has as dynamic maps). */
export async function readMapTypes(target: PostfixTarget, options?: RunOptions): Promise<Set<string>> {
	const result = await runProgramOrThrow('postconf', [...configArgs(target), '-m'], options);
	return new Set(result.stdout.split('\n').map(line => line.trim()).filter(Boolean));
}

/** One master.cf service line, as `postconf -M` prints it. */
export interface MasterService {
	readonly service: string;
	readonly type: string;
	readonly command: string;
}

/** `postconf -M`: the services master.cf runs (smtpd's listening address among them). */
export async function readServices(target: PostfixTarget, options?: RunOptions): Promise<MasterService[]> {
	const fullArgs = [...configArgs(target), '-M'];
	const result = await runProgram('postconf', fullArgs, options);
	if (result.exitCode !== 0) {
		throw new PostfixCommandError('postconf', fullArgs, result);
	}

	return result.stdout
		.split('\n')
		.map(line => line.trim().split(/\s+/))
		.filter(fields => fields.length >= 8)
		.map(fields => ({service: fields[0]!, type: fields[1]!, command: fields.slice(7).join(' ')}));
}
