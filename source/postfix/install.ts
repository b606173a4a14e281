import {execa} from 'execa';
import {findProgram} from './locate.js';

export interface InstallPlan {
	readonly manager: 'apt-get' | 'dnf';
	/** The command as the user would type it, for the consent prompt. */
	readonly display: string;
}

/** Which package manager can install Postfix here, if any. */
export function installPlan(): InstallPlan | undefined {
	if (findProgram('apt-get')) {
		return {manager: 'apt-get', display: 'apt-get install postfix'};
	}

	if (findProgram('dnf')) {
		return {manager: 'dnf', display: 'dnf install postfix'};
	}

	return undefined;
}

/**
 * Installs Postfix non-interactively, only after the user said yes. On Debian the
 * debconf answer "No configuration" leaves main.cf to the wizard instead of a dialog.
 */
export async function installPostfix(plan: InstallPlan, options: {signal?: AbortSignal; onOutput?: (line: string) => void} = {}): Promise<void> {
	const run = async (file: string, args: string[], input?: string) => {
		const child = execa(file, args, {
			env: {DEBIAN_FRONTEND: 'noninteractive'},
			cancelSignal: options.signal,
			...(input === undefined ? {stdin: 'ignore' as const} : {input}),
			all: true,
		});
		child.all?.on('data', (chunk: Buffer) => chunk.toString('utf8').split('\n').filter(Boolean).forEach(line => options.onOutput?.(line)));
		await child;
	};

	if (plan.manager === 'apt-get') {
		await run(findProgram('debconf-set-selections') ?? '/usr/bin/debconf-set-selections', [], 'postfix postfix/main_mailer_type select No configuration\n');
		await run(findProgram('apt-get')!, ['update', '-q']);
		await run(findProgram('apt-get')!, ['install', '-y', '-q', 'postfix']);
	} else {
		await run(findProgram('dnf')!, ['install', '-y', 'postfix']);
	}
}
