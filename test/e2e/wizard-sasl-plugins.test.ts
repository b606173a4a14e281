import assert from 'node:assert/strict';
import {readdirSync} from 'node:fs';
import {chmod, copyFile, mkdir, mkdtemp, readFile, readdir, rm, writeFile} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {test} from 'node:test';
import {findProgram} from '../../source/postfix/locate.js';
import {saslPluginDirs} from '../../source/postfix/sasl-plugins.js';
import {cliPath, projectRoot} from '../helpers/cli.js';
import {openTerminal} from '../helpers/tmux.js';

/**
 * The wizard on a machine without the Cyrus SASL plugins (hidden in a private mount
 * namespace): the review says so and offers the package; i runs the package manager — here a
 * stand-in bind-mounted over apt-get (and dnf, yum, apk) in that namespace, which puts the real
 * plugins back into the hidden directory, so nothing is installed and nothing is fetched for
 * real — and the walk goes on: apply, and the test mail logs in.
 */
test('the wizard offers the SASL plugins before a login is applied, installs them with consent, then goes on', async t => {
	for (const program of ['unshare', 'tmux', 'mount']) {
		if (!findProgram(program)) {
			t.skip(`needs ${program}`);
			return;
		}
	}

	if (process.getuid?.() !== 0) {
		t.skip('needs root for a private mount namespace');
		return;
	}

	const real = saslPluginDirs().find(dir => readdirSync(dir).some(name => name.startsWith('libplain.so')));
	assert.ok(real, 'the machine has the Cyrus plugins (CI installs libsasl2-modules)');
	const scratch = await mkdtemp(path.join(os.tmpdir(), 'pfw-sasl-offer-'));
	t.after(async () => rm(scratch, {recursive: true, force: true}));
	const hidden = path.join(scratch, 'sasl2');
	const stash = path.join(scratch, 'stash');
	const calls = path.join(scratch, 'apt-get.calls');
	await Promise.all([mkdir(hidden), mkdir(stash)]);
	for (const name of (await readdir(real)).filter(name => /^lib(plain|login)\.so/.test(name))) {
		await copyFile(path.join(real, name), path.join(stash, name));
	}

	// The stand-in package manager: records how it was called, and "installs" by copying the plugins back.
	const aptGet = path.join(scratch, 'package-manager');
	await writeFile(aptGet, `#!/bin/sh\necho "$*" >> '${calls}'\nif [ "$1" = install ]; then cp '${stash}'/* '${hidden}'/; echo "Setting up libsasl2-modules (stand-in) ..."; fi\n`);
	await chmod(aptGet, 0o755);

	const terminal = await openTerminal([
		findProgram('unshare')!, '-m', '--', process.execPath, '--import', 'tsx', path.join(projectRoot, 'test', 'helpers', 'hide-sasl-plugins.ts'), hidden,
		'--package-manager', aptGet, '--', process.execPath, cliPath, '--sandbox', '--lang', 'en',
	], {width: 160, height: 50});
	t.after(async () => terminal.close());
	await terminal.waitFor('Enter begin', 30_000);
	const ctrlU = '\u0015';
	// Begin; relayhost; the login step with the sandbox relay's login; myorigin; then Enter through the rest.
	await terminal.burst(['\r', '\r', '\r', '\r', '\r', '\r', ctrlU, 'example.org', '\r', '\r', '\r', '\r', '\r', '\r'].join(''));
	let screen = await terminal.waitFor('which are not installed', 30_000);
	assert.match(screen, /The relay login needs the Cyrus SASL PLAIN\/LOGIN client plugins \(libsasl2-modules\)/);
	assert.match(screen, /Press i to install them now \(apt-get install libsasl2-modules\)/);
	assert.doesNotMatch(screen, /y apply/);
	await terminal.send('y');
	await terminal.waitFor('The login cannot work without the SASL plugins');

	await terminal.send('i');
	screen = await terminal.waitFor('y apply', 30_000);
	assert.doesNotMatch(screen, /Cyrus SASL/);
	assert.deepEqual((await readFile(calls, 'utf8')).trim().split('\n'), ['update -q', 'install -y -q libsasl2-modules']);

	await terminal.send('y');
	await terminal.waitFor('Applied.', 60_000);
	await terminal.send('Enter');
	await terminal.waitFor('Recipient: ops@example.org');
	await terminal.send('Enter');
	await terminal.waitFor('Sent: the relay accepted the message', 60_000);
	await terminal.send('C-c');
	assert.equal(await terminal.exitStatus(15_000), 130, 'Ctrl-C: 128 + SIGINT');
});
