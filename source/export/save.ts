import path from 'node:path';
import type {RunOptions} from '../postfix/run.js';
import type {PostfixTarget} from '../postfix/target.js';
import {version} from '../version.js';
import {readMachineConfig} from './machine.js';
import {buildPlaybook, defaultRole} from './playbook.js';
import {OutputExistsError, writeOutputFile} from './write.js';

export interface SavedPlaybook {
	readonly file: string;
	/** Vault variables to create before running it. */
	readonly vaultVariables: readonly string[];
}

/**
 * The wizard's "save as playbook": this machine's configuration for the system role, in a
 * new file in `dir` (postfix-null-client.yml, or -2, -3… when taken), never over another.
 */
export async function savePlaybook(target: PostfixTarget, dir: string, options?: RunOptions): Promise<SavedPlaybook> {
	const config = await readMachineConfig(target, options);
	for (let attempt = 1; ; attempt++) {
		const file = path.join(dir, attempt === 1 ? 'postfix-null-client.yml' : `postfix-null-client-${attempt}.yml`);
		const playbook = buildPlaybook(config, {hosts: 'all', role: defaultRole, includeSecrets: false, generatedAt: new Date(), toolVersion: version, fileName: path.basename(file)});
		try {
			await writeOutputFile(file, playbook.text, 0o644, false);
			return {file, vaultVariables: playbook.vaultVariables};
		} catch (error) {
			if (!(error instanceof OutputExistsError) || attempt >= 99) {
				throw error;
			}
		}
	}
}
