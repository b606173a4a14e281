import path from 'node:path';
import {type Backup, backupStamp, listBackups} from '../apply/backup.js';
import {listBackupSets} from '../apply/backup-set.js';
import {prepareRollback, resolveBackup} from '../apply/rollback.js';
import {UsageError, exitCode} from '../errors.js';
import {type Lang, inEveryLang} from '../i18n/lang.js';
import {interruptionOf} from '../interrupt.js';
import {changesNothing} from '../plan/plan.js';
import {executePlan, executionSummary} from './execute-plan.js';
import {rollbackMessages} from './messages.js';
import type {GlobalOptions} from './options.js';
import {openTarget} from './target.js';

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

/** Lists the backups, or restores one (the newest by default) as a transaction of its own. */
export async function runRollback(backup: string | undefined, options: RollbackCommandOptions, globals: GlobalOptions): Promise<number> {
	const m = rollbackMessages[globals.lang];
	if (globals.sandbox) {
		throw new UsageError(inEveryLang(rollbackMessages, messages => messages.sandbox));
	}

	// Refusals (no such backup, an incomplete one) are thrown to the one handler in cli.tsx.
	const {target} = await openTarget(globals);
	if (options.list) {
		await list(target.configDir, globals.lang);
		return exitCode.ok;
	}

	const plan = await prepareRollback(target, await resolveBackup(target, backup));
	if (changesNothing(plan)) {
		console.log(m.identical);
		return exitCode.ok;
	}

	const execution = await executePlan(target, plan, {
		lang: globals.lang,
		json: false,
		yes: options.yes === true,
		dryRun: false,
		restart: options.restart !== false,
		backup: 'multiple',
		signal: globals.interrupt,
	});
	return interruptionOf(globals.interrupt)?.exitCode ?? executionSummary(execution, globals.lang).code;
}
