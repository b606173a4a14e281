// Runs a command with the Cyrus SASL plugins hidden, as on a minimal image without them.
// Meant to run inside `unshare -m` (a private mount namespace): an empty directory is
// bind-mounted over every sasl2 directory, which nothing outside the namespace sees.
//   unshare -m -- node --import tsx test/helpers/hide-sasl-plugins.ts EMPTY_DIR -- COMMAND ARGS...
import {execFileSync, spawnSync} from 'node:child_process';
import {saslPluginDirs} from '../../source/postfix/sasl-plugins.js';

const [empty, separator, command, ...args] = process.argv.slice(2);
if (!empty || separator !== '--' || !command) {
	console.error('usage: hide-sasl-plugins.ts EMPTY_DIR -- COMMAND ARGS...');
	process.exit(2);
}

for (const dir of saslPluginDirs()) {
	execFileSync('mount', ['--bind', empty, dir]);
}

const result = spawnSync(command, args, {stdio: 'inherit'});
process.exit(result.status ?? 1);
