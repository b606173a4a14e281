import {readFile, mkdtemp, rm, writeFile} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {orderAppended} from '../plan/appended-order.js';
import {unifiedDiff, withFinalNewline} from '../plan/diff.js';
import type {Plan} from '../plan/types.js';
import {mainCfPath} from '../postfix/current.js';
import {editConfig, removeParameters} from '../postfix/postconf.js';
import type {PostfixTarget} from '../postfix/target.js';

/** A plan with the exact bytes it will write: the preview is the change. */
export interface StagedPlan extends Plan {
	readonly mainCf: string;
	/** main.cf as read (empty when it did not exist). */
	readonly before: Buffer;
	readonly beforeExisted: boolean;
	/** main.cf as `postconf -e` leaves it on a private copy. */
	readonly after: Buffer;
	/** Unified diff of before -> after; empty when nothing changes. */
	readonly diff: string;
	readonly warnings: readonly string[];
}

async function readIfExists(file: string): Promise<Buffer | undefined> {
	try {
		return await readFile(file);
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
			return undefined;
		}

		throw error;
	}
}

/**
 * Runs Postfix's own editor on a private copy of main.cf, so what the user reviews
 * is byte for byte what will be written, and the live file is never half-edited.
 */
export async function stagePlan(target: PostfixTarget, plan: Plan, options: {signal?: AbortSignal} = {}): Promise<StagedPlan> {
	const file = mainCfPath(target);
	const existing = await readIfExists(file);
	const before = existing ?? Buffer.alloc(0);
	const base = {...plan, mainCf: file, before, beforeExisted: existing !== undefined};
	if (plan.changes.length === 0) {
		return {...base, after: before, diff: '', warnings: []};
	}

	const stage = await mkdtemp(path.join(os.tmpdir(), 'postfix-wizard-stage-'));
	try {
		// latin1 maps every byte to one character and back: a comment in any encoding survives.
		await writeFile(path.join(stage, 'main.cf'), withFinalNewline(before.toString('latin1')), 'latin1');
		const settings = new Map(plan.changes.filter(change => !change.removed).map(change => [change.name, change.to]));
		const removed = plan.changes.filter(change => change.removed).map(change => change.name);
		const warnings = [
			...settings.size > 0 ? await editConfig(stage, settings, options) : [],
			...removed.length > 0 ? await removeParameters(stage, removed, options) : [],
		];
		const appended = plan.changes.filter(change => !change.fromExplicit && !change.removed).map(change => change.name);
		const after = Buffer.from(orderAppended(await readFile(path.join(stage, 'main.cf'), 'latin1'), appended), 'latin1');
		return {
			...base,
			after,
			diff: unifiedDiff(file, before.toString('utf8'), after.toString('utf8')),
			warnings: [...new Set(warnings)]
				.filter(warning => !warning.includes('master.cf: No such file'))
				.map(warning => warning.replaceAll(stage, target.configDir)),
		};
	} finally {
		await rm(stage, {recursive: true, force: true});
	}
}
