import {existsSync} from 'node:fs';
import path from 'node:path';
import {readingNeeds} from '../apply/reading-needs.js';
import {hasSystemLog} from '../postfix/log.js';
import {isPostfixInstalled} from '../postfix/locate.js';
import {type ConfigReading, startReading} from '../postfix/reading.js';
import {targetFor} from '../postfix/target.js';
import type {ApplyCommandOptions} from './apply-request.js';
import type {GlobalOptions} from './options.js';
import {setArgumentName} from './set-argument.js';

/**
 * `apply`'s postconf reads (see ConfigReading), started from the options as given, before the
 * planners load: the postconf runs then overlap that loading instead of following it, and
 * main.cf is staged sooner. Read-only and only a head start: anything the reading does not
 * cover is read later, and whatever refuses the run (a bad option, no Postfix) still does so
 * where it did. Undefined where the names are not known yet (--profile) or there is no
 * configuration to read (--sandbox, no main.cf): the review reads as usual.
 */
export function prefetchReading(options: ApplyCommandOptions, globals: GlobalOptions): ConfigReading | undefined {
	if (globals.sandbox || options.profile !== undefined || globals.configDir?.trim() === '' || !isPostfixInstalled()) {
		return undefined;
	}

	const target = targetFor(globals.configDir === undefined ? undefined : path.resolve(globals.configDir));
	if (!existsSync(path.join(target.configDir, 'main.cf'))) {
		return undefined;
	}

	const asked = options.set.flatMap(item => setArgumentName(item) ?? []);
	return startReading(target, readingNeeds(asked, {
		rootMail: options.rootTo !== undefined || options.sendAs !== undefined || asked.includes('myorigin'),
		login: options.relayUser !== undefined || options.provider !== undefined || options.relayPasswordFile !== undefined || options.relayPasswordStdin === true,
		systemLog: hasSystemLog(),
	}), {signal: globals.interrupt});
}
