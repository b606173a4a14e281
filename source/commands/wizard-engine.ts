import {prepareReview} from '../apply/prepare.js';
import {applyStagedPlan} from '../apply/transaction.js';
import {classifyMachine} from '../plan/classify.js';
import {readCurrentConfig} from '../postfix/current.js';
import {installPlan, installPostfix} from '../postfix/install.js';
import {forgetPrograms, isPostfixInstalled} from '../postfix/locate.js';
import {readVersion} from '../postfix/postconf.js';
import {serviceStatus} from '../postfix/service.js';
import {type PostfixTarget, targetFor} from '../postfix/target.js';
import type {Sandbox} from '../sandbox/instance.js';
import {settings} from '../settings/catalogue.js';
import type {Finding, Preflight, WizardEngine} from '../ui/wizard/engine.js';
import {probeRelay} from '../verify/relay-probe.js';
import {followTestMail} from '../verify/test-mail.js';
import type {GlobalOptions} from './options.js';

function findingsFor(preflight: {running: boolean; isRoot: boolean; mainCfExists: boolean; configDir: string; manager: string; sandbox: boolean}): Finding[] {
	const findings: Finding[] = [];
	if (!preflight.isRoot && !preflight.sandbox) {
		findings.push({
			problem: {en: 'Not running as root: main.cf cannot be written and Postfix cannot be restarted.', zh: '未以 root 运行：无法写入 main.cf，也无法重启 Postfix。'},
			fix: {en: 'Run again with sudo, or try everything safely with --sandbox.', zh: '请用 sudo 重新运行，或用 --sandbox 安全地试用。'},
		});
	}

	if (!preflight.mainCfExists) {
		findings.push({
			problem: {en: `${preflight.configDir}/main.cf does not exist (Debian's "No configuration").`, zh: `${preflight.configDir}/main.cf 不存在（Debian 的 "No configuration"）。`},
			fix: {en: 'The wizard will create it with the settings below.', zh: '向导会用下面的设置创建它。'},
		});
	}

	if (!preflight.running) {
		findings.push({
			problem: {en: 'Postfix is not running.', zh: 'Postfix 未运行。'},
			fix: {en: `The wizard starts it after applying (${preflight.manager === 'systemd' ? 'systemctl start postfix' : 'postfix start'}).`, zh: `向导会在应用后启动它（${preflight.manager === 'systemd' ? 'systemctl start postfix' : 'postfix start'}）。`},
		});
	}

	return findings;
}

/** The engine behind the wizard, on the system's Postfix, a --config-dir, or a sandbox. */
export function createWizardEngine(globals: GlobalOptions): WizardEngine {
	let sandbox: Sandbox | undefined;
	let target: PostfixTarget = targetFor(globals.configDir);
	const isRoot = process.getuid?.() === 0;

	return {
		async preflight(signal) {
			if (!isPostfixInstalled()) {
				return {installed: false, installCommand: installPlan()?.display, isRoot};
			}

			if (globals.sandbox && !sandbox) {
				const {createSandbox} = await import('../sandbox/instance.js');
				sandbox = await createSandbox();
				target = sandbox.target;
			}

			const names = settings.map(setting => setting.name);
			const [current, version, status] = await Promise.all([
				readCurrentConfig(target, [...names, 'mydomain', 'myhostname'], {signal}),
				readVersion(target, {signal}),
				serviceStatus(target, {signal}),
			]);
			const context = {mydomain: current.values.get('mydomain'), myhostname: current.values.get('myhostname'), relayhost: sandbox?.sink.relayhost};
			const currentSettings = new Map(names.map(name => [name, current.values.get(name) ?? '']));
			const result: Preflight = {
				installed: true,
				version,
				configDir: target.configDir,
				mainCfExists: current.mainCfExists,
				running: status.running,
				manager: status.manager,
				isRoot,
				kind: classifyMachine(currentSettings, current.explicit.size),
				current: currentSettings,
				defaults: new Map(names.map(name => [name, current.defaults.get(name) ?? ''])),
				proposals: new Map(settings.map(setting => [setting.name, setting.recommended(context)])),
				findings: findingsFor({running: status.running, isRoot, mainCfExists: current.mainCfExists, configDir: target.configDir, manager: status.manager, sandbox: sandbox !== undefined}),
				postconfWarnings: current.warnings,
				sandbox: sandbox ? {dir: sandbox.dir, relayhost: sandbox.sink.relayhost} : undefined,
			};
			return result;
		},

		async installPostfix(onOutput, signal) {
			const plan = installPlan();
			if (!plan) {
				throw new Error('neither apt-get nor dnf is available: install Postfix with your package manager');
			}

			await installPostfix(plan, {signal, onOutput});
			forgetPrograms();
		},

		async prepare(answers, signal) {
			const review = await prepareReview(target, answers, {signal});
			const relayhost = answers.get('relayhost') ?? '';
			const relay = relayhost.trim() === '' ? undefined : await probeRelay(relayhost, {timeoutMs: 5000, signal});
			return {
				plan: review.plan,
				// The stamp is the moment of applying, not of this preview.
				backupPath: review.plan.beforeExisted ? `${review.plan.mainCf}.<YYYY-MM-DDThh:mm:ssZ>` : undefined,
				relay,
				warnings: [...review.current.warnings, ...review.plan.warnings],
			};
		},

		async apply(plan, onStep, signal) {
			return applyStagedPlan(target, plan, {onStep, signal});
		},

		async sendTestMail(to, onEvent, signal) {
			return followTestMail(target, {to, timeoutMs: 30_000, onEvent, signal});
		},

		sinkMessages() {
			return (sandbox?.sink.messages ?? []).map(message => ({subject: message.subject, from: message.envelopeFrom, to: message.envelopeTo, messageId: message.messageId}));
		},

		async dispose() {
			await sandbox?.dispose();
		},
	};
}
