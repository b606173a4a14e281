import {InvalidSettingsError} from '../apply/prepare.js';
import {prepareLoginReview} from '../apply/prepare-login.js';
import {LoginPlanError} from '../relay/plan.js';
import {type RelayRequest, RelayRequestError, checkRelayRequest, providerByName, resolveRelayAccess} from '../relay/request.js';
import type {Secret} from '../relay/secret.js';
import type {RelayAccess, TlsLevel, TlsMode} from '../relay/types.js';
import {readRelayPassword} from './relay-password.js';
import {checkSaslPlugins} from '../postfix/sasl-plugins.js';
import {type Profile, ProfileError, loadProfile} from '../apply/profile.js';
import {type ProfileFacts, profileNeedsDatabaseType, profileNeedsRelayPassword, resolveProfile} from '../apply/profile-resolve.js';
import {readValues} from '../postfix/postconf.js';
import type {BackupNaming} from '../apply/backup.js';
import {PostfixMissingError} from '../postfix/locate.js';
import {formatValidationError} from '../settings/catalogue.js';
import type {Lang} from '../i18n/lang.js';
import {executePlan, executionSummary} from './execute-plan.js';
import {applyMessages} from './messages.js';
import {type GlobalOptions, exitCode} from './options.js';
import {UsageError, openTarget} from './target.js';
import type {PostfixTarget} from '../postfix/target.js';
import type {DeliveryReport} from '../verify/types.js';
import {changesNothing} from '../plan/plan.js';
import {BadAddressError, checkRecipient} from '../verify/test-mail.js';

export interface ApplyCommandOptions {
	readonly set: readonly string[];
	readonly profile?: string;
	readonly play?: string;
	readonly dryRun?: boolean;
	readonly yes?: boolean;
	/** Commander's --no-restart sets restart to false. */
	readonly restart?: boolean;
	readonly backup?: BackupNaming;
	readonly testMail?: string;
	readonly timeout?: string;
	readonly json?: boolean;
	readonly provider?: string;
	readonly region?: string;
	readonly relayUser?: string;
	readonly relayPasswordFile?: string;
	readonly relayPasswordStdin?: boolean;
	readonly relayTlsLevel?: TlsLevel;
	readonly relayTlsMode?: TlsMode;
}

/** `--set a=b --set c=d` -> settings; a profile's values come first, --set overrides them. */
export function parseSetArguments(raw: readonly string[], lang: Lang): Map<string, string> {
	const settings = new Map<string, string>();
	for (const item of raw) {
		const equals = item.indexOf('=');
		const name = equals > 0 ? item.slice(0, equals).trim() : '';
		if (!name) {
			throw new UsageError(applyMessages[lang].badSet(item));
		}

		settings.set(name, item.slice(equals + 1));
	}

	return settings;
}

