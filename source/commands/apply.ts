import {prepareLoginReview} from '../apply/prepare-login.js';
import {type RelayRequest, resolveRelayAccess} from '../relay/request.js';
import type {RelayAccess} from '../relay/types.js';
import type {Profile} from '../apply/profile.js';
import {type ProfileFacts, profileNeedsDatabaseType, resolveProfile} from '../apply/profile-resolve.js';
import {interpretProfileRootMail} from '../apply/profile-rootmail.js';
import {MailNotDeliveredError, type MainCfState, PreconditionError, UsageError, WizardError, exitCode} from '../errors.js';
import {interruptionOf} from '../interrupt.js';
import {changesNothing} from '../plan/plan.js';
import {readValues} from '../postfix/postconf.js';
import type {Secret} from '../relay/secret.js';
import type {ConfigReading} from '../postfix/reading.js';
import type {PostfixTarget} from '../postfix/target.js';
import type {DeliveryReport} from '../verify/types.js';
import type {ApplyRequest} from './apply-request.js';
import {applyMessages} from './messages.js';
import type {GlobalOptions} from './options.js';
import {openTarget} from './target.js';
import {sandboxRelaySecurity, withSandboxRelay} from './sandbox-relay.js';

/**
 * `apply`: the wizard's engine without a UI. Failures before or around the transaction
 * are thrown as WizardErrors for the top-level handler; the transaction's own outcome
 * (applied, rolled back) is reported here, with its exit code.
 */
