import type {BackupNaming} from '../apply/backup.js';
import type {Profile} from '../apply/profile.js';
import {profileNeedsRelayPassword} from '../apply/profile-resolve.js';
import type {Secret} from '../relay/secret.js';
import {UsageError} from '../errors.js';
import {inEveryLang} from '../i18n/lang.js';
import {checkRecipient} from '../verify/recipient.js';
import {applyMessages} from './messages.js';
import {type RootMailRequest, rootMailRequestErrors} from '../rootmail/plan.js';
import {isSendAsScope} from '../rootmail/sender-canonical.js';
import {formatValidationError} from '../settings/catalogue.js';
import {readRelayPassword} from './relay-password.js';
import {setArgumentName} from './set-argument.js';
import {type RelayRequest, checkRelayRequest, providerByName} from '../relay/request.js';
import type {TlsLevel, TlsMode} from '../relay/types.js';

/** `apply`'s options as commander hands them over: text, unchecked. */
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
	readonly provider?: string;
	readonly region?: string;
	readonly relayUser?: string;
	readonly relayPasswordFile?: string;
	readonly relayPasswordStdin?: boolean;
	readonly relayTlsLevel?: TlsLevel;
	readonly relayTlsMode?: TlsMode;
	/** Where root's, postmaster's and the system accounts' mail goes. */
	readonly rootTo?: string;
	/** The verified sender address mail from this machine is sent as. */
	readonly sendAs?: string;
	readonly sendAsScope?: string;
}

/** After applying: send a test mail to `to` and follow it for at most `timeoutMs`. */
export interface TestMailRequest {
	readonly to: string;
	readonly timeoutMs: number;
}

/** What `apply` is asked to do, checked and in domain terms: everything below works on this. */
export interface ApplyRequest {
	/** --profile, read; its placeholders are filled once the target is known (resolveProfile). */
	readonly profile: Profile | undefined;
	/** --set: main.cf parameter -> value, over the profile's. */
	readonly settings: ReadonlyMap<string, string>;
	/** The password the profile's sasl_passwd refers to ({{ vault_postfix_relay_password }}): a file, stdin or the environment. */
	readonly relayPassword: Secret | undefined;
	/** --provider, --relay-user and the password: the relay's login (or none), resolved once main.cf is read. */
	readonly relay: RelayRequest | undefined;
	/** Said while reading the profile and the password (ignored keys, loose file modes…). */
	readonly warnings: readonly string[];
	/** --dry-run: print the diff, change nothing. */
	readonly dryRun: boolean;
	/** --yes: do not ask before writing. */
	readonly yes: boolean;
	/** False for --no-restart. */
	readonly restart: boolean;
	readonly backup: BackupNaming;
	readonly testMail: TestMailRequest | undefined;
	readonly json: boolean;
	/** --allow-open-relay, --allow-direct-delivery: consent to what the wizard asks to confirm. */
	readonly allowOpenRelay: boolean;
	readonly allowDirectDelivery: boolean;
	/** --root-to, --send-as and --send-as-scope: root's mail and the sender (empty: not asked). */
	readonly rootMail: RootMailRequest;
}

/**
 * `--set a=b --set c=d` -> settings. One name given twice with different values is a
 * mistake, not a choice: which one was meant is the user's to say (the same value twice is harmless).
 */
export function parseSetArguments(raw: readonly string[]): Map<string, string> {
	const settings = new Map<string, string>();
	for (const item of raw) {
		const name = setArgumentName(item);
		if (name === undefined) {
			throw new UsageError(inEveryLang(applyMessages, m => m.badSet(item)));
		}

		const value = item.slice(item.indexOf('=') + 1);
		const earlier = settings.get(name);
		if (earlier !== undefined && earlier.trim() !== value.trim()) {
			throw new UsageError(inEveryLang(applyMessages, m => m.conflictingSet(name, earlier, value)));
		}

		settings.set(name, value);
	}

	return settings;
}

/** `--timeout S`: a positive number of seconds, in milliseconds. */
export function parseTimeout(raw: string | undefined, fallbackSeconds: number): number {
	if (raw === undefined) {
		return fallbackSeconds * 1000;
	}

	const seconds = Number(raw);
	if (raw.trim() === '' || !Number.isFinite(seconds) || seconds <= 0) {
		throw new UsageError(inEveryLang(applyMessages, m => m.badTimeout(raw)));
	}

	return Math.round(seconds * 1000);
}

