import {InvalidSettingsError, prepareReview} from '../apply/prepare.js';
import {type Profile, ProfileError, loadProfile} from '../apply/profile.js';
import {type ProfileFacts, profileNeedsDatabaseType, profileNeedsRelayPassword, resolveProfile} from '../apply/profile-resolve.js';
import type {Secret} from '../relay/secret.js';
import {readRelayPassword} from './relay-password.js';
import {readValues} from '../postfix/postconf.js';
import type {BackupNaming} from '../apply/backup.js';
import {PostfixMissingError} from '../postfix/locate.js';
import {formatValidationError} from '../settings/catalogue.js';
import type {Lang} from '../i18n/lang.js';
import {executePlan, executionSummary} from './execute-plan.js';
import {applyMessages} from './messages.js';
import {type GlobalOptions, exitCode} from './options.js';
import {risksOf} from '../plan/risks.js';
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
	/** Consent, given on the command line, to what the wizard asks to be confirmed on its review. */
	readonly allowOpenRelay?: boolean;
	readonly allowDirectDelivery?: boolean;
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
	let relayPassword: Secret | undefined;
	let overrides: Map<string, string>;
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

		// The password a profile's sasl_passwd refers to ({{ vault_postfix_relay_password }}): never an argument.
		if (profile && profileNeedsRelayPassword(profile)) {
			const password = await readRelayPassword({useEnvironment: true});
			if (password === undefined) {
				throw new UsageError(m.profileNeedsPassword);
			}

			password.warnings.forEach(warn);
			relayPassword = password.secret;
		}

		overrides = parseSetArguments(options.set, globals.lang);
		if ((profile?.settings.size ?? 0) + overrides.size === 0) {
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

		const resolved = profile ? await resolveProfile(profile, await profileFacts(target, profile, relayPassword, globals.lang)) : undefined;
		const desired = new Map(resolved?.settings ?? []);
		for (const [name, value] of overrides) {
			desired.set(name, value);
		}

		let review;
		try {
			review = await prepareReview(target, desired, {signal: controller.signal, files: resolved?.files ?? []});
		} catch (error) {
			if (error instanceof InvalidSettingsError) {
				console.error(m.invalid);
				for (const invalid of error.errors) {
					console.error(`  ${formatValidationError(invalid, globals.lang)}`);
				}

				return finish(exitCode.usage, {status: 'invalid', errors: error.errors.map(invalid => ({parameter: invalid.parameter, part: invalid.part, rule: invalid.rule[globals.lang]}))});
			}

			throw error;
		}

		const {plan} = review;
		// What the wizard asks to be confirmed needs its flag here, when this change brings it about.
		const changed = new Set(plan.changes.map(change => change.name));
		const after = new Map([...review.current.values, ...desired]);
		const risks = risksOf(after);
		const refusal = risks.openRelay && !options.allowOpenRelay && (changed.has('inet_interfaces') || changed.has('mynetworks'))
			? m.openRelay(after.get('inet_interfaces') ?? '', after.get('mynetworks') ?? '')
			: risks.directDelivery && !options.allowDirectDelivery && changed.has('relayhost')
				? m.directDelivery
				: undefined;
		if (refusal) {
			console.error(refusal);
			return finish(exitCode.usage, {status: 'refused', error: refusal});
		}

		const warnings = [...review.current.warnings, ...plan.warnings, ...review.warnings.map(w => `${w.parameter}: ${w.message[globals.lang]}`)];
		warnings.forEach(warn);
		Object.assign(report, {
			configDir: target.configDir,
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
			return finish(mail.failed ? exitCode.failed : exitCode.ok, {status: 'unchanged', ...mail.fields});
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
		return finish(mail.failed ? exitCode.failed : code, {...fields, ...mail.fields});
	} finally {
		process.off('SIGINT', onSigint);
		process.off('SIGTERM', onSigint);
		await opened.close();
	}
}

/** What only the target can tell a profile: its map type (asked of postconf only when needed). */
async function profileFacts(target: PostfixTarget, profile: Profile, password: Secret | undefined, lang: GlobalOptions['lang']): Promise<ProfileFacts> {
	const databaseType = profileNeedsDatabaseType(profile) ? (await readValues(target, ['default_database_type'])).values.get('default_database_type') ?? 'hash' : 'hash';
	return {
		configDir: target.configDir,
		databaseType,
		relayPassword: async () => {
			if (password === undefined) {
				throw new UsageError(applyMessages[lang].profileNeedsPassword);
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
