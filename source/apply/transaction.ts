import {readFile, rm} from 'node:fs/promises';
import {type PostfixTarget} from '../postfix/target.js';
import {type ServiceOutcome, applyServiceAction, runCheck} from '../postfix/service.js';
import {type Backup, type BackupNaming, writeBackup} from './backup.js';
import {acquireLock, type Lock} from './lock.js';
import {replaceFileContent} from './replace-file.js';
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
	readonly now?: () => Date;
}

export type ApplyOutcome =
	| {readonly status: 'unchanged'}
	| {
		readonly status: 'applied';
		readonly backup: Backup | undefined;
		readonly service: ServiceOutcome | 'skipped';
		/** What `postfix check` said although it passed. */
		readonly checkWarnings: readonly string[];
	}
	| {
		readonly status: 'failed' | 'interrupted';
		readonly step: StepName;
		readonly reason: string;
		/** True when main.cf was changed and is now byte-identical to before again. */
		readonly rolledBack: boolean;
		readonly backup: Backup | undefined;
	};

class StepFailure extends Error {
	constructor(readonly step: StepName, reason: string) {
		super(reason);
	}
}

class Interrupted extends Error {}

/**
 * The one way main.cf changes: lock, verified backup, atomic write of the staged
 * bytes, `postfix check`, service action. Any failure after the write puts the
 * original bytes back before returning.
 */
export async function applyStagedPlan(target: PostfixTarget, plan: StagedPlan, options: ApplyOptions = {}): Promise<ApplyOutcome> {
	if (plan.changes.length === 0) {
		return {status: 'unchanged'};
	}

	const emit = (step: StepName, state: StepState, detail?: string) => options.onStep?.({step, state, ...(detail === undefined ? {} : {detail})});
	const interruptedBy = () => {
		if (options.signal?.aborted) {
			throw new Interrupted('interrupted (Ctrl-C)');
		}
	};

	let current: StepName = 'lock';
	let lock: Lock | undefined;
	let backup: Backup | undefined;
	let written = false;
	const begin = (step: StepName) => {
		current = step;
		emit(step, 'running');
	};

	const restore = async () => {
		if (plan.beforeExisted) {
			await replaceFileContent(plan.mainCf, plan.before);
		} else {
			await rm(plan.mainCf, {force: true});
		}
	};

	try {
		interruptedBy();
		begin('lock');
		lock = await acquireLock(target.configDir);
		emit('lock', 'done', lock.path);

		begin('backup');
		const onDisk = await readFile(plan.mainCf).catch(() => undefined);
		const unchangedSincePreview = plan.beforeExisted ? onDisk?.equals(plan.before) === true : onDisk === undefined;
		if (!unchangedSincePreview) {
			throw new StepFailure('backup', 'main.cf changed since the preview was made; nothing was written, review the change again');
		}

		if (plan.beforeExisted) {
			backup = await writeBackup(plan.mainCf, plan.before, options.backup ?? 'multiple', options.now?.() ?? new Date());
			emit('backup', 'done', backup.path);
		} else {
			emit('backup', 'skipped', 'main.cf did not exist: nothing to back up');
		}

		interruptedBy();
		begin('write');
		written = true;
		await replaceFileContent(plan.mainCf, plan.after);
		emit('write', 'done', plan.mainCf);

		begin('check');
		const check = await runCheck(target);
		if (!check.ok) {
			throw new StepFailure('check', check.messages.join('\n') || 'postfix check failed');
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

		return {status: 'applied', backup, service, checkWarnings: check.messages};
	} catch (error) {
		const reason = error instanceof Error ? error.message : String(error);
		const step = error instanceof StepFailure ? error.step : current;
		emit(step, 'failed', reason);
		let rolledBack = false;
		if (written) {
			await restore();
			const restored = await readFile(plan.mainCf).catch(() => undefined);
			rolledBack = plan.beforeExisted ? restored?.equals(plan.before) === true : restored === undefined;
			if (rolledBack && step === 'service') {
				// Bring Postfix back on the configuration that worked; best effort, the file is what matters.
				await applyServiceAction(target, plan.service === 'none' ? 'reload' : plan.service).catch(() => undefined);
			}
		}

		return {status: error instanceof Interrupted ? 'interrupted' : 'failed', step, reason, rolledBack, backup};
	} finally {
		await lock?.release();
	}
}
