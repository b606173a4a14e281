// Runs inside `unshare -m --propagation private`: binds an instance's directories over
// the system's Postfix paths and stubs every service manager, then runs ansible-playbook.
// Whatever the role does to /etc/postfix or to the service stays in this namespace, which
// ends with this process. Plain JavaScript: it runs before any TypeScript loader.
import {execFileSync, spawnSync} from 'node:child_process';
import {existsSync} from 'node:fs';

const spec = JSON.parse(process.argv[2]);

for (const [from, onto] of spec.binds) {
	if (existsSync(onto)) {
		execFileSync('mount', ['--bind', from, onto]);
	}
}

for (const program of spec.stubbed) {
	if (existsSync(program)) {
		execFileSync('mount', ['--bind', spec.stub, program]);
	}
}

const result = spawnSync('ansible-playbook', spec.args, {env: {...process.env, ...spec.env}, encoding: 'utf8', timeout: spec.timeoutMs});
process.stdout.write(result.stdout ?? '');
process.stderr.write(result.stderr ?? '');
process.exit(result.status ?? 1);
