import type {Localized} from '../../i18n/lang.js';
import {encryptionFor, relayPort, tlsModeFor} from '../../relay/encryption.js';
import {LoginPlanError} from '../../relay/plan.js';
import {type Provider, findProvider, isAwsRegion, providerOfRelayhost, providerRelayhost, providers} from '../../relay/providers.js';
import {passwordProblem, usernameProblem} from '../../relay/sasl-passwd.js';
import {Secret} from '../../relay/secret.js';
import {mailboxProblem} from '../../settings/address.js';
import type {ProviderId, RelayAccess} from '../../relay/types.js';
import type {RelayProbeSettings} from './engine.js';

/** The fields of the "Login and encryption" step, top to bottom. */
export type LoginField = 'provider' | 'region' | 'username' | 'password' | 'verify';

/** What the login step holds; the password as a Secret, so no rendering of the state shows it. */
export interface LoginAnswers {
	readonly provider: ProviderId;
	readonly region: string;
	readonly username: string;
	readonly password: Secret;
	/** Certificate verification (`verify` with the CA bundle) instead of `encrypt`. */
	readonly verify: boolean;
	/** The field keys go to. */
	readonly field: LoginField;
}

/** What the step starts from: main.cf's relay and whether it logs in today, the sandbox's credentials. */
export interface LoginContext {
	readonly relayhost: string;
	readonly loginInForce: boolean;
	/** In --sandbox: the loopback relay's generated login, or none when it takes mail without one. */
	readonly sandbox?: {readonly login?: {readonly username: string; readonly password: Secret}};
}

/**
 * The provider a relayhost suggests: a known host names it; otherwise port 25 is usually a
 * relay that trusts the address, and anything else (587, 465, 2525) wants a login. The
 * sandbox's relay is what it is: with its generated login prefilled, or without one.
 */
export function initialLogin(context: LoginContext): LoginAnswers {
	const known = providerOfRelayhost(context.relayhost);
	const sandboxLogin = context.sandbox?.login;
	const guess: ProviderId = context.sandbox ? (sandboxLogin ? 'other' : 'none') : context.loginInForce || relayPort(context.relayhost) !== '25' ? 'other' : 'none';
	const provider = known?.provider.id ?? guess;
	return {
		provider,
		region: known?.region ?? '',
		username: sandboxLogin?.username ?? findProvider(provider)?.fixedUsername ?? '',
		password: sandboxLogin?.password ?? new Secret(''),
		verify: false,
		field: 'provider',
	};
}

export function providerOf(login: LoginAnswers): Provider {
	return findProvider(login.provider) ?? providers.at(-2)!;
}

/** The fields the chosen provider asks for, in order. */
export function loginFields(login: LoginAnswers): LoginField[] {
	const provider = providerOf(login);
	if (provider.login === 'none') {
		return ['provider', 'verify'];
	}

	return [
		'provider',
		...(provider.region ? ['region' as const] : []),
		// SendGrid's user is always apikey, Postmark's is the token itself: nothing to type.
		...(provider.fixedUsername || provider.id === 'postmark' ? [] : ['username' as const]),
		'password',
		'verify',
	];
}

/**
 * Enter (1) or Esc (-1) on the field on screen: the next or previous field; past the last one
 * the step is accepted when complete (else the field at fault gets the keys), before the first
 * it is left backwards. Pure, so keys arriving in a burst each see the answers the one before left.
 */
export function moveField(login: LoginAnswers, typedRelayhost: string, direction: 1 | -1): {readonly login: LoginAnswers; readonly leave?: 'accept' | 'back'} {
	const fields = loginFields(login);
	const field = fields.includes(login.field) ? login.field : 'provider';
	const to = fields[fields.indexOf(field) + direction];
	if (to) {
		return {login: {...login, field: to}};
	}

	if (direction === -1) {
		return {login, leave: 'back'};
	}

	const problem = loginProblem(login, typedRelayhost);
	return problem ? {login: {...login, field: problem.field}} : {login, leave: 'accept'};
}

/** Choosing a provider: its username when fixed, the password kept (typed for the same relay). */
export function chooseProvider(login: LoginAnswers, id: ProviderId): LoginAnswers {
	const provider = findProvider(id);
	const previous = providerOf(login);
	const username = provider?.fixedUsername ?? (previous.fixedUsername === login.username ? '' : login.username);
	return {...login, provider: id, username};
}

/** The next or previous provider in the list (↑/↓). */
export function cycleProvider(login: LoginAnswers, direction: 1 | -1): LoginAnswers {
	const index = providers.findIndex(provider => provider.id === login.provider);
	const next = providers[(index + direction + providers.length) % providers.length]!;
	return chooseProvider(login, next.id);
}

