import {existsSync, lstatSync} from 'node:fs';
import path from 'node:path';
import {readMachineConfig} from '../export/machine.js';
import {buildPlaybook, defaultRole} from '../export/playbook.js';
import {OutputExistsError, writeOutputFile} from '../export/write.js';
import {version} from '../version.js';
import {exportMessages} from './messages.js';
import {type GlobalOptions, exitCode} from './options.js';
import {UsageError} from '../errors.js';
import {openTarget} from './target.js';

export interface ExportCommandOptions {
	readonly ansible?: boolean;
	readonly out?: string;
	readonly hosts: string;
	readonly role: string;
	readonly includeSecrets?: boolean;
	readonly force?: boolean;
}

/** What the options mean, checked before anything is read. */
interface ExportRequest {
	readonly out: string | undefined;
	readonly hosts: string;
	readonly role: string;
	readonly includeSecrets: boolean;
	readonly force: boolean;
}

/** A role given as a path is written absolute: ansible-playbook resolves relative ones from the playbook's directory. */
function roleReference(role: string, m: (typeof exportMessages)['en']): string {
	const trimmed = role.trim();
	if (trimmed === '' || /[\n\r]/.test(trimmed)) {
		throw new UsageError(m.badRole(role));
	}

	if (!trimmed.includes('/')) {
		return trimmed;
	}

	const absolute = path.resolve(trimmed);
	if (!existsSync(path.join(absolute, 'tasks', 'main.yml'))) {
		throw new UsageError(m.notARole(absolute));
	}

	return absolute;
}

function parseRequest(options: ExportCommandOptions, lang: GlobalOptions['lang']): ExportRequest {
	const m = exportMessages[lang];
	if (options.ansible !== true) {
		throw new UsageError(m.needsFormat);
	}

	if (options.includeSecrets && options.out === undefined) {
		throw new UsageError(m.secretsNeedOut);
	}

	if (options.out !== undefined && existsSync(options.out) && options.force !== true) {
		throw new UsageError(m.exists(options.out));
	}

	if (options.out !== undefined && options.force && existsSync(options.out) && !lstatSync(options.out).isFile()) {
		throw new UsageError(m.notAFile(options.out));
	}

	const hosts = options.hosts.trim();
	if (hosts === '' || /[\n\r]/.test(hosts)) {
		throw new UsageError(m.badHosts(options.hosts));
	}

	return {out: options.out, hosts, role: roleReference(options.role, m), includeSecrets: options.includeSecrets === true, force: options.force === true};
}

/** `export --ansible`: this machine's null-client configuration as a playbook for the system role. */
export async function runExport(options: ExportCommandOptions, globals: GlobalOptions): Promise<number> {
	const m = exportMessages[globals.lang];
	// Refusals are thrown to the one handler in cli.tsx (exit 2, or 1 without Postfix).
	const request: ExportRequest = parseRequest(options, globals.lang);
	const opened = await openTarget(globals);

	try {
		if (!existsSync(path.join(opened.target.configDir, 'main.cf'))) {
			console.error(m.noMainCf(opened.target.configDir));
			return exitCode.failed;
		}

		let config;
		try {
			config = await readMachineConfig(opened.target);
		} catch (error) {
			console.error(m.readFailed(opened.target.configDir, (error as Error).message));
			return exitCode.failed;
		}

		const playbook = buildPlaybook(config, {...request, generatedAt: new Date(), toolVersion: version, fileName: request.out === undefined ? undefined : path.basename(request.out)});
		for (const note of config.notes) {
			console.error(`${m.warning}: ${note}`);
		}

		if (request.out === undefined) {
			process.stdout.write(playbook.text);
			return exitCode.ok;
		}

		const mode = playbook.containsSecrets ? 0o600 : 0o644;
		try {
			await writeOutputFile(request.out, playbook.text, mode, request.force);
		} catch (error) {
			if (error instanceof OutputExistsError) {
				console.error(m.exists(request.out));
				return exitCode.usage;
			}

			console.error(m.writeFailed(request.out, (error as NodeJS.ErrnoException).code ?? (error as Error).message));
			return exitCode.failed;
		}

		console.log(m.wrote(request.out, mode));
		console.log(m.runWith(request.out, playbook.vaultVariables));
		return exitCode.ok;
	} finally {
		await opened.close();
	}
}
