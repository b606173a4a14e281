import {stat} from 'node:fs/promises';
import path from 'node:path';
import {setTimeout as sleep} from 'node:timers/promises';
import type {PostfixTarget} from './target.js';

/**
 * The kernel stamps a file and answers time() from its coarse clock, which may lag the
 * precise one Date.now() reads by a tick (1–10 ms): started this much after the whole
 * second, a Postfix program sees that second too.
 */
const clockTickMs = 25;

/**
 * Waits until Postfix reads main.cf at once. Every Postfix program reads a main.cf changed in
 * the last whole second or two again and again, 300 ms apart, until the whole-second clock is
 * two past the file's mtime (load_file's "pausing to let main.cf cool down": it may be half
 * written). Each round compares the mtime with the clock read before the pause that preceded
 * it, so a program left to poll reads main.cf 0.3–0.6 s after that moment. Started at that
 * moment instead, it reads it once: a run that has just written main.cf ends ~0.45 s sooner
 * on average. Returns at once for a main.cf that is older, missing or dated in the future
 * (which Postfix reads at once too).
 */
export async function untilMainCfSettled(target: PostfixTarget, options: {readonly signal?: AbortSignal} = {}): Promise<void> {
	const info = await stat(path.join(target.configDir, 'main.cf')).catch(() => undefined);
	if (!info) {
		return;
	}

	const now = Date.now();
	const settledAt = (Math.floor(info.mtimeMs / 1000) + 2) * 1000 + clockTickMs;
	if (info.mtimeMs <= now && settledAt > now) {
		await sleep(settledAt - now, undefined, {signal: options.signal}).catch(() => undefined);
	}
}
