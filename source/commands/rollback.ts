import {listBackups} from '../apply/backup.js';
import {NoBackupError, prepareRollback, resolveBackup} from '../apply/rollback.js';
import {PostfixMissingError} from '../postfix/locate.js';
import {executePlan, executionSummary} from './execute-plan.js';
import {type GlobalOptions, exitCode} from './options.js';
import {UsageError, openTarget} from './target.js';

export interface RollbackCommandOptions {
	readonly list?: boolean;
	readonly yes?: boolean;
	readonly restart?: boolean;
}

export async function runRollback(backup: string | undefined, options: RollbackCommandOptions, globals: GlobalOptions): Promise<number> {
	if (globals.sandbox) {
		console.error('rollback works on a real configuration: a new sandbox has no backups (use --config-dir).');
		return exitCode.usage;
	}

	let opened;
	try {
		opened = await openTarget(globals);
	} catch (error) {
		if (error instanceof UsageError || error instanceof PostfixMissingError) {
			console.error(error.message);
			return error instanceof UsageError ? exitCode.usage : exitCode.failed;
		}

		throw error;
	}

	const {target} = opened;
	if (options.list) {
		const backups = await listBackups(target.configDir);
		if (backups.length === 0) {
			console.log(`No backups of main.cf in ${target.configDir}.`);
		}

		for (const entry of backups) {
			console.log(`${entry.createdAt.toISOString().replace(/\.\d{3}Z$/, 'Z')}  ${String(entry.size).padStart(7)} bytes  ${entry.path}`);
		}

		return exitCode.ok;
	}

	let plan;
	try {
		plan = await prepareRollback(target, await resolveBackup(target, backup));
	} catch (error) {
		if (error instanceof NoBackupError) {
			console.error(error.message);
			return exitCode.usage;
		}

		throw error;
	}

	if (plan.changes.length === 0) {
		console.log('main.cf is already identical to that backup: nothing to restore.');
		return exitCode.ok;
	}

	const controller = new AbortController();
	const abort = () => controller.abort();
	process.on('SIGINT', abort);
	try {
		const execution = await executePlan(target, plan, {
			lang: globals.lang,
			json: false,
			yes: options.yes === true,
			dryRun: false,
			restart: options.restart !== false,
			backup: 'multiple',
			signal: controller.signal,
		});
		return executionSummary(execution).code;
	} finally {
		process.off('SIGINT', abort);
	}
}
