// The README's test command: makes sure Postfix is there (installing it when root),
// builds the bundle the end-to-end tests drive, then runs every test file with
// node's own test runner. Extra arguments narrow the run to matching files.
import {execFileSync, spawnSync} from 'node:child_process';
import {existsSync, readdirSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));

function hasPostfix() {
	return ['/usr/sbin/postconf', '/usr/local/sbin/postconf'].some(file => existsSync(file));
}

if (!hasPostfix()) {
	if (process.getuid?.() !== 0) {
		console.error('Postfix is not installed and this is not root: install it (apt-get install postfix) and run again.');
		process.exit(1);
	}

	console.log('Installing Postfix (debconf: "No configuration") ...');
	// "No configuration" leaves /etc/postfix without main.cf and starts nothing: the tests
	// bring their own instances and must not depend on the machine's mail setup.
	execFileSync('debconf-set-selections', {input: 'postfix postfix/main_mailer_type select No configuration\n'});
	const env = {...process.env, DEBIAN_FRONTEND: 'noninteractive'};
	execFileSync('apt-get', ['update', '-qq'], {stdio: 'inherit', env});
	execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'postfix'], {stdio: 'inherit', env});
}

execFileSync(process.execPath, [path.join(root, 'scripts', 'build.mjs')], {stdio: 'inherit'});

function testFiles(dir) {
	return readdirSync(dir, {withFileTypes: true}).flatMap(entry => {
		const file = path.join(dir, entry.name);
		if (entry.isDirectory()) {
			return testFiles(file);
		}

		return /\.test\.tsx?$/.test(entry.name) ? [file] : [];
	});
}

const filters = process.argv.slice(2);
const files = testFiles(path.join(root, 'test'))
	.filter(file => filters.length === 0 || filters.some(filter => file.includes(filter)))
	.sort();
if (files.length === 0) {
	console.error('No test file matches.');
	process.exit(1);
}

// Ink renders only the last frame when CI=true; the UI tests need every frame.
const env = {...process.env, CI: 'false', FORCE_COLOR: '0'};
const result = spawnSync(
	process.execPath,
	['--import', 'tsx', '--test', '--test-concurrency=2', '--test-reporter=spec', ...files.map(file => path.relative(root, file))],
	{stdio: 'inherit', cwd: root, env},
);
process.exit(result.status ?? 1);
