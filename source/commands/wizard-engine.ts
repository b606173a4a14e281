import {nextBackupSetPath} from '../apply/backup-set.js';
import {prepareLoginReview} from '../apply/prepare-login.js';
import {LoginPlanError} from '../relay/plan.js';
import {findCaBundle} from '../postfix/login-facts.js';
import {applyStagedPlan} from '../apply/transaction.js';
import {classifyMachine, findProblems, isUpToDate, proposeValues} from '../plan/classify.js';
import {readCurrentConfig} from '../postfix/current.js';
import {detectIpv6} from '../postfix/ipv6.js';
import {hasPostlogService, hasSystemLog} from '../postfix/log.js';
import {installPackages, installPlan} from '../postfix/install.js';
import {checkSaslPlugins} from '../postfix/sasl-plugins.js';
import {forgetPrograms, isPostfixInstalled} from '../postfix/locate.js';
import {readVersion} from '../postfix/postconf.js';
import {serviceStatus} from '../postfix/service.js';
import {type PostfixTarget, targetFor} from '../postfix/target.js';
import type {Sandbox} from '../sandbox/instance.js';
import {settings} from '../settings/catalogue.js';
import type {Preflight, WizardEngine} from '../ui/wizard/engine.js';
import {probeRelay} from '../verify/relay-probe.js';
import {followTestMail} from '../verify/test-mail.js';
import type {GlobalOptions} from './options.js';
import {splitAnswers} from '../rootmail/answers.js';
import {readRootMailMachine} from '../rootmail/machine.js';
import {rootAddressProblem} from '../rootmail/own-address.js';
import {resolveOrigin} from '../settings/origin.js';
import {rootAliasProposal} from '../rootmail/virtual-map.js';

/** How long the relay preflight may take before the review says it cannot be reached. */
const relayProbeTimeoutMs = 5000;
/** How long the test mail is followed before it is reported as still queued. */
const testMailTimeoutMs = 60_000;

