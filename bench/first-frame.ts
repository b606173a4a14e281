import {cliPath} from '../test/helpers/cli.js';
import {runOnPty} from '../test/helpers/pty.js';
import {median} from './stats.js';

/**
 * Milliseconds from the fork of `argv` on a fresh 120x40 pty (test/helpers/pty.ts: nothing
 * between the pty and the program) until its output shows `marker`, and until it shows it a
 * second time (the wizard's Ink frame drawn over its first paint; undefined without one).
 */
export async function timesToOutput(argv: readonly string[], marker: string, env: Record<string, string> = {}): Promise<{first: number; second: number | undefined}> {
	const run = await runOnPty(argv, {rows: 40, columns: 120, env: {...process.env, ...env}, marker});
	if (run.firstMs === undefined) {
		throw new Error(`no "${marker}" in the output of ${argv.join(' ')}: ${run.output.toString('utf8').slice(0, 300)}`);
	}

	return {first: run.firstMs, second: run.secondMs};
}

/** Milliseconds until `marker` first shows. */
export async function timeToOutput(argv: readonly string[], marker: string, env: Record<string, string> = {}): Promise<number> {
	return (await timesToOutput(argv, marker, env)).first;
}

export interface FirstFrameBench {
	readonly frameMs: number;
	/** Until Ink's own frame, drawn over the first paint, takes the keys. */
	readonly inkFrameMs: number;
	readonly nodeMs: number;
	readonly ratio: number;
	readonly runs: number;
}

/**
 * The wizard's first frame (its real preflight screen, from the bundle) against `node -e
 * "console.log(…)"`, both forked onto a pty by the same harness, interleaved, medians.
 */
export async function benchFirstFrame(runs = 11): Promise<FirstFrameBench> {
	const frames: number[] = [];
	const inkFrames: number[] = [];
	const nodes: number[] = [];
	const wizard = [process.execPath, cliPath, '--lang', 'en'];
	const hello = [process.execPath, '-e', 'console.log("hello from node")'];
	const exitAfterFrame = {POSTFIX_WIZARD_EXIT_AFTER_FIRST_FRAME: '1'};
	// One of each first, so that both find the files in the page cache.
	await timeToOutput(hello, 'hello from node');
	await timeToOutput(wizard, 'Preflight', exitAfterFrame);
	for (let run = 0; run < runs; run++) {
		nodes.push(await timeToOutput(hello, 'hello from node'));
		const times = await timesToOutput(wizard, 'Preflight', exitAfterFrame);
		frames.push(times.first);
		// Without a first paint (a terminal too small for it) Ink's frame is the first.
		inkFrames.push(times.second ?? times.first);
	}

	const frameMs = median(frames);
	const nodeMs = median(nodes);
	return {frameMs, inkFrameMs: median(inkFrames), nodeMs, ratio: frameMs / nodeMs, runs};
}

if (import.meta.url === `file://${process.argv[1]}`) {
	const result = await benchFirstFrame();
	console.log(`first frame ${result.frameMs.toFixed(0)} ms vs node -e ${result.nodeMs.toFixed(0)} ms: ${result.ratio.toFixed(2)}x (budget 2x)`);
}
