import assert from 'node:assert/strict';
import {chmodSync, existsSync, mkdtempSync, readdirSync, rmSync} from 'node:fs';
import {readFile} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {describe, test} from 'node:test';
import {runProgram, runProgramOrThrow} from '../../source/postfix/run.js';
import {createSandbox} from '../../source/sandbox/instance.js';
import {startSink} from '../../source/sandbox/sink.js';
import {createTransport} from 'nodemailer';

describe('the sandbox instance', () => {
	test('runs its own Postfix off port 25, relays to the sink, and leaves nothing behind', async () => {
		const sandbox = await createSandbox();
		let masterPid = 0;
		try {
			assert.ok(sandbox.isRunning());
			masterPid = Number((await readFile(`${sandbox.dir}/queue/pid/master.pid`, 'utf8')).trim());
			const explicit = (await runProgramOrThrow('postconf', ['-c', sandbox.target.configDir, '-n'])).stdout;
			assert.match(explicit, new RegExp(`^queue_directory = ${sandbox.dir}/queue$`, 'm'));
			assert.match(explicit, new RegExp(`^maillog_file = ${sandbox.maillogPath}$`, 'm'));
			const services = (await runProgramOrThrow('postconf', ['-c', sandbox.target.configDir, '-M'])).stdout;
			assert.doesNotMatch(services, /^smtp\s+inet/m, 'smtpd must not claim 127.0.0.1:25');
			assert.match(services, new RegExp(`^${sandbox.smtpdAddress.replaceAll('.', '\\.')}\\s+inet`, 'm'));

			await runProgramOrThrow('postconf', ['-c', sandbox.target.configDir, '-e', `relayhost=${sandbox.sink.relayhost}`, 'mydestination=']);
			await runProgramOrThrow('postfix', ['-c', sandbox.target.configDir, 'reload']);
			const messageId = `sandbox-${Date.now()}@postfix-wizard.test`;
			await runProgramOrThrow('sendmail', ['-C', sandbox.target.configDir, '-i', '-f', 'alerts@example.com', 'ops@example.com'], {
				input: `Message-ID: <${messageId}>\nSubject: sandbox\n\nhello\n`,
			});
			const received = await sandbox.sink.waitForMessage(messageId, 20_000);
			assert.equal(received.subject, 'sandbox');
			assert.deepEqual(received.envelopeTo, ['ops@example.com']);
			// The sink has the message before Postfix's smtp client logs the delivery (after QUIT).
			let log = '';
			for (const deadline = Date.now() + 10_000; !/status=sent \(250 /.test(log) && Date.now() < deadline;) {
				await new Promise(resolve => setTimeout(resolve, 50));
				log = await readFile(sandbox.maillogPath, 'utf8');
			}

			assert.match(log, /status=sent \(250 /);
		} finally {
			await sandbox.dispose();
		}

		assert.equal(existsSync(sandbox.dir), false, 'the temp dir is removed');
		assert.throws(() => process.kill(masterPid, 0), /ESRCH/, 'the master process is gone');
	});

	test('a sandbox that fails to start cleans up after itself', async () => {
		// No mail_owner of that name: createSandbox must not leave a temp dir or a process.
		// A private TMPDIR, so that sandboxes of tests running beside this one do not count.
		const parent = mkdtempSync(path.join(os.tmpdir(), 'postfix-wizard-cleanup-test-'));
		chmodSync(parent, 0o755);
		const saved = process.env['TMPDIR'];
		process.env['TMPDIR'] = parent;
		try {
			await assert.rejects(createSandbox({mainCf: 'mail_owner = no-such-user-here\n'}), /no-such-user-here/);
			assert.deepEqual(readdirSync(parent), []);
		} finally {
			if (saved === undefined) {
				delete process.env['TMPDIR'];
			} else {
				process.env['TMPDIR'] = saved;
			}

			rmSync(parent, {recursive: true, force: true});
		}
	});
});

describe('the sink', () => {
	test('answers 5xx in reject mode and 4xx in defer mode', async () => {
		const sink = await startSink({mode: 'reject'});
		try {
			const transport = createTransport({host: sink.host, port: sink.port, secure: false, ignoreTLS: true});
			const send = async () => transport.sendMail({from: 'a@example.com', to: 'b@example.com', subject: 'x', text: 'y', messageId: '<sink-test@example.com>'})
				.then(() => 250, (error: {responseCode?: number}) => error.responseCode);
			assert.equal(await send(), 550);
			sink.mode = 'defer';
			assert.equal(await send(), 451);
			sink.mode = 'accept';
			assert.equal(await send(), 250);
			assert.equal(sink.messages.length, 1);
			assert.equal((await sink.waitForMessage('sink-test@example.com', 1000)).text.trim(), 'y');
			transport.close();
		} finally {
			await sink.close();
		}
	});
});
