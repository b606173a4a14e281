import path from 'node:path';
import {type Backup, backupStamp, listBackups} from '../apply/backup.js';
import {listBackupSets} from '../apply/backup-set.js';
import {NoBackupError, prepareRollback, resolveBackup} from '../apply/rollback.js';
import {changesNothing} from '../plan/plan.js';
import type {Lang} from '../i18n/lang.js';
import {PostfixMissingError} from '../postfix/locate.js';
import {executePlan, executionSummary} from './execute-plan.js';
import {rollbackMessages} from './messages.js';
import {type GlobalOptions, exitCode} from './options.js';
import {UsageError, openTarget} from './target.js';

export interface RollbackCommandOptions {
	readonly list?: boolean;
	readonly yes?: boolean;
	readonly restart?: boolean;
}

/** One backup as `rollback --list` shows it: its stamp, what it holds, where it is. */
function describe(backup: Backup, configDir: string, lang: Lang): string[] {
	const m = rollbackMessages[lang];
	const stamp = backupStamp(backup.createdAt);
	if (backup.kind === 'legacy') {
		return [m.legacy(stamp, backup.size), `    ${backup.path}`];
	}

	const names = backup.files.map(file => {
		const name = path.relative(configDir, file.path) || file.path;
		return file.existed ? name : m.absent(name);
	});
	return [m.set(stamp, names.join(', ')), `    ${backup.path}`];
}

async function list(configDir: string, lang: Lang): Promise<void> {
	const m = rollbackMessages[lang];
	const [backups, {ignored}] = await Promise.all([listBackups(configDir), listBackupSets(configDir)]);
	if (backups.length === 0) {
		console.log(m.none(configDir));
	} else {
		console.log(m.heading(configDir));
		backups.forEach(backup => describe(backup, configDir, lang).forEach(line => console.log(line)));
	}

	if (ignored.length > 0) {
		console.log(m.ignored);
		ignored.forEach(entry => console.log(`    ${entry.path}: ${entry.reason}`));
	}
}

export async function runRollback(backup: string | undefined, options: RollbackCommandOptions, globals: GlobalOptions): Promise<number> {
	const m = rollbackMessages[globals.lang];
	if (globals.sandbox) {
		console.error(m.sandbox);
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
		await list(target.configDir, globals.lang);
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

	if (changesNothing(plan)) {
		console.log(m.identical);
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
