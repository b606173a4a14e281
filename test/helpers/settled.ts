/**
 * What a probe reads once the keys written have been handled: it polls until the expected
 * text appears, or returns what it reads after two seconds (so the assertion shows it).
 */
export async function settled(probe: () => string, expected: string): Promise<string> {
	const deadline = Date.now() + 2000;
	while (probe() !== expected && Date.now() < deadline) {
		await new Promise(resolve => setTimeout(resolve, 5));
	}

	return probe();
}
