export function median(values: readonly number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** Milliseconds `run` takes. */
export async function timed(run: () => Promise<unknown>): Promise<number> {
	const start = process.hrtime.bigint();
	await run();
	return Number(process.hrtime.bigint() - start) / 1e6;
}

/**
 * The tool against its by-hand floor, in one run: one warm-up of each (so the page cache
 * treats both alike), then `runs` interleaved pairs, each after `reset`; medians.
 */
export async function interleaved(runs: number, reset: () => Promise<void>, floor: () => Promise<unknown>, tool: () => Promise<unknown>): Promise<{toolMs: number; floorMs: number}> {
	const floorTimes: number[] = [];
	const toolTimes: number[] = [];
	await reset();
	await floor();
	await reset();
	await tool();
	for (let run = 0; run < runs; run++) {
		await reset();
		floorTimes.push(await timed(floor));
		await reset();
		toolTimes.push(await timed(tool));
	}

	return {toolMs: median(toolTimes), floorMs: median(floorTimes)};
}
