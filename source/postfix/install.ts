import path from 'node:path';
import {StepError} from '../errors.js';
import {stopOf} from '../interrupt.js';
import {findProgram} from './locate.js';
import {startProgram} from './run.js';

export interface InstallPlan {
	readonly manager: 'apt-get' | 'dnf' | 'apk';
	readonly packages: readonly string[];
	/** The command as the user would type it, for the consent prompt. */
	readonly display: string;
}

/** Which package manager can install these packages here (Postfix by default), if any. */
export function installPlan(packages: readonly string[] = ['postfix']): InstallPlan | undefined {
	const words = packages.join(' ');
	if (findProgram('apt-get')) {
		return {manager: 'apt-get', packages, display: `apt-get install ${words}`};
	}

	if (findProgram('dnf')) {
		return {manager: 'dnf', packages, display: `dnf install ${words}`};
	}

	if (findProgram('apk')) {
		return {manager: 'apk', packages, display: `apk add ${words}`};
	}

	return undefined;
}

/**
 * Installs the plan's packages non-interactively, only after the user said yes. For
 * Postfix on Debian the debconf answer "No configuration" leaves main.cf to the wizard
 * instead of a dialog.
 */
export async function installPackages(plan: InstallPlan, options: {signal?: AbortSignal; onOutput?: (line: string) => void} = {}): Promise<void> {
	const run = async (file: string, args: string[], input?: string) => {
		const run = startProgram(file, args, {
			env: {DEBIAN_FRONTEND: 'noninteractive'},
			...(input === undefined ? {stdin: 'ignore' as const} : {input}),
			all: true,
		}, {signal: options.signal, endWithTool: false});
		run.child.all?.on('data', (chunk: Buffer) => chunk.toString('utf8').split('\n').filter(Boolean).forEach(line => options.onOutput?.(line)));
		const [result, stopped] = await Promise.all([run.child, run.ended]);
		if (stopped) {
			throw stopOf(options.signal);
		}

		if (result.failed) {
			throw new StepError({en: `${path.basename(file)} ${args.join(' ')} failed: ${result.shortMessage}`, zh: `${path.basename(file)} ${args.join(' ')} 失败：${result.shortMessage}`});
		}
	};

	const packages = [...plan.packages];
	if (plan.manager === 'apt-get') {
		if (packages.includes('postfix')) {
			await run(findProgram('debconf-set-selections') ?? '/usr/bin/debconf-set-selections', [], 'postfix postfix/main_mailer_type select No configuration\n');
		}

		await run(findProgram('apt-get')!, ['update', '-q']);
		await run(findProgram('apt-get')!, ['install', '-y', '-q', ...packages]);
	} else if (plan.manager === 'dnf') {
		await run(findProgram('dnf')!, ['install', '-y', ...packages]);
	} else {
		await run(findProgram('apk')!, ['add', ...packages]);
	}
}