/**
 * The one place `apply`'s options become a request: the profile read, --set parsed, the
 * timeout and test address checked. Anything wrong is a UsageError (exit 2), before
 * Postfix or any file is touched.
 */
export async function parseApplyRequest(options: ApplyCommandOptions): Promise<ApplyRequest> {
	if (options.play !== undefined && options.profile === undefined) {
		throw new UsageError(inEveryLang(applyMessages, m => m.playWithoutProfile));
	}

	// The YAML parser (a tenth of what `apply` loads) only for --profile.
	const profile = options.profile === undefined ? undefined : await (await import('../apply/profile.js')).loadProfile(options.profile, {play: options.play});
	const warnings = [...profile?.warnings ?? []];
	// A login asked for on the command line; a password alone may also be the one a profile's
	// sasl_passwd refers to. Never an argument; a profile that needs one is refused up front without it.
	const wantsLogin = options.relayUser !== undefined || options.provider !== undefined;
	const profileWantsPassword = profile !== undefined && profileNeedsRelayPassword(profile);
	const password = await readRelayPassword({...options, useEnvironment: wantsLogin || profileWantsPassword});
	if (profileWantsPassword && password === undefined) {
		throw new UsageError(inEveryLang(applyMessages, m => m.profileNeedsPassword));
	}

	warnings.push(...password?.warnings ?? []);
	const relayPassword = password?.secret;
	let relay: RelayRequest | undefined;
	if (wantsLogin || (password !== undefined && !profileWantsPassword)) {
		relay = {
			provider: options.provider === undefined ? undefined : providerByName(options.provider),
			region: options.region,
			username: options.relayUser,
			password: password && {secret: password.secret, source: password.source},
			level: options.relayTlsLevel ?? 'encrypt',
			...(options.relayTlsMode ? {mode: options.relayTlsMode} : {}),
		};
		checkRelayRequest(relay);
	} else if (options.region !== undefined) {
		throw new UsageError({en: '--region goes with --provider ses only', zh: '--region 只能与 --provider ses 一起使用'});
	}

	const settings = parseSetArguments(options.set);
	const rootMail = rootMailRequest(options);
	if ((profile?.settings.size ?? 0) + settings.size === 0 && relay === undefined && rootMail.rootTo === undefined && rootMail.sendAs === undefined) {
		throw new UsageError(inEveryLang(applyMessages, m => m.noSettings));
	}

	const timeoutMs = parseTimeout(options.timeout, 30);
	const backup = options.backup ?? profile?.backup;
	return {
		profile,
		settings,
		relayPassword,
		relay,
		warnings,
		dryRun: options.dryRun === true,
		yes: options.yes === true,
		restart: options.restart !== false,
		backup: backup ?? 'multiple',
		testMail: options.testMail === undefined ? undefined : {to: checkRecipient(options.testMail), timeoutMs},
		json: options.json === true,
		allowOpenRelay: options.allowOpenRelay === true,
		allowDirectDelivery: options.allowDirectDelivery === true,
		rootMail,
	};
}

/** --root-to, --send-as and --send-as-scope as a request, each address checked; a scope alone is a usage error. */
function rootMailRequest(options: ApplyCommandOptions): RootMailRequest {
	const scope = options.sendAsScope;
	if (scope !== undefined && (options.sendAs === undefined || !isSendAsScope(scope))) {
		throw new UsageError(inEveryLang(applyMessages, m => m.badSendAsScope(scope)));
	}

	const request: RootMailRequest = {
		...(options.rootTo === undefined ? {} : {rootTo: options.rootTo}),
		...(options.sendAs === undefined ? {} : {sendAs: options.sendAs, sendAsScope: scope === 'all' ? 'all' : 'local'}),
	};
	const [refused] = rootMailRequestErrors(request);
	if (refused) {
		throw new UsageError({en: formatValidationError(refused, 'en'), zh: formatValidationError(refused, 'zh')});
	}

	return request;
}