export async function runApply(options: ApplyCommandOptions, globals: GlobalOptions): Promise<number> {
	const m = applyMessages[globals.lang];
	const json = options.json === true;
	const say = (line: string) => {
		if (!json) {
			console.log(line);
		}
	};

	const warn = (line: string) => console.error(`${m.warning}: ${line}`);
	const report: Record<string, unknown> = {};
	const finish = (code: number, fields: Record<string, unknown>) => {
		if (json) {
			console.log(JSON.stringify({...report, ...fields, exitCode: code}, null, 2));
		}

		return code;
	};

	let profile: Profile | undefined;
	let overrides: Map<string, string>;
	let relayRequest: RelayRequest | undefined;
	let relayPassword: Secret | undefined;
	let backup: BackupNaming = options.backup ?? 'multiple';
	try {
		if (options.play !== undefined && !options.profile) {
			throw new UsageError(m.playWithoutProfile);
		}

		if (options.profile) {
			profile = await loadProfile(options.profile, {play: options.play});
			profile.warnings.forEach(warn);
			backup = options.backup ?? profile.backup ?? 'multiple';
		}

		// A login asked for on the command line; a password alone may also be the one a profile's sasl_passwd needs.
		const wantsLogin = options.relayUser !== undefined || options.provider !== undefined;
		const profileWantsPassword = profile !== undefined && profileNeedsRelayPassword(profile);
		const password = await readRelayPassword({...options, useEnvironment: wantsLogin || profileWantsPassword});
		password?.warnings.forEach(warn);
		relayPassword = password?.secret;
		if (wantsLogin || (password !== undefined && !profileWantsPassword)) {
			relayRequest = {
				provider: options.provider === undefined ? undefined : providerByName(options.provider),
				region: options.region,
				username: options.relayUser,
				password: password && {secret: password.secret, source: password.source},
				level: options.relayTlsLevel ?? 'encrypt',
				...(options.relayTlsMode ? {mode: options.relayTlsMode} : {}),
			};
			checkRelayRequest(relayRequest);
		} else if (options.region !== undefined) {
			throw new RelayRequestError({en: '--region goes with --provider ses only', zh: '--region 只能与 --provider ses 一起使用'});
		}

		overrides = parseSetArguments(options.set, globals.lang);
		if ((profile?.settings.size ?? 0) + overrides.size === 0 && relayRequest === undefined) {
			throw new UsageError(m.noSettings);
		}

		if (options.timeout !== undefined && !(Number(options.timeout) > 0)) {
			throw new UsageError(m.badTimeout(options.timeout));
		}

		if (options.testMail !== undefined) {
			checkRecipient(options.testMail);
		}
	} catch (error) {
		if (error instanceof UsageError || error instanceof ProfileError || error instanceof BadAddressError) {
			console.error(error.message);
			return finish(exitCode.usage, {status: 'usage', error: error.message});
		}

		if (error instanceof RelayRequestError) {
			console.error(error.reason[globals.lang]);
			return finish(exitCode.usage, {status: 'usage', error: error.reason[globals.lang]});
		}

		throw error;
	}

	let opened;
	try {
		opened = await openTarget(globals);
	} catch (error) {
		if (error instanceof UsageError) {
			console.error(error.message);
			return finish(exitCode.usage, {status: 'usage', error: error.message});
		}

		if (error instanceof PostfixMissingError) {
			console.error(error.message);
			return finish(exitCode.failed, {status: 'failed', error: error.message});
		}

		throw error;
	}

	const controller = new AbortController();
	const onSigint = () => controller.abort();
	process.on('SIGINT', onSigint);
	process.on('SIGTERM', onSigint);
	try {
		const {target, sandbox} = opened;
		if (sandbox) {
			say(m.sandboxAt(sandbox.dir));
		}

		let review;
		let access: RelayAccess | undefined;
		try {
			const resolved = profile ? await resolveProfile(profile, await profileFacts(target, profile, relayPassword)) : undefined;
			const desired = new Map(resolved?.settings ?? []);
			for (const [name, value] of overrides) {
				desired.set(name, value);
			}

			const decide = (explicit: ReadonlyMap<string, string>) => {
				access = relayRequest && resolveRelayAccess(relayRequest, desired.get('relayhost'), explicit);
				return access;
			};

			review = await prepareLoginReview(target, desired, decide, {signal: controller.signal, files: resolved?.files ?? []});
		} catch (error) {
			if (error instanceof LoginPlanError || error instanceof RelayRequestError) {
				console.error(`${m.invalid}\n  ${error.reason[globals.lang]}`);
				return finish(exitCode.usage, {status: 'invalid', error: error.reason[globals.lang]});
			}

			if (error instanceof UsageError) {
				console.error(error.message);
				return finish(exitCode.usage, {status: 'usage', error: error.message});
			}

			if (error instanceof InvalidSettingsError) {
				console.error(m.invalid);
				for (const invalid of error.errors) {
					console.error(`  ${formatValidationError(invalid, globals.lang)}`);
				}

				return finish(exitCode.usage, {status: 'invalid', errors: error.errors.map(invalid => ({parameter: invalid.parameter, part: invalid.part, rule: invalid.rule[globals.lang]}))});
			}

			throw error;
		}

		// Without the PLAIN/LOGIN plugins Postfix sends no login ("No worthy mechs found"): a failed precondition.
		if (access?.kind === 'login') {
			const plugins = checkSaslPlugins();
			if (!plugins.usable) {
				const message = m.pluginMissing(plugins.packages.join(' ') || 'the Cyrus SASL PLAIN/LOGIN plugins', plugins.install?.display);
				console.error(message);
				return finish(exitCode.failed, {status: 'failed', error: message, packages: plugins.packages});
			}
		}

		const {plan} = review;
		const warnings = [...review.current.warnings, ...plan.warnings, ...review.warnings.map(w => `${w.parameter}: ${w.message[globals.lang]}`)];
		warnings.forEach(warn);
		Object.assign(report, {
			configDir: target.configDir,
			...(access ? {relay: relaySummary(access, relayRequest)} : {}),
			mainCf: plan.mainCf,
			changes: plan.changes,
			service: plan.service,
			diff: plan.diff,
			// What happens to each file beside main.cf; never its content.
			files: plan.staged.map(file => ({path: file.path, change: file.before === undefined ? 'new' : file.after === undefined ? 'removed' : 'changed', mode: `0${file.mode.toString(8)}`})),
			warnings,
		});

		if (changesNothing(plan)) {
			say(m.nothingToChange);
			const mail = mailFields(await maybeTestMail(options, globals, target, say));
			return finish(mail.failed ? exitCode.mailNotDelivered : exitCode.ok, {status: 'unchanged', ...mail.fields});
		}

		const execution = await executePlan(target, plan, {
			lang: globals.lang,
			json,
			yes: options.yes === true,
			dryRun: options.dryRun === true,
			restart: options.restart !== false,
			backup,
			signal: controller.signal,
		});
		const {code, fields} = executionSummary(execution);
		const applied = execution.status === 'ran' && execution.outcome.status === 'applied';
		const mail = mailFields(applied ? await maybeTestMail(options, globals, target, say) : undefined);
		return finish(mail.failed && code === exitCode.ok ? exitCode.mailNotDelivered : code, {...fields, ...mail.fields});
	} finally {
		process.off('SIGINT', onSigint);
		process.off('SIGTERM', onSigint);
		await opened.close();
	}
}

