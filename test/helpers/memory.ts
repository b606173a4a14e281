import {execa} from 'execa';
import {existsSync} from 'node:fs';
import {utimes, writeFile} from 'node:fs/promises';

// getrusage(RUSAGE_CHILDREN) reports the largest resident set among the waited children and
// their descendants: the CLI's node process, which outweighs any Postfix program it runs.
const rusageShim = [
	'import resource, subprocess, sys',
	'subprocess.run(sys.argv[1:], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, check=True)',
	'print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)',
].join('\n');

const pythonPath = existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';

/** Peak resident memory, in MiB, of one run of a command (Linux reports ru_maxrss in KiB). */
export async function peakMemoryMiB(command: readonly string[], env: Record<string, string> = {}): Promise<number> {
	const result = await execa(pythonPath, ['-c', rusageShim, ...command], {env: {...process.env, ...env}});
	return Number(result.stdout.trim()) / 1024;
}

/**
 * A main.cf of `lines` more lines, half comments and half parameters of a site's own (as a
 * generated or long-lived main.cf has), after the given one. Dated back: Postfix's readers wait
 * while main.cf is younger than ~2 s, and an administrator's is old.
 */
export async function writeLargeMainCf(file: string, head: string, lines: number): Promise<number> {
	const body: string[] = [head.endsWith('\n') ? head.slice(0, -1) : head];
	for (let index = 0; index < lines; index++) {
		body.push(index % 2 === 0 ? `# ${index}: a comment of the kind a long-lived main.cf collects over the years` : `site_parameter_${index} = value ${index}`);
	}

	const content = `${body.join('\n')}\n`;
	await writeFile(file, content);
	const past = new Date(Date.now() - 3_600_000);
	await utimes(file, past, past);
	return Buffer.byteLength(content);
}
