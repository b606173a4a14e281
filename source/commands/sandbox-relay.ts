import path from 'node:path';
import {writeNewFile} from '../apply/exclusive.js';
import type {RelayRequest} from '../relay/request.js';
import type {Sandbox} from '../sandbox/instance.js';
import type {SinkSecurity} from '../sandbox/sink.js';

/** `--provider none` asks for the no-login path: the sandbox relay then takes mail without one. */
export function sandboxRelaySecurity(relay: RelayRequest | undefined): SinkSecurity {
	return relay?.provider?.login === 'none' ? 'open' : 'login';
}

export interface SandboxRelay {
	readonly settings: ReadonlyMap<string, string>;
	readonly relay: RelayRequest | undefined;
	/** The sandbox relay's login, when it is used: the user, and the 0600 file holding the password. */
	readonly login?: {readonly username: string; readonly passwordFile: string};
}

/**
 * `apply --sandbox`: when the run names no relay (no relayhost, provider or login), the
 * sandbox relay is the relay, and its generated login the login, as in the wizard's sandbox.
 * The password is written to a 0600 file in the sandbox (created exclusively) for the user
 * to use, as they would give theirs with --relay-password-file; the run itself takes the
 * value it already holds. Never an argument, never in the output.
 */
export async function withSandboxRelay(sandbox: Sandbox, settings: ReadonlyMap<string, string>, relay: RelayRequest | undefined): Promise<SandboxRelay> {
	const namesRelay = settings.has('relayhost') || relay?.username !== undefined || relay?.password !== undefined || (relay?.provider !== undefined && relay.provider.login !== 'none');
	if (namesRelay) {
		return {settings, relay};
	}

	const withRelayhost = new Map([...settings, ['relayhost', sandbox.sink.relayhost]]);
	const {login} = sandbox.sink;
	if (login === undefined || relay?.provider?.login === 'none') {
		return {settings: withRelayhost, relay};
	}

	const passwordFile = path.join(sandbox.dir, 'relay-password');
	await writeNewFile(passwordFile, `${login.password.reveal()}\n`, 0o600);
	return {
		settings: withRelayhost,
		// From the file the user is pointed to (--json's passwordFrom): it holds these very bytes.
		relay: {provider: undefined, region: undefined, username: login.username, password: {secret: login.password, source: 'file'}, level: 'encrypt'},
		login: {username: login.username, passwordFile},
	};
}