/** The login as --json reports it: who logs in where, and where the password came from — never the password. */
function relaySummary(access: RelayAccess, request: RelayRequest | undefined): Record<string, unknown> {
	if (access.kind === 'none') {
		return {login: false, relayhost: access.relayhost};
	}

	const {login} = access;
	return {login: true, provider: login.provider, relayhost: login.relayhost, username: login.provider === 'postmark' ? '********' : login.username, passwordFrom: request?.password?.source, encryption: login.encryption};
}

/** What only the target can tell a profile: its map type (asked of postconf only when needed). */
async function profileFacts(target: PostfixTarget, profile: Profile, password: Secret | undefined): Promise<ProfileFacts> {
	const databaseType = profileNeedsDatabaseType(profile) ? (await readValues(target, ['default_database_type'])).values.get('default_database_type') ?? 'hash' : 'hash';
	return {
		configDir: target.configDir,
		databaseType,
		relayPassword: async () => {
			if (password === undefined) {
				throw new UsageError(`the profile's sasl_passwd needs the relay password: give it with --relay-password-file FILE, --relay-password-stdin or POSTFIX_WIZARD_RELAY_PASSWORD`);
			}

			return password.reveal();
		},
	};
}

/** --test-mail: the delivery report, or undefined when not asked. */
async function maybeTestMail(options: ApplyCommandOptions, globals: GlobalOptions, target: PostfixTarget, say: (line: string) => void): Promise<DeliveryReport | undefined> {
	if (!options.testMail) {
		return undefined;
	}

	const {followTestMail} = await import('../verify/test-mail.js');
	const {formatDeliveryReport} = await import('../verify/format.js');
	const report = await followTestMail(target, {to: options.testMail, timeoutMs: Number(options.timeout ?? 30) * 1000});
	formatDeliveryReport(report, globals.lang).forEach(line => say(line));
	return report;
}

/** A test mail that did not reach the relay fails the run; its report goes into --json. */
function mailFields(mail: DeliveryReport | undefined): {failed: boolean; fields: Record<string, unknown>} {
	return {failed: mail !== undefined && mail.status !== 'sent', fields: mail ? {testMail: mail} : {}};
}
