import {execa} from 'execa';
import {existsSync} from 'node:fs';
import {utimes, writeFile} from 'node:fs/promises';

// getrusage(RUSAGE_CHILDREN) reports the largest resident set among the waited children and
// their descendants: the CLI's node process, which outweighs any Postfix program it runs.
const rusageShim = [
	'import resource, subprocess, sys',
	'code = subprocess.run(sys.argv[1:], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode',
	'print(code, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)',
].join('\n');

const pythonPath = existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';

/**
 * Peak resident memory, in MiB, of one run of a command (Linux reports ru_maxrss in KiB).
 * The run must end with `exitCode` (default 0): a refusal is measured as a refusal.
 */
export async function peakMemoryMiB(command: readonly string[], env: Record<string, string> = {}, options: {exitCode?: number} = {}): Promise<number> {
	const result = await execa(pythonPath, ['-c', rusageShim, ...command], {env: {...process.env, ...env}});
	const [code, kib] = result.stdout.trim().split(' ').map(Number);
	if (code !== (options.exitCode ?? 0)) {
		throw new Error(`${command.join(' ')} exited with ${code}`);
	}

	return kib! / 1024;
}

/** Commentary of the kind main.cf.dist ships, pasted in again and again over the years. */
const commentary = [
	'# The myhostname parameter specifies the internet hostname of this',
	'# mail system. The default is to use the fully-qualified domain name',
	'# from gethostname(). $myhostname is used as a default value for many',
	'# other configuration parameters.',
	'# The mydestination parameter specifies the list of domains that this',
	'# machine considers itself the final destination for.',
	'# Changed by ops after the 2014 migration, see the ticket before editing.',
	'# Specify a list of host or domain names, /file/name or type:table',
];

/**
 * A main.cf grown over years to `lines` more lines, after the given one: main.cf.dist's
 * commentary pasted in again and again, blank lines, site parameters nobody cleaned up
 * (postconf warns "unused parameter" for each), settings appended again further down
 * instead of edited (a warning "overriding earlier entry" for each), lists folded over
 * continuation lines, old settings commented out. Not a flattering synthetic: every
 * Postfix program warns about tens of thousands of its lines. Dated back: Postfix's
 * readers wait while main.cf is younger than ~2 s, and an administrator's is old.
 */
export async function writeLargeMainCf(file: string, head: string, lines: number): Promise<number> {
	const body: string[] = [head.endsWith('\n') ? head.slice(0, -1) : head];
	for (let block = 0; body.length - 1 < lines; block++) {
		body.push(
			...commentary.slice(block % 4, (block % 4) + 5),
			'',
			`site_${block}_restrictions = check_client_access hash:/etc/postfix/access_${block}, permit`,
			`message_size_limit = ${10_240_000 + block}`,
			'smtpd_recipient_restrictions =',
			'    permit_mynetworks,',
			'    reject_unauth_destination,',
			`    check_policy_service unix:private/policy_${block % 7}`,
			`#relayhost = [relay${block % 13}.example.net]:587`,
			'',
		);
	}

	body.length = lines + 1;
	const content = `${body.join('\n')}\n`;
	await writeFile(file, content);
	const past = new Date(Date.now() - 3_600_000);
	await utimes(file, past, past);
	return Buffer.byteLength(content);
}