export async function runApply(request: ApplyRequest, globals: GlobalOptions, prefetched?: ConfigReading): Promise<number> {
	const m = applyMessages[globals.lang];
	const {json} = request;
	const say = (line: string) => {
		if (!json) {
			console.log(line);
		}
	};

	const warn = (line: string) => console.error(`${m.warning}: ${line}`);
	const report: Record<string, unknown> = {};
	const finish = (code: number, fields: Record<string, unknown>) => {
		// A signal ends the run with 128 + N once the write is finished or rolled back.
		const final = interruptionOf(globals.interrupt)?.exitCode ?? code;
		if (json) {
			console.log(JSON.stringify({...report, ...fields, exitCode: final}, null, 2));
		}

		return final;
	};

	request.warnings.forEach(warn);
	const opened = await openTarget(globals, {relaySecurity: sandboxRelaySecurity(request.relay)});
	try {
		const {target, sandbox} = opened;
		if (sandbox) {
			say(m.sandboxAt(sandbox.dir));
		}

		const {profile} = request;
		const filled = profile ? await resolveProfile(profile, await profileFacts(target, profile, request.relayPassword, globals.lang)) : undefined;
		// The profile's virtual and sender_canonical tables become the request the flags make; the flags win.
		const fromProfile = filled ? interpretProfileRootMail(filled, target.configDir) : undefined;
		const rootMail = {...fromProfile?.request, ...request.rootMail};
		const resolved = fromProfile?.profile;
		const asked = new Map(resolved?.settings ?? []);
		for (const [name, value] of request.settings) {
			asked.set(name, value);
		}

		// In the sandbox, its relay (and its login) stands in for the relay the run does not name.
		const stand = sandbox ? await withSandboxRelay(sandbox, asked, request.relay) : {settings: asked, relay: request.relay};
		if (stand.login) {
			say(m.sandboxLogin(stand.login.username, stand.login.passwordFile));
		}

		const desired = new Map(stand.settings);
		let access: RelayAccess | undefined;
		const {relay} = stand;
		// The login (or none) is decided once main.cf's relayhost and TLS mode are known.
		const decide = relay && ((explicit: ReadonlyMap<string, string>) => {
			access = resolveRelayAccess(relay, desired.get('relayhost'), explicit);
			return access;
		});

		const review = await prepareLoginReview(target, desired, decide, {
			signal: globals.interrupt,
			reading: sandbox ? undefined : prefetched,
			files: resolved?.files ?? [],
			rootMail,
			shipped: fromProfile?.shipped,
			// Written right after staging: the staged main.cf itself goes into place (StagedPlan.placeable).
			placeInConfigDir: request.yes && !request.dryRun,
		});
		// What runs once main.cf is staged loads only now: Postfix's wait for that fresh file (see
		// StagedPlan.placeable) runs meanwhile, where loading it first would delay the staging.
		const [{rootMailSummary}, {risksOf}, {executePlan, executionSummary}] = await Promise.all([
			import('../rootmail/summary.js'),
			import('../plan/risks.js'),
			import('./execute-plan.js'),
		]);
		// Without the PLAIN/LOGIN plugins Postfix sends no login ("No worthy mechs found"): a failed precondition.
		const plugins = review.saslPluginsMissing;
		if (plugins) {
			const packages = plugins.packages.join(' ') || 'the Cyrus SASL PLAIN/LOGIN plugins';
			throw new PreconditionError({en: applyMessages.en.pluginMissing(packages, plugins.install?.display), zh: applyMessages.zh.pluginMissing(packages, plugins.install?.display)}, {mainCf: 'untouched'});
		}

		const {plan} = review;
		// What the profile holds that could not be read as a request: said with the other warnings, in --json too.
		const warnings = [...fromProfile?.notes.map(note => note[globals.lang]) ?? [], ...review.current.warnings, ...plan.warnings, ...review.warnings.map(w => `${w.parameter}: ${w.message[globals.lang]}`)];
		warnings.forEach(warn);
		const rootMailLines = review.rootMail ? rootMailSummary(review.rootMail, rootMail, globals.lang) : [];
		rootMailLines.forEach(line => say(line));
		Object.assign(report, {
			...(rootMailLines.length > 0 ? {rootMail: rootMailLines} : {}),
			configDir: target.configDir,
			...(access ? {relay: relaySummary(access, relay)} : {}),
			mainCf: plan.mainCf,
			changes: plan.changes,
			service: plan.service,
			diff: plan.diff,
			// What happens to each file beside main.cf; never its content.
			files: plan.staged.map(file => ({path: file.path, change: file.before === undefined ? 'new' : file.after === undefined ? 'removed' : 'changed', mode: `0${file.mode.toString(8)}`})),
			warnings,
		});

		// What the wizard asks to be confirmed needs its flag here, when this change brings it about.
		const changed = new Set(plan.changes.map(change => change.name));
		const after = new Map([...review.current.values, ...review.desired]);
		const risks = risksOf(after);
		const refusal = risks.openRelay && !request.allowOpenRelay && (changed.has('inet_interfaces') || changed.has('mynetworks'))
			? m.openRelay(after.get('inet_interfaces') ?? '', after.get('mynetworks') ?? '')
			: risks.directDelivery && !request.allowDirectDelivery && changed.has('relayhost')
				? m.directDelivery
				: undefined;
		if (refusal) {
			console.error(refusal);
			return finish(exitCode.usage, {status: 'refused', error: refusal});
		}

		if (changesNothing(plan)) {
			say(m.nothingToChange);
			const mail = mailFields(await maybeTestMail(request, globals, target, 'untouched', say));
			return finish(mail.failed ? exitCode.mailNotDelivered : exitCode.ok, {status: 'unchanged', ...mail.fields});
		}

		const execution = await executePlan(target, plan, {
			lang: globals.lang,
			json,
			yes: request.yes,
			dryRun: request.dryRun,
			restart: request.restart,
			backup: request.backup,
			signal: globals.interrupt,
			sandbox: sandbox !== undefined,
		});
		const {code, fields} = executionSummary(execution, globals.lang);
		const applied = execution.status === 'ran' && execution.outcome.status === 'applied';
		const mail = mailFields(applied && !globals.interrupt.aborted ? await maybeTestMail(request, globals, target, 'applied', say) : undefined);
		return finish(mail.failed ? exitCode.mailNotDelivered : code, {...fields, ...mail.fields});
	} finally {
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
async function maybeTestMail(request: ApplyRequest, globals: GlobalOptions, target: PostfixTarget, state: MainCfState, say: (line: string) => void): Promise<DeliveryReport | undefined> {
	if (!request.testMail) {
		return undefined;
	}

	const {followTestMail} = await import('../verify/test-mail.js');
	const {formatDeliveryReport} = await import('../verify/format.js');
	let report;
	try {
		report = await followTestMail(target, {...request.testMail, signal: globals.interrupt});
	} catch (error) {
		// Whatever stops the test mail, main.cf is as the run left it: say so.
		if (error instanceof WizardError) {
			throw error.inState(state);
		}

		const reason = error instanceof Error ? error.message : String(error);
		throw new MailNotDeliveredError({en: `The test mail could not be sent: ${reason}`, zh: `测试邮件未能发送：${reason}`}, {mainCf: state, cause: error});
	}

	formatDeliveryReport(report, globals.lang).forEach(line => say(line));
	return report;
}

/** A test mail that did not reach the relay: exit 3 (applied, mail does not leave); its report goes into --json. */
function mailFields(mail: DeliveryReport | undefined): {failed: boolean; fields: Record<string, unknown>} {
	// A message that left the queue on a host without a log was handed on: unproven, not failed.
	return {failed: mail !== undefined && mail.status !== 'sent' && mail.status !== 'left-queue', fields: mail ? {testMail: mail} : {}};
}
