import {InterruptedError, reasonOf} from '../errors.js';
import {type Localized, untranslated} from '../i18n/lang.js';
import {stopOf} from '../interrupt.js';
import {type PostfixTarget} from '../postfix/target.js';
import {type ServiceOutcome, applyServiceAction, runCheck} from '../postfix/service.js';
import {type BackupNaming, type BackupSet, writeBackupSet} from './backup-set.js';
import {digestOf, digestOfBytes, sameDigest} from './content.js';
import {type SetFile, SetChangedError, SetWriter, backedBy, memberOf, snapshotSet, sweepLeftovers} from './file-set.js';
import {acquireLock, type Lock} from './lock.js';
import {changesNothing} from '../plan/plan.js';
import type {StagedPlan} from './stage.js';
import type {StepEvent, StepName, StepState} from './steps.js';

export type {StepEvent, StepName, StepState} from './steps.js';

export interface ApplyOptions {
	readonly backup?: BackupNaming;
	/** False for --no-restart: write and check, leave the running Postfix alone. */
	readonly service?: boolean;
	/**
	 * Ctrl-C: before the write nothing changes; once writing started the transaction
	 * rolls back instead of stopping halfway.
	 */
	readonly signal?: AbortSignal;
	readonly onStep?: (event: StepEvent) => void;
	/** The backup's stamp; default: when the plan was staged, the name the review showed. */
	readonly now?: () => Date;
}

export type ApplyOutcome =
	| {readonly status: 'unchanged'}
	| {
		readonly status: 'applied';
		readonly backup: BackupSet | undefined;
		readonly service: ServiceOutcome | 'skipped';
		/** What `postfix check` said although it passed. */
		readonly checkWarnings: readonly string[];
	}
	| {
		readonly status: 'failed' | 'interrupted';
		readonly step: StepName;
		/** Why, in both languages (Postfix's own words, which it says in English, in both). */
		readonly reason: Localized;
		/** True when files were changed and are now byte-identical to before again. */
		readonly rolledBack: boolean;
		/** What the rollback could not put back, as sentences; empty when it did all. */
		readonly restoreProblems: readonly Localized[];
		readonly backup: BackupSet | undefined;
	};

class StepFailure extends Error {
	constructor(readonly step: StepName, readonly reason: Localized) {
		super(reason.en);
	}
}


/** main.cf first, then the files beside it: the set one backup covers. */
function setFilesOf(plan: StagedPlan): SetFile[] {
	const access = plan.mainCfAccess;
	const mainCf: SetFile = {path: plan.mainCf, before: plan.beforeExisted ? plan.beforeDigest : undefined, after: plan.removesMainCf ? undefined : plan.after, mode: access?.mode, ...(access ? {owner: access.owner} : {}), secret: false, followLink: true, ...(plan.placeable ? {placeable: plan.placeable} : {})};
	return [mainCf, ...plan.staged.map(file => ({path: file.path, before: file.before && digestOf(file.before), after: file.after, mode: file.mode, ...(file.owner ? {owner: file.owner} : {}), secret: file.secret, followLink: false}))];
}

function changes(file: SetFile): boolean {
	return !sameDigest(file.before, file.after && digestOfBytes(file.after));
}

/**
 * Writing order: new and changed files beside main.cf first (a map before the main.cf
 * that names it), main.cf, then removals (after main.cf stopped naming them).
 */
function writingOrder(files: readonly SetFile[], mainCf: string): SetFile[] {
	// Staged files beside main.cf always change (a mode alone counts); main.cf is in the set for
	// the backup, and written when its bytes change or a mode and owner are to be given back.
	const wanted = files.filter(file => file.path !== mainCf || changes(file) || file.mode !== undefined);
	const writes = wanted.filter(file => file.after !== undefined);
	return [...writes.filter(file => file.path !== mainCf), ...writes.filter(file => file.path === mainCf), ...wanted.filter(file => file.after === undefined)];
}

