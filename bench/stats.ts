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
 * `count` points of the wall-clock second, evenly spaced, in random order. Postfix waits
 * until a fresh main.cf's mtime is two whole seconds old, so a run's time depends on where
 * in the second it writes: a user starts at any point. Both sides start once at each point
 * (stratified sampling): the same expectation as random starts, without a median that
 * moves by a tenth of a second from one bench run to the next with the luck of the draw.
 */
export function pointsOfSecond(count: number): number[] {
	const points = Array.from({length: count}, (_, index) => (index + 0.5) / count);
	for (let index = points.length - 1; index > 0; index--) {
		const other = Math.floor(Math.random() * (index + 1));
		[points[index], points[other]] = [points[other]!, points[index]!];
	}

	return points;
}

/** Waits until the wall clock reaches `point` (0–1) of a second. */
export async function untilPointOfSecond(point: number): Promise<void> {
	const now = Date.now() % 1000;
	const target = point * 1000;
	await new Promise(resolve => setTimeout(resolve, (target - now + 1000) % 1000));
}

/**
 * The tool against its by-hand floor, in one run: one warm-up of each (so the page cache
 * treats both alike), then `runs` interleaved pairs, each after `reset`, both sides of a pair
 * started at the same point of the second (pointsOfSecond); medians.
 */
export async function interleaved(runs: number, reset: () => Promise<void>, floor: () => Promise<unknown>, tool: () => Promise<unknown>): Promise<{toolMs: number; floorMs: number}> {
	const floorTimes: number[] = [];
	const toolTimes: number[] = [];
	await reset();
	await floor();
	await reset();
	await tool();
	for (const point of pointsOfSecond(runs)) {
		await reset();
		await untilPointOfSecond(point);
		floorTimes.push(await timed(floor));
		await reset();
		await untilPointOfSecond(point);
		toolTimes.push(await timed(tool));
	}

	return {toolMs: median(toolTimes), floorMs: median(floorTimes)};
}
