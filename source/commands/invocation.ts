import {realpathSync} from 'node:fs';
import path from 'node:path';
import {isExecutable} from '../postfix/locate.js';
import {shellQuote} from './format.js';

function realpath(file: string): string | undefined {
	try {
		return realpathSync(file);
	} catch {
		return undefined;
	}
}

/**
 * How the user runs this program from where they stand, for the commands the wizard prints:
 * after `npm ci` there is no `postfix-wizard` on PATH, so a bare name would not run. The name
 * when PATH finds this very file (a global install); `npx postfix-wizard` under npx; else the
 * script's own path, as short as it can be said from the current directory.
 */
export function programName(env: NodeJS.ProcessEnv = process.env, script: string | undefined = process.argv[1], cwd: string = process.cwd()): string {
	const name = 'postfix-wizard';
	const self = script === undefined ? undefined : realpath(script);
	if (self !== undefined) {
		const onPath = (env['PATH'] ?? '').split(path.delimiter).filter(Boolean).map(dir => path.join(dir, name));
		if (onPath.some(file => realpath(file) === self)) {
			return name;
		}
	}

	if (env['npm_command'] === 'exec') {
		return `npx ${name}`;
	}

	if (script === undefined) {
		return name;
	}

	const relative = path.relative(cwd, script);
	const shown = relative.startsWith('..') || path.isAbsolute(relative) ? script : `./${relative}`;
	return isExecutable(script) ? shellQuote(shown) : `node ${shellQuote(shown)}`;
}