/**
 * The one way the configuration changes: lock, a verified backup of the whole set under
 * one stamp, an atomic write of every staged file, `postfix check`, the service action.
 * Any failure or interrupt after the first write puts every file back before returning.
 */
export async function applyStagedPlan(target: PostfixTarget, plan: StagedPlan, options: ApplyOptions = {}): Promise<ApplyOutcome> {
	if (changesNothing(plan)) {
		return {status: 'unchanged'};
	}

	const emit = (step: StepName, state: StepState, detail?: string) => options.onStep?.({step, state, ...(detail === undefined ? {} : {detail})});
	const interruptedBy = () => {
		if (options.signal?.aborted) {
			throw stopOf(options.signal);
		}
	};

	let current: StepName = 'lock';
	let lock: Lock | undefined;
	let backup: BackupSet | undefined;
	const writer = new SetWriter();
	const begin = (step: StepName) => {
		current = step;
		emit(step, 'running');
	};

	try {
		interruptedBy();
		begin('lock');
		lock = await acquireLock(target.configDir);
		emit('lock', 'done', lock.path);
		await sweepLeftovers(target.configDir);

		begin('backup');
		const files = setFilesOf(plan);
		let snapshots;
		try {
			snapshots = await snapshotSet(files);
		} catch (error) {
			throw error instanceof SetChangedError ? new StepFailure('backup', error.text) : error;
		}

		backup = await writeBackupSet(target.configDir, snapshots.map(snapshot => memberOf(snapshot)), options.backup ?? 'multiple', options.now?.() ?? plan.stagedAt);
		emit('backup', 'done', backup.path);

		interruptedBy();
		begin('write');
		// From here on a restore writes back the backup's verified copies, not the live files.
		const byPath = new Map(backedBy(snapshots, backup).map(snapshot => [snapshot.file.path, snapshot]));
		for (const file of writingOrder(files, plan.mainCf)) {
			interruptedBy();
			await writer.write(byPath.get(file.path)!);
		}

		emit('write', 'done', plan.mainCf);

		begin('check');
		// An interrupt ends `postfix check` and everything it started (post-install may run
		// `postconf -e`) before the files are put back: nothing edits them after the rollback.
		const check = await runCheck(target, {signal: options.signal});
		if (!check.ok) {
			const said = check.messages.join('\n');
			throw new StepFailure('check', said ? untranslated(said) : {en: 'postfix check failed and said nothing', zh: 'postfix check 失败，且没有输出任何信息'});
		}

		emit('check', 'done', check.messages.join('\n') || undefined);
		interruptedBy();

		let service: ServiceOutcome | 'skipped' = 'skipped';
		if (options.service === false || plan.service === 'none') {
			emit('service', 'skipped', 'not restarted (--no-restart)');
		} else {
			begin('service');
			service = await applyServiceAction(target, plan.service);
			emit('service', 'done', service);
		}

		await writer.commit();
		return {status: 'applied', backup, service, checkWarnings: check.messages};
	} catch (error) {
		const reason = error instanceof StepFailure ? error.reason : reasonOf(error);
		const step = error instanceof StepFailure ? error.step : current;
		emit(step, 'failed', reason.en);
		let rolledBack = false;
		let restoreProblems: Localized[] = [];
		if (writer.touched > 0) {
			restoreProblems = await writer.restore();
			rolledBack = restoreProblems.length === 0;
			if (rolledBack && step === 'service') {
				// Bring Postfix back on the configuration that worked; best effort, the files are what matter.
				await applyServiceAction(target, plan.service === 'none' ? 'reload' : plan.service).catch(() => undefined);
			}
		}

		return {status: error instanceof InterruptedError ? 'interrupted' : 'failed', step, reason, rolledBack, restoreProblems, backup};
	} finally {
		await lock?.release().catch(() => undefined);
	}
}