/** The engine behind the wizard, on the system's Postfix, a --config-dir, or a sandbox. */
export function createWizardEngine(globals: GlobalOptions): WizardEngine {
	let sandbox: Promise<Sandbox> | undefined;
	let ready: Sandbox | undefined;
	let target: PostfixTarget = targetFor(globals.configDir);
	const isRoot = process.getuid?.() === 0;

	const sandboxTarget = async (): Promise<Sandbox> => {
		// Loaded here, behind the preflight's spinner: the sandbox brings the SMTP libraries.
		// The sandbox's relay wants a login over TLS, like a real provider: the login step is walked with its credentials.
		sandbox ??= import('../sandbox/instance.js').then(async ({createSandbox}) => createSandbox({relaySecurity: 'login'}));
		ready = await sandbox;
		target = ready.target;
		return ready;
	};

	return {
		async preflight(signal) {
			if (!isPostfixInstalled()) {
				return {installed: false, installCommand: installPlan()?.display, isRoot};
			}

			const instance = globals.sandbox ? await sandboxTarget() : undefined;
			signal?.throwIfAborted();
			const names = settings.map(setting => setting.name);
			const [config, version, status, ipv6, postlog, machine] = await Promise.all([
				readCurrentConfig(target, [...names, 'mydomain', 'myhostname', 'inet_protocols', 'maillog_file'], {signal}),
				readVersion(target, {signal}),
				serviceStatus(target, {signal}),
				detectIpv6(),
				hasPostlogService(target, {signal}),
				readRootMailMachine(target, {signal}),
			]);
			const logs = {maillogFile: config.values.get('maillog_file') ?? '', postlog, systemLog: hasSystemLog(), version};
			const current = new Map(names.map(name => [name, config.values.get(name) ?? '']));
			const {originFacts} = machine;
			const context = {mydomain: config.values.get('mydomain'), myhostname: config.values.get('myhostname'), relayhost: instance?.sink.relayhost, ipv6: ipv6.loopback, originFacts};
			const proposals = proposeValues(current, config.explicit, context);
			const facts = {current, proposals, mainCfExists: config.mainCfExists, startingPoint: config.startingPoint, configDir: target.configDir, running: status.running, manager: status.manager, isRoot, sandbox: instance !== undefined, ipv6, inetProtocols: config.values.get('inet_protocols'), logs, originFacts};
			const findings = findProblems(facts);
			// Judged as the step judges it, against the myorigin proposed: root@<myorigin> would loop back.
			const origin = resolveOrigin(proposals.get('myorigin') ?? machine.origin, originFacts);
			const own = {origin: origin.ok ? origin.domain.trim().toLowerCase() : undefined, myhostname: machine.myhostname};
			const rootProposal = rootAliasProposal(machine.aliases, address => rootAddressProblem(address, own) === undefined);
			const result: Preflight = {
				installed: true,
				version,
				configDir: target.configDir,
				mainCfExists: config.mainCfExists,
				running: status.running,
				manager: status.manager,
				isRoot,
				kind: classifyMachine(current, config.explicit.size),
				current,
				defaults: new Map(names.map(name => [name, config.defaults.get(name) ?? ''])),
				recommended: new Map(settings.map(setting => [setting.name, setting.recommended(context)])),
				proposals,
				// inet_protocols is no step of its own: a host that needs it changed is not up to date.
				upToDate: config.mainCfExists && isUpToDate(current, proposals) && !findings.some(finding => finding.kind === 'ipv6-off' || (finding.kind === 'no-log' && finding.offered)),
				findings,
				originFacts,
				...(rootProposal === undefined ? {} : {rootProposal}),
				postconfWarnings: config.warnings,
				sandbox: instance ? {dir: instance.dir, relayhost: instance.sink.relayhost, ...(instance.sink.login ? {login: instance.sink.login} : {})} : undefined,
				login: {inForce: (config.explicit.get('smtp_sasl_auth_enable') ?? '').trim().toLowerCase() === 'yes'},
			};
			return result;
		},

		async installPostfix(onOutput, signal) {
			const plan = installPlan();
			if (!plan) {
				throw new Error('neither apt-get nor dnf is available: install Postfix with your package manager');
			}

			await installPackages(plan, {signal, onOutput});
			forgetPrograms();
		},

		async installSaslPlugins(onOutput, signal) {
			const plan = checkSaslPlugins().install;
			if (!plan) {
				throw new Error('no package manager known here: install the Cyrus SASL PLAIN/LOGIN plugins with yours');
			}

			await installPackages(plan, {signal, onOutput});
		},

		async prepare(answers, signal, access) {
			const {settings: asked, rootMail} = splitAnswers(answers);
			const review = await prepareLoginReview(target, asked, access, {signal, rootMail}).catch((error: unknown) => {
				// The planner's reasons come in both languages; the screen shows the user's.
				throw error instanceof LoginPlanError ? new Error(error.reason[globals.lang]) : error;
			});
			const plugins = review.saslPluginsMissing;
			return {
				...(plugins ? {saslPluginsMissing: {packages: plugins.packages, installCommand: plugins.install?.display}} : {}),
				...(review.rootMail ? {rootMail: {review: review.rootMail, request: rootMail}} : {}),
				plan: review.plan,
				// The transaction stamps the set with the moment the plan was staged, and adds .1, .2…
				// when a set of that second exists: the same rule gives the name shown here.
				backupPath: await nextBackupSetPath(target.configDir, review.plan.stagedAt),
				warnings: review.warnings,
				postconfWarnings: [...new Set([...review.current.warnings, ...review.plan.warnings])],
			};
		},

		async probeRelay(relayhost, signal, settings) {
			// Certificate verification reads the bundle the login step's `verify` will write into smtp_tls_CAfile.
			const security = settings?.security && settings.security.level !== 'may' && settings.security.level !== 'encrypt' && !settings.security.caFile
				? {...settings.security, ...(findCaBundle() ? {caFile: findCaBundle()} : {})}
				: settings?.security;
			return probeRelay(relayhost, {timeoutMs: relayProbeTimeoutMs, signal, ...settings, ...(security ? {security} : {})});
		},

		async apply(plan, onStep, signal) {
			return applyStagedPlan(target, plan, {backup: 'multiple', onStep, signal});
		},

		async sendTestMail(to, onEvent, signal) {
			return followTestMail(target, {to, timeoutMs: testMailTimeoutMs, onEvent, signal});
		},

		async exportPlaybook(signal) {
			const {savePlaybook} = await import('../export/save.js');
			return savePlaybook(target, process.cwd(), {signal});
		},

		sinkMessages() {
			return (ready?.sink.messages ?? []).map(message => ({subject: message.subject, from: message.envelopeFrom, to: message.envelopeTo, messageId: message.messageId}));
		},

		async dispose() {
			// A sandbox still starting (Ctrl-C behind the first spinner) is removed once it stands.
			const instance = await sandbox?.catch(() => undefined);
			await instance?.dispose();
		},
	};
}
