import type {Localized} from '../i18n/lang.js';
import {encryptionFor, modeContradictsPort, tlsModeFor} from './encryption.js';
import {type Provider, findProvider, isAwsRegion, providerOfRelayhost, providerRelayhost, providers} from './providers.js';
import type {Secret} from './secret.js';
import type {RelayAccess, TlsLevel, TlsMode} from './types.js';
import {UsageError} from '../errors.js';

/** Where a password came from; never an argument (`ps` shows arguments to every user). */
export type PasswordSource = 'file' | 'stdin' | 'env';

/** What the command line or a profile asks about the relay's login, before main.cf is read. */
export interface RelayRequest {
	/** Undefined: no --provider (another relay when a login is given). */
	readonly provider: Provider | undefined;
	readonly region: string | undefined;
	readonly username: string | undefined;
	readonly password: {readonly secret: Secret; readonly source: PasswordSource} | undefined;
	/** `encrypt` unless certificate verification is asked for. */
	readonly level: TlsLevel;
	/** How TLS starts when the port does not say it (SMTPS elsewhere than 465); default: from the port. */
	readonly mode?: TlsMode;
}

/** A relay request that cannot be honoured; the reason never contains the password. */
export class RelayRequestError extends UsageError {
	constructor(readonly reason: Localized) {
		super(reason);
	}
}

function fail(en: string, zh: string): never {
	throw new RelayRequestError({en, zh});
}

/** `--provider` values, for --help and for the error naming them. */
export const providerNames = providers.map(provider => provider.id).join(', ');

/**
 * Checks the request's shape: a known provider, the SES region, a username where the login
 * needs one. Pure; the password has been read already.
 */
export function checkRelayRequest(request: RelayRequest): void {
	const {provider} = request;
	if (provider?.region && (request.region === undefined || !isAwsRegion(request.region))) {
		fail(
			`--provider ${provider.id} needs --region with the SES region of your SMTP credentials, e.g. --region ${provider.region.example}${request.region === undefined ? '' : ` ("${request.region}" is not a region name)`}`,
			`--provider ${provider.id} 需要 --region 指定 SMTP 凭据所属的 SES 区域，例如 --region ${provider.region.example}${request.region === undefined ? '' : `（“${request.region}”不是区域名）`}`,
		);
	}

	if (!provider?.region && request.region !== undefined) {
		fail('--region goes with --provider ses only', '--region 只能与 --provider ses 一起使用');
	}

	if (provider?.login === 'none') {
		if (request.username !== undefined || request.password !== undefined) {
			fail('--provider none means no login: leave out --relay-user and the password', '--provider none 表示不登录：请去掉 --relay-user 和密码');
		}

		return;
	}

	if (request.username !== undefined && request.password === undefined) {
		fail(
			'--relay-user needs its password from --relay-password-file FILE, --relay-password-stdin or the environment variable POSTFIX_WIZARD_RELAY_PASSWORD (never an argument: every user can read arguments with ps)',
			'--relay-user 需要从 --relay-password-file 文件、--relay-password-stdin 或环境变量 POSTFIX_WIZARD_RELAY_PASSWORD 读取密码（不能作为参数：所有用户都能用 ps 看到参数）',
		);
	}

	if (request.password !== undefined && request.username === undefined && provider?.fixedUsername === undefined && provider?.id !== 'postmark') {
		fail('a relay password needs --relay-user USER', '提供中继密码时还需要 --relay-user 用户名');
	}

	if (provider !== undefined && provider.login === 'required' && request.password === undefined) {
		fail(
			`${provider.label.en} needs a login: --relay-user USER with --relay-password-file FILE (or --relay-password-stdin)`,
			`${provider.label.zh} 需要登录：--relay-user 用户名，加 --relay-password-file 文件（或 --relay-password-stdin）`,
		);
	}
}