/** The relayhost once the provider is chosen: the provider's own, on the port typed when it is the same host. */
export function relayhostFor(login: LoginAnswers, typed: string): string {
	const provider = providerOf(login);
	const preset = providerRelayhost(provider, {region: login.region});
	if (preset === undefined) {
		return typed.trim();
	}

	const sameHost = providerOfRelayhost(typed)?.provider.id === provider.id && (provider.region === undefined || providerOfRelayhost(typed)?.region === login.region);
	const port = relayPort(typed);
	return sameHost && (provider.implicitTls || tlsModeFor(typed) === 'starttls') ? `${preset.replace(/:\d+$/, '')}:${port}` : preset;
}

/** Why the step cannot be accepted yet, field by field; undefined when it can. */
export function loginProblem(login: LoginAnswers, typedRelayhost: string): {readonly field: LoginField; readonly reason: Localized} | undefined {
	const provider = providerOf(login);
	if (provider.region && !isAwsRegion(login.region.trim())) {
		return {field: 'region', reason: {en: `the SES region of your SMTP credentials, e.g. ${provider.region.example}`, zh: `SMTP 凭据所属的 SES 区域，例如 ${provider.region.example}`}};
	}

	if (relayhostFor(login, typedRelayhost) === '') {
		return {field: 'provider', reason: {en: 'this choice needs the relayhost of step 1', zh: '此选项需要第 1 步的 relayhost'}};
	}

	if (provider.login === 'none') {
		return undefined;
	}

	const username = usernameProblem(effectiveUsername(login));
	if (username && loginFields(login).includes('username')) {
		return {field: 'username', reason: username};
	}

	const password = passwordProblem(login.password);
	return password ? {field: 'password', reason: password} : username ? {field: 'password', reason: username} : undefined;
}

function effectiveUsername(login: LoginAnswers): string {
	const provider = providerOf(login);
	return provider.fixedUsername ?? (provider.id === 'postmark' ? login.password.reveal() : login.username.trim());
}

/** The step's answer as the planner takes it; throws LoginPlanError when it is not complete. */
export function loginAccess(login: LoginAnswers, typedRelayhost: string): RelayAccess {
	const problem = loginProblem(login, typedRelayhost);
	if (problem) {
		throw new LoginPlanError(problem.reason);
	}

	const relayhost = relayhostFor(login, typedRelayhost);
	const encryption = encryptionFor(relayhost, login.verify ? 'verify' : 'encrypt');
	const provider = providerOf(login);
	if (provider.login === 'none') {
		return {kind: 'none', relayhost, encryption: login.verify ? encryption : undefined};
	}

	return {kind: 'login', login: {provider: provider.id, relayhost, username: effectiveUsername(login), password: login.password, encryption}};
}

/** The same, or undefined while the step is incomplete (for screens that only show it). */
export function safeLoginAccess(login: LoginAnswers, typedRelayhost: string): RelayAccess | undefined {
	return loginProblem(login, typedRelayhost) ? undefined : loginAccess(login, typedRelayhost);
}

/** How the probe on the review should meet the relay: as Postfix will with these answers, logging in once. */
export function probeSettingsOf(access: RelayAccess | undefined): RelayProbeSettings | undefined {
	if (access === undefined) {
		return undefined;
	}

	const encryption = access.kind === 'login' ? access.login.encryption : access.encryption ?? encryptionFor(access.relayhost, 'encrypt');
	const strict = access.kind === 'login' || access.encryption !== undefined || encryption.mode === 'implicit-tls';
	return {
		security: {level: strict ? encryption.level : 'may', wrappermode: encryption.mode === 'implicit-tls', loginConfigured: access.kind === 'login'},
		...(access.kind === 'login' ? {login: access.login} : {}),
	};
}

/** What the "Send as" step offers: the chosen relay when it accepts only verified senders, and the address proposed. */
export interface SenderOffer {
	readonly provider: Provider;
	/** The login, when it is an address the account may send as (Gmail, Microsoft 365…). */
	readonly proposal: string | undefined;
}

/**
 * The relay chosen in the login step needs a verified sender: the "Send as" step is then
 * proposed with the provider's reason; for any other relay (or direct delivery) it stays
 * available and optional, and this is undefined.
 */
export function senderOffer(login: LoginAnswers | undefined, typedRelayhost: string): SenderOffer | undefined {
	if (login === undefined || typedRelayhost.trim() === '') {
		return undefined;
	}

	const provider = providerOf(login);
	if (!provider.verifiedSenderOnly) {
		return undefined;
	}

	const username = effectiveUsername(login);
	return {provider, proposal: provider.sendsAsLogin && mailboxProblem(username) === undefined ? username : undefined};
}
