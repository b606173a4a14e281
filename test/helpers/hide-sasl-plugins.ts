// Runs a command with the Cyrus SASL plugins hidden, as on a minimal image without them.
// Meant to run inside `unshare -m` (a private mount namespace): an empty directory is
// bind-mounted over every sasl2 directory, which nothing outside the namespace sees.
// With --package-manager STUB, STUB is bind-mounted over every apt-get, dnf, yum and apk
// too, so a test that says yes to installing the plugins can never run the real one.
//   unshare -m -- node --import tsx test/helpers/hide-sasl-plugins.ts EMPTY_DIR [--package-manager STUB] -- COMMAND ARGS...
import {execFileSync, spawnSync} from 'node:child_process';
import {existsSync} from 'node:fs';
import path from 'node:path';
import {saslPluginDirs} from '../../source/postfix/sasl-plugins.js';

const [empty, ...rest] = process.argv.slice(2);
const stub = rest[0] === '--package-manager' ? rest[1] : undefined;
const [separator, command, ...args] = stub === undefined ? rest : rest.slice(2);
if (!empty || separator !== '--' || !command) {
	console.error('usage: hide-sasl-plugins.ts EMPTY_DIR [--package-manager STUB] -- COMMAND ARGS...');
	process.exit(2);
}

for (const dir of saslPluginDirs()) {
	execFileSync('mount', ['--bind', empty, dir]);
}

if (stub !== undefined) {
	const dirs = ['/usr/bin', '/bin', '/usr/sbin', '/sbin', '/usr/local/bin', '/usr/local/sbin'];
	for (const file of dirs.flatMap(dir => ['apt-get', 'dnf', 'yum', 'apk'].map(name => path.join(dir, name))).filter(file => existsSync(file))) {
		execFileSync('mount', ['--bind', stub, file]);
	}
}

const result = spawnSync(command, args, {stdio: 'inherit'});
process.exit(result.status ?? 1);