/** The relayhost a request means: the provider's, else the one given or already in main.cf. */
function chooseRelayhost(request: RelayRequest, given: string | undefined, inForce: string | undefined): string {
	const relayhost = relayhostOf(request, given, inForce);
	const {provider} = request;
	if (provider !== undefined && !provider.implicitTls && (request.mode ?? tlsModeFor(relayhost)) === 'implicit-tls') {
		fail(`${provider.label.en} has no implicit TLS on port 465: use port 587 (STARTTLS)`, `${provider.label.zh} 不支持 465 端口的隐式 TLS：请使用 587 端口（STARTTLS）`);
	}

	return relayhost;
}

function relayhostOf(request: RelayRequest, given: string | undefined, inForce: string | undefined): string {
	const {provider} = request;
	const preset = provider ? providerRelayhost(provider, {region: request.region}) : undefined;
	if (preset !== undefined && given !== undefined && given.trim() !== preset) {
		const sameProvider = providerOfRelayhost(given)?.provider.id === provider?.id;
		if (!sameProvider) {
			fail(
				`--provider ${provider!.id} means relayhost ${preset}, but relayhost is also given as ${given.trim()}: give one of them`,
				`--provider ${provider!.id} 对应的 relayhost 是 ${preset}，但又给出了 relayhost ${given.trim()}：请只给其中一个`,
			);
		}

		// The same provider on another port (465, 2525): the port written wins.
		return given.trim();
	}

	const relayhost = (preset ?? given ?? inForce ?? '').trim();
	if (relayhost === '') {
		fail(
			'a login needs the relay: give --set relayhost=[host]:587 or --provider NAME',
			'登录需要知道中继：请给出 --set relayhost=[主机]:587 或 --provider 名称',
		);
	}

	return relayhost;
}

/**
 * The login (or none) a request asks for, once the relayhost is known: `given` is the
 * relayhost from --set or the profile, `inForce` main.cf's. Undefined when the request asks
 * nothing about the login (a plain --set run).
 */
export function resolveRelayAccess(request: RelayRequest, given: string | undefined, explicit: ReadonlyMap<string, string>): RelayAccess | undefined {
	checkRelayRequest(request);
	const {provider} = request;
	if (provider === undefined && request.password === undefined) {
		return undefined;
	}

	const inForce = explicit.get('relayhost');
	const chosen = chooseRelayhost(request, given, inForce);
	// A port that does not say how TLS starts keeps what main.cf does for that relay today.
	const keepsWrappermode = request.mode === undefined && chosen === inForce?.trim() && !modeContradictsPort(chosen, 'implicit-tls')
		&& (explicit.get('smtp_tls_wrappermode') ?? '').trim().toLowerCase() === 'yes';
	return accessFor({...request, ...(keepsWrappermode ? {mode: 'implicit-tls' as const} : {})}, chosen);
}

function accessFor(request: RelayRequest, relayhost: string): RelayAccess {
	const {provider} = request;
	if (request.mode !== undefined && modeContradictsPort(relayhost, request.mode)) {
		fail(
			`--relay-tls-mode ${request.mode} contradicts the port of ${relayhost}: 465 is implicit TLS, 587 and 25 are STARTTLS`,
			`--relay-tls-mode ${request.mode} 与 ${relayhost} 的端口矛盾：465 是隐式 TLS，587 和 25 是 STARTTLS`,
		);
	}

	if (provider?.login === 'none' || request.password === undefined) {
		const asked = request.level !== 'encrypt' || request.mode !== undefined;
		return {kind: 'none', relayhost, encryption: asked ? encryptionFor(relayhost, request.level, request.mode) : undefined};
	}

	// Postmark's user is the same token as the password: taken from the file, never from argv.
	const username = request.username ?? provider?.fixedUsername ?? request.password.secret.reveal();
	return {
		kind: 'login',
		login: {provider: provider?.id ?? 'other', relayhost, username, password: request.password.secret, encryption: encryptionFor(relayhost, request.level, request.mode)},
	};
}

export function providerByName(name: string): Provider {
	const provider = findProvider(name.trim().toLowerCase());
	if (!provider) {
		fail(`--provider "${name}" is not known: one of ${providerNames}`, `--provider “${name}”未知：可选 ${providerNames}`);
	}

	return provider;
}
