import type {ReadingNeeds} from '../postfix/reading.js';
import {managedParameters} from '../relay/types.js';
import {rootMailNames, rootMailParameters} from '../rootmail/names.js';

// Kept apart from the planners, importing none of them: \`apply\` starts these reads before
// the planners have loaded (commands/apply-prefetch.ts).

/** What every review reads besides the answers: for IPv6, Postfix's own log, its version. */
export const hostParameters = ['inet_protocols', 'maillog_file', 'mail_version'] as const;

/** What the review of answers naming `asked` reads, as one wave of postconf runs (see ConfigReading). */
export function readingNeeds(asked: Iterable<string>, about: {readonly rootMail: boolean; readonly login: boolean; readonly systemLog: boolean}): ReadingNeeds {
	return {
		// Every default any planner may ask for: the answers, the login's, root mail's, the host's.
		defaults: [...new Set([...asked, ...managedParameters, ...rootMailParameters, ...hostParameters, 'default_database_type'])],
		expanded: about.rootMail ? rootMailNames : [],
		mapTypes: about.login,
		// Postfix's own log service matters only on a host that logs nowhere else.
		services: !about.systemLog,
	};
}
