import {readFile, stat} from 'node:fs/promises';
import {reasonOf} from '../errors.js';
import {RelayRequestError, type PasswordSource} from '../relay/request.js';
import {Secret} from '../relay/secret.js';

/** The environment variable a password may come from (scripts, CI secrets). */
export const passwordEnvironmentVariable = 'POSTFIX_WIZARD_RELAY_PASSWORD';

export interface PasswordOptions {
	readonly relayPasswordFile?: string;
	readonly relayPasswordStdin?: boolean;
	/** Only a run that asks for a login (--relay-user, --provider) reads the environment: a stale variable must not turn a plain --set run into a login. */
	readonly useEnvironment: boolean;
}

/** A file or a pipe ends with one newline that is not part of the password. */
function withoutFinalNewline(text: string): string {
	return text.replace(/\r?\n$/, '');
}

async function readStdin(stream: NodeJS.ReadStream): Promise<string> {
	const chunks: Buffer[] = [];
	for await (const chunk of stream) {
		chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
	}

	return Buffer.concat(chunks).toString('utf8');
}

/**
 * The relay password from the one source given: --relay-password-file, --relay-password-stdin,
 * or POSTFIX_WIZARD_RELAY_PASSWORD. Never an argument. `warnings` says when the file is
 * readable by others. Undefined when no source is given.
 */
export async function readRelayPassword(
	options: PasswordOptions,
	environment: NodeJS.ProcessEnv = process.env,
	stdin: NodeJS.ReadStream = process.stdin,
): Promise<{secret: Secret; source: PasswordSource; warnings: string[]} | undefined> {
	const file = options.relayPasswordFile;
	if (file !== undefined && options.relayPasswordStdin === true) {
		throw new RelayRequestError({en: 'give the password one way: --relay-password-file or --relay-password-stdin, not both', zh: '密码只能用一种方式提供：--relay-password-file 或 --relay-password-stdin，不能同时使用'});
	}

	if (file !== undefined) {
		let text: string;
		let mode: number;
		try {
			[text, mode] = await Promise.all([readFile(file, 'utf8'), stat(file).then(info => info.mode)]);
		} catch (error) {
			const reason = reasonOf(error);
			throw new RelayRequestError({en: `--relay-password-file ${file}: ${reason.en}`, zh: `--relay-password-file ${file}：${reason.zh}`});
		}

		const warnings = (mode & 0o077) === 0 ? [] : [`${file} can be read by other users (mode ${(mode & 0o777).toString(8)}): chmod 600 it`];
		return {secret: new Secret(withoutFinalNewline(text)), source: 'file', warnings};
	}

	if (options.relayPasswordStdin === true) {
		if (stdin.isTTY) {
			throw new RelayRequestError({
				en: '--relay-password-stdin reads the password from a pipe, e.g. `cat FILE | postfix-wizard apply … --relay-password-stdin`; on a terminal, run the wizard instead',
				zh: '--relay-password-stdin 从管道读取密码，例如 `cat 文件 | postfix-wizard apply … --relay-password-stdin`；在终端中请改用向导',
			});
		}

		return {secret: new Secret(withoutFinalNewline(await readStdin(stdin))), source: 'stdin', warnings: []};
	}

	const fromEnvironment = options.useEnvironment ? environment[passwordEnvironmentVariable] : undefined;
	return fromEnvironment === undefined || fromEnvironment === '' ? undefined : {secret: new Secret(fromEnvironment), source: 'env', warnings: []};
}
