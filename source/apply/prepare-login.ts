import type {Localized} from '../i18n/lang.js';
import type {FileEdit} from '../plan/types.js';
import {existsSync} from 'node:fs';
import {mainCfPath} from '../postfix/current.js';
import {readLoginFacts} from '../postfix/login-facts.js';
import {hasSystemLog} from '../postfix/log.js';
import type {SaslPluginReport} from '../postfix/sasl-plugins.js';
import {readingFor, startReading} from '../postfix/reading.js';
import type {RootMailOptions} from '../rootmail/prepare.js';
import type {PostfixTarget} from '../postfix/target.js';
import {LoginPlanError, passwordWithoutTls, planRelayAccess} from '../relay/plan.js';
import {type RelayAccess, managedParameters} from '../relay/types.js';
import {type Review, prepareReview} from './prepare.js';
import {readingNeeds} from './reading-needs.js';
import type {StageOptions} from './stage.js';

/** A login, or none, staged with the rest: what `apply` and the wizard preview and write. */
export interface LoginReview extends Review {
	/** The settings asked for, with the login's (relayhost, SASL, TLS) merged in. */
	readonly desired: ReadonlyMap<string, string>;
	readonly removals: readonly string[];
	readonly files: readonly FileEdit[];
	/**
	 * A login is planned and this host lacks both the PLAIN and LOGIN plugins: Postfix would
	 * send no login ("No worthy mechs found"). What is missing and how to install it.
	 */
	readonly saslPluginsMissing: SaslPluginReport | undefined;
}

function conflict(name: string, asked: string, planned: string): Localized {
	return {
		en: `${name} is given as "${asked}", but the relay login needs "${planned}": leave it out, the login sets it`,
		zh: `${name} 给出的是“${asked}”，但中继登录需要“${planned}”：请去掉它，登录步骤会设置它`,
	};
}

/**
 * The preview of the answers plus the relay's login: reads what the planner needs (map type,
 * CA bundle, the settings in force), plans sasl_passwd and the SMTP client settings, refuses
 * a password without TLS, and stages the whole set. Without `access`, a plain review.
 */
export async function prepareLoginReview(
	target: PostfixTarget,
	desired: ReadonlyMap<string, string>,
	/** The login, or how to decide it once main.cf's settings are known (its relayhost). */
	relay: RelayAccess | ((explicit: ReadonlyMap<string, string>) => RelayAccess | undefined) | undefined,
	options: RootMailOptions & Pick<StageOptions, 'placeInConfigDir'> & {files?: readonly FileEdit[]} = {},
): Promise<LoginReview> {
	const merged = new Map(desired);
	let removals: readonly string[] = [];
	let files: readonly FileEdit[] = options.files ?? [];
	let notes: readonly Localized[] = [];
	// Every postconf read the planners below need, as one wave: main.cf is read once. A fresh
	// server has no main.cf yet (it is created from the distribution's): nothing is set, and
	// each part reads the distribution's starting point its own way.
	const rootMail = options.rootMail?.rootTo !== undefined || options.rootMail?.sendAs !== undefined || desired.has('myorigin');
	const reading = existsSync(mainCfPath(target))
		? readingFor(target, options.reading) ?? startReading(target, readingNeeds(desired.keys(), {rootMail, login: relay !== undefined, systemLog: hasSystemLog()}), options)
		: undefined;
	const explicit = reading ? (await reading.explicit).values : new Map<string, string>();
	const access = typeof relay === 'function' ? relay(explicit) : relay;
	if (access) {
		const facts = await readLoginFacts(target, explicit, {...options, reading});
		// A default_database_type changed in the same run is the one the new map is built with.
		const databaseType = desired.get('default_database_type')?.trim();
		const plan = planRelayAccess(access, databaseType && access.kind === 'login' ? {...facts, databaseType} : facts);
		for (const [name, value] of plan.settings) {
			const asked = desired.get(name)?.trim();
			if (asked !== undefined && asked !== value && name !== 'relayhost') {
				throw new LoginPlanError(conflict(name, asked, value));
			}

			merged.set(name, value);
		}

		removals = plan.removals.filter(name => !desired.has(name));
		const shipped = new Set(files.map(file => file.path));
		const twice = plan.files.find(file => shipped.has(file.path));
		if (twice) {
			throw new LoginPlanError({
				en: `${twice.path} comes both from the profile and from the relay login: give the login one way`,
				zh: `${twice.path} 同时来自配置文件和中继登录：登录信息只能用一种方式提供`,
			});
		}

		files = [...files, ...plan.files];
		notes = plan.notes;
	}

	// A password never leaves without TLS, whoever asks: the login step, --set, or a profile.
	if ([...merged.keys()].some(name => managedParameters.has(name) && name !== 'relayhost')) {
		const effective = new Map(explicit);
		removals.forEach(name => effective.delete(name));
		merged.forEach((value, name) => effective.set(name, value));
		const refused = passwordWithoutTls(effective);
		if (refused) {
			throw new LoginPlanError(refused);
		}
	}

	const review = await prepareReview(target, merged, {...options, removals, files, reading});
	// What happens to entries for other keys in the password maps is said on the review and by apply.
	const fileNotes = notes.map(message => ({parameter: 'smtp_sasl_password_maps', message}));
	// Loaded once main.cf is staged, and only for a login (see StagedPlan.placeable).
	const plugins = access?.kind === 'login' ? (await import('../postfix/sasl-plugins.js')).checkSaslPlugins() : undefined;
	return {...review, warnings: [...review.warnings, ...fileNotes], desired: merged, removals, files, saslPluginsMissing: plugins?.usable === false ? plugins : undefined};
}
