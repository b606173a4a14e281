import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {render} from 'ink-testing-library';
import stringWidth from 'string-width';
import {InvalidSettingsError} from '../../source/apply/prepare.js';
import {InterruptedError, StepError} from '../../source/errors.js';
import {foreignInterfaceAddresses} from '../../source/plan/local-addresses.js';
import {App} from '../../source/ui/App.js';
import type {WizardEngine} from '../../source/ui/wizard/engine.js';
import {fakeEngine, fakeProbe, readyPreflight} from './fake-engine.js';
import {clearField, keys, press, renderSized, waitFor} from './helpers.js';
import {linesRow, pagedScreen, rejoinedLine} from '../helpers/paged-screen.js';

/** The wizard on the fake engine; with a size, as on a terminal that big (the frame pages), else ink-testing-library's. */
function start(engine: WizardEngine, lang: 'en' | 'zh' = 'en', interrupt?: AbortSignal, size?: {readonly columns: number; readonly rows: number}) {
	let exitCode: number | undefined;
	let farewell: string | undefined;
	const tree = <App loadEngine={async () => engine} lang={lang} sandboxMode={false} program="postfix-wizard" configDir={undefined} interrupt={interrupt} onExit={(code, words) => {
		exitCode = code;
		farewell = words;
	}} />;
	const app = size ? renderSized(tree, size) : {...render(tree), resize: undefined};
	return {...app, exitCode: () => exitCode, farewell: () => farewell};
}

/** A command on the summary, from its first row on through the rows its ` \` ends carry on: the rows, and the command a shell reads. */
function commandOnScreen(frame: string, start: string): {rows: string[]; command: string} {
	const lines = frame.split('\n');
	const first = lines.findIndex(line => line.startsWith(`  ${start}`));
	assert.ok(first >= 0, `no command starting ${start} in:\n${frame}`);
	const rows = [lines[first]!];
	while (rows.at(-1)!.endsWith(' \\')) {
		rows.push(lines[first + rows.length]!);
	}

	// As a shell joins them: backslash-newline goes, the blanks around separate words.
	return {rows, command: rows.map(row => row.trim().replace(/ \\$/, '')).join(' ')};
}

/** What the walking helpers need of a rendered app. */
type Driven = {readonly stdin: {write(data: string): void}; readonly lastFrame: () => string | undefined};

/** Through the five steps with the proposals, to the review of the diff. */
async function toReview(app: Driven) {
	await toStep(app, 5);
	await press(app.stdin, keys.enter);
	await waitFor(app.lastFrame, 'Apply these changes?');
}

/** From the review: apply, then on to the test mail's recipient. */
async function applyToTestMail(app: Driven) {
	await press(app.stdin, 'y');
	await waitFor(app.lastFrame, 'Applied.');
	await press(app.stdin, keys.enter);
	await waitFor(app.lastFrame, 'Recipient:');
}

/** The login typed in step 2 (the fake machine's relay is on 587: "another relay" wants one). */
const typedLogin = {username: 'alerts@example.org', password: 'fake-pw-5e1f'};

/** Walks to the `count`-th catalogue setting (1 relayhost … 5 mydestination), typing a login in step 2. */
async function toStep(app: Driven, count: number) {
	await waitFor(app.lastFrame, 'Enter begin');
	await press(app.stdin, keys.enter);
	// Catalogue setting → step number: the login follows relayhost, root's mail and send-as follow myorigin.
	const stepOf = (setting: number) => [0, 1, 3, 6, 7, 8][setting]!;
	for (let setting = 1; setting < count; setting++) {
		await waitFor(app.lastFrame, `Step ${stepOf(setting)}/8`);
		await press(app.stdin, keys.enter);
		if (setting === 1) {
			await typeLogin(app);
		}

		if (setting === 2) {
			// Root's mail and send-as left empty.
			await waitFor(app.lastFrame, 'Step 4/8');
			await press(app.stdin, keys.enter);
			await waitFor(app.lastFrame, 'Step 5/8');
			await press(app.stdin, keys.enter);
		}
	}

	await waitFor(app.lastFrame, `Step ${stepOf(count)}/8`);
}

/** Through relayhost's proposal to step 2, the login, as it first shows. */
async function toLoginStep(app: Driven): Promise<string> {
	await toStep(app, 1);
	await press(app.stdin, keys.enter);
	return waitFor(app.lastFrame, 'Step 2/8 · Login and encryption');
}

/** Step 2: the provider `left` presses to the left of "Another relay" (shown as `provider`), then the login typed. */
async function typeLogin(app: Driven, login = typedLogin, choose?: {readonly left: number; readonly provider: RegExp}) {
	await waitFor(app.lastFrame, 'Step 2/8 · Login and encryption');
	for (let turn = 0; turn < (choose?.left ?? 0); turn++) {
		await press(app.stdin, keys.left);
	}

	if (choose) {
		await waitFor(app.lastFrame, choose.provider);
	}

	await press(app.stdin, keys.enter);
	await waitFor(app.lastFrame, '❯ Username');
	await press(app.stdin, login.username);
	await press(app.stdin, keys.enter);
	await waitFor(app.lastFrame, '❯ Password');
	await press(app.stdin, login.password);
	await press(app.stdin, keys.enter);
	await waitFor(app.lastFrame, '❯ Certificate');
	await press(app.stdin, keys.enter);
}

describe('preflight', () => {
	test('shows what the machine is, then Enter begins', async () => {
		const app = start(fakeEngine());
		const frame = await waitFor(app.lastFrame, '3.7.11');
		assert.match(frame, /Preflight/);
		assert.match(frame, /3\.7\.11/);
		assert.match(frame, /running, under systemd/);
		assert.match(frame, /an internet site/);
		assert.match(frame, /Enter begin/);
		assert.match(frame, /Ctrl-C quit, nothing changed/);
		await press(app.stdin, keys.enter);
		await waitFor(app.lastFrame, 'Step 1/8 · relayhost');
		app.unmount();
	});

	test('missing Postfix: offers to install it, with consent', async () => {
		const engine = fakeEngine({preflight: {installed: false, installCommand: 'apt-get install postfix', isRoot: true}});
		const app = start(engine);
		const frame = await waitFor(app.lastFrame, 'not installed');
		assert.match(frame, /apt-get install postfix/);
		assert.match(frame, /y install Postfix/);
		assert.ok(!engine.calls.includes('install'));
		await press(app.stdin, 'y');
		await waitFor(() => engine.calls.join(' '), 'install');
		app.unmount();
	});
});

describe('preflight, what it finds', () => {
	test('each problem with its fix, in the user\'s words', async () => {
		const preflight = {
			...readyPreflight,
			running: false,
			isRoot: false,
			findings: [
				{kind: 'not-root' as const},
				{kind: 'not-running' as const, manager: 'systemd' as const},
				{kind: 'setting' as const, parameter: 'inet_interfaces', problem: {en: '`all` accepts mail from the whole network', zh: '`all` 会接收来自整个网络的邮件'}, proposal: 'loopback-only'},
			],
		};
		const app = start(fakeEngine({preflight}));
		const frame = await waitFor(app.lastFrame, 'Step 6 (inet_interfaces) proposes loopback-only');
		assert.match(frame, /! Not running as root/);
		assert.match(frame, /fix: Run again with sudo, or try everything safely with --sandbox/);
		assert.match(frame, /fix: The wizard starts it after applying \(systemctl start postfix\)/);
		assert.match(frame, /! `all` accepts mail from the whole network/);
		app.unmount();
	});

	test('a host without IPv6 and without a log: each said with what the change does about it (en, zh)', async () => {
		const findings = [
			{kind: 'ipv6-off' as const, reason: 'disabled' as const, inetProtocols: 'all'},
			{kind: 'no-log' as const, offered: true, why: {en: 'the change also sets maillog_file = /var/log/postfix.log', zh: '本次更改同时设置 maillog_file = /var/log/postfix.log'}},
		];
		let app = start(fakeEngine({preflight: {...readyPreflight, findings}}));
		let frame = await waitFor(app.lastFrame, 'Enter begin');
		assert.match(frame, /! IPv6 is disabled on this host \(net\.ipv6\.conf\.all\.disable_ipv6 = 1\), but inet_protocols = all/);
		assert.match(frame, /fix: The change sets inet_protocols = ipv4 and leaves \[::1\]\/128 out of mynetworks/);
		assert.match(frame, /! Postfix logs nowhere on this host/);
		assert.match(frame, /fix: the change also sets maillog_file = \/var\/log\/postfix\.log/);
		app.unmount();

		app = start(fakeEngine({preflight: {...readyPreflight, findings}}), 'zh');
		frame = await waitFor(app.lastFrame, 'Enter 开始');
		assert.match(frame, /本机已禁用 IPv6/);
		assert.match(frame, /本机上 Postfix 的日志无处可写/);
		app.unmount();
	});

	test('already a null client: says so, Enter goes straight to the test mail, s walks the settings', async () => {
		const preflight = {...readyPreflight, kind: 'null-client' as const, upToDate: true, current: readyPreflight.proposals};
		let app = start(fakeEngine({preflight}));
		const frame = await waitFor(app.lastFrame, 'nothing to change');
		assert.match(frame, /already a null client/);
		assert.match(frame, /Enter send a test mail\s+s go through the settings anyway/);
		await press(app.stdin, keys.enter);
		await waitFor(app.lastFrame, 'Recipient:');
		app.unmount();

		app = start(fakeEngine({preflight}));
		await waitFor(app.lastFrame, 'nothing to change');
		await press(app.stdin, 's');
		await waitFor(app.lastFrame, 'Step 1/8 · relayhost');
		app.unmount();
	});
});

describe('a setting', () => {
	test('explains, shows now/default/recommended, and prefills the proposal', async () => {
		const app = start(fakeEngine());
		await toStep(app, 1);
		const frame = await waitFor(app.lastFrame, 'Step 1/8 · relayhost');
		assert.match(frame, /smarthost/);
		assert.match(frame, /Now\s+\(empty\)/);
		assert.match(frame, /Postfix default\s+\(empty\)/);
		assert.match(frame, /Recommended\s+\[smtp\.example\.org\]:587/);
		assert.match(frame, /relayhost = \[smtp\.example\.org\]:587/);
		assert.match(frame, /Enter accept.*Esc back.*Ctrl-U clear.*Ctrl-C quit/s);
		app.unmount();
	});

	test('validates as you type and refuses Enter while invalid', async () => {
		const app = start(fakeEngine());
		await toStep(app, 1);
		await waitFor(app.lastFrame, 'Step 1/8');
		await clearField(app, 'relayhost');
		await press(app.stdin, '[smtp.example.org]:99999');
		let frame = await waitFor(app.lastFrame, 'port must be a number from 1 to 65535');
		assert.match(frame, /Enter is refused/);
		await press(app.stdin, keys.enter);
		frame = await waitFor(app.lastFrame, 'Step 1/8');
		assert.doesNotMatch(frame, /Step 2\/8/);
		app.unmount();
	});

	test('the whole walk typed ahead in one burst: every key lands on the screen it was meant for', async () => {
		const engine = fakeEngine();
		const app = start(engine);
		await waitFor(app.lastFrame, 'Enter begin');
		// Begin; relayhost: Ctrl-U, a typo fixed with Ctrl-A and Right, Ctrl-E; the login (provider,
		// username, password, certificate); four more Enters.
		app.stdin.write(`\r${keys.ctrlU}[lb.example.net]:587\u0001\u001B[C\u001B[Ca\u0005\r\rme\rpw\r\r\r\r\r\r\r\r`);
		await waitFor(app.lastFrame, 'y apply', 10_000);
		assert.equal(engine.answers?.get('relayhost'), '[lab.example.net]:587');
		assert.equal(engine.answers?.get('myorigin'), 'example.org');
		app.unmount();
	});

	test('Enter refused on an invalid value in a burst: the keys after it stay on that step', async () => {
		const app = start(fakeEngine());
		await toStep(app, 2);
		await waitFor(app.lastFrame, 'Step 3/8');
		app.stdin.write(`${keys.ctrlU}bad value\rx`);
		const frame = await waitFor(app.lastFrame, 'myorigin = bad valuex');
		assert.match(frame, /Step 3\/8/);
		app.unmount();
	});

	test('warns about risky values', async () => {
		const app = start(fakeEngine());
		await toStep(app, 3);
		await waitFor(app.lastFrame, 'Step 6/8 · inet_interfaces');
		await clearField(app, 'inet_interfaces');
		await press(app.stdin, 'all');
		await waitFor(app.lastFrame, /open\s+relay risk/);
		await press(app.stdin, keys.enter);
		await waitFor(app.lastFrame, 'Step 7/8 · mynetworks');
		app.unmount();
	});

	test('Esc goes back and keeps what was typed', async () => {
		const app = start(fakeEngine());
		await toStep(app, 2);
		await waitFor(app.lastFrame, 'Step 3/8 · myorigin');
		await clearField(app, 'myorigin');
		await press(app.stdin, 'mail.example.net');
		await waitFor(app.lastFrame, /^myorigin = mail\.example\.net$/m);
		await press(app.stdin, keys.escape);
		await waitFor(app.lastFrame, 'Step 2/8 · Login and encryption');
		await press(app.stdin, keys.escape);
		await waitFor(app.lastFrame, 'Step 1/8 · relayhost');
		await press(app.stdin, keys.enter);
		// The login typed before is kept: Enter through its fields.
		await waitFor(app.lastFrame, 'Step 2/8 · Login and encryption');
		for (let field = 0; field < 4; field++) {
			await press(app.stdin, keys.enter);
		}

		await waitFor(app.lastFrame, 'myorigin = mail.example.net');
		app.unmount();
	});
});

describe('earlier answers, quoted', () => {
	test('root\'s mail and the sender name the myorigin answered two steps before', async () => {
		const app = start(fakeEngine());
		await toStep(app, 2);
		await clearField(app, 'myorigin');
		await press(app.stdin, 'corp.example.net\r');
		let frame = await waitFor(app.lastFrame, 'Step 4/8');
		assert.match(frame.replaceAll('\n', ' '), /would leave as\s+root@corp\.example\.net/);
		await press(app.stdin, keys.enter);
		frame = await waitFor(app.lastFrame, 'Step 5/8');
		assert.match(frame.replaceAll('\n', ' '), /mail from\s+root@corp\.example\.net\s+is refused/);
		app.unmount();
	});
});

describe('login and encryption', () => {
	test('a provider fills the relay; the password is masked and reaches the engine as a Secret', async () => {
		const engine = fakeEngine();
		const app = start(engine);
		let frame = await toLoginStep(app);
		assert.match(frame, /Another relay/);
		assert.match(frame, /Amazon SES\n.*SendGrid/s);
		assert.match(frame, /STARTTLS required before the login/);
		await press(app.stdin, keys.left);
		await press(app.stdin, keys.left);
		await press(app.stdin, keys.left);
		await press(app.stdin, keys.left);
		await press(app.stdin, keys.left);
		await press(app.stdin, keys.left);
		await press(app.stdin, keys.left);
		frame = await waitFor(app.lastFrame, /Provider\s+SendGrid/, 10_000);
		assert.match(frame, /\[smtp\.sendgrid\.net\]:587/);
		assert.match(frame, /verified Single Sender/);
		await press(app.stdin, keys.enter);
		frame = await waitFor(app.lastFrame, '❯ Password');
		assert.match(frame, /apikey \(always/);
		await press(app.stdin, 'SG.secret-key-77');
		frame = await waitFor(app.lastFrame, '****************');
		assert.ok(!frame.includes('SG.secret-key-77'));
		await press(app.stdin, keys.enter);
		await waitFor(app.lastFrame, '❯ Certificate');
		await press(app.stdin, ' ');
		await waitFor(app.lastFrame, '[x] verify');
		await press(app.stdin, keys.enter);
		await waitFor(app.lastFrame, 'Step 3/8 · myorigin');
		// myorigin, root's mail, send-as, inet_interfaces, mynetworks, mydestination.
		for (let step = 3; step <= 8; step++) {
			await press(app.stdin, keys.enter);
		}

		frame = await waitFor(app.lastFrame, 'Apply these changes?');
		assert.ok(!frame.includes('SG.secret-key-77'));
		assert.equal(engine.answers?.get('relayhost'), '[smtp.sendgrid.net]:587');
		assert.equal(engine.access?.kind, 'login');
		if (engine.access?.kind === 'login') {
			assert.equal(engine.access.login.username, 'apikey');
			assert.equal(engine.access.login.password.reveal(), 'SG.secret-key-77');
			assert.deepEqual(engine.access.login.encryption, {mode: 'starttls', level: 'verify'});
			assert.equal(JSON.stringify(engine.access).includes('SG.secret-key-77'), false);
		}

		app.unmount();
	});

	test('Enter on an empty password stays on it and says why', async () => {
		const app = start(fakeEngine());
		await toLoginStep(app);
		await press(app.stdin, keys.enter);
		await waitFor(app.lastFrame, '❯ Username');
		await press(app.stdin, 'me@example.org');
		await press(app.stdin, keys.enter);
		await waitFor(app.lastFrame, '❯ Password');
		await press(app.stdin, keys.enter);
		await waitFor(app.lastFrame, '❯ Certificate');
		await press(app.stdin, keys.enter);
		const frame = await waitFor(app.lastFrame, 'the password is empty');
		assert.match(frame, /Step 2\/8/);
		app.unmount();
	});

	test('no login: nothing to type, the relay trusts the address', async () => {
		const engine = fakeEngine();
		const app = start(engine);
		await toLoginStep(app);
		await press(app.stdin, keys.right);
		const frame = await waitFor(app.lastFrame, /Provider\s+No login/);
		assert.match(frame, /no login: the relay trusts this machine's address/);
		assert.doesNotMatch(frame, /Password/);
		await press(app.stdin, keys.enter);
		await press(app.stdin, keys.enter);
		await waitFor(app.lastFrame, 'Step 3/8 · myorigin');
		app.unmount();
	});

	const missingPlugins = {packages: ['libsasl2-modules'], installCommand: 'apt-get install libsasl2-modules'};

	test('the SASL plugins missing: the review says so, y waits, i installs them (as for Postfix), then y applies', async () => {
		const engine = fakeEngine({saslPluginsMissing: missingPlugins});
		const app = start(engine);
		await toReview(app);
		// Lines wrap at the terminal's width: the words are matched across them.
		const flat = () => app.lastFrame()?.replaceAll(/\s+/g, ' ');
		let frame = await waitFor(flat, 'which are not installed');
		assert.match(frame, /✖ The relay login needs the Cyrus SASL PLAIN\/LOGIN client plugins \(libsasl2-modules\)/);
		assert.match(frame, /Press i to install them now \(apt-get install libsasl2-modules\)/);
		assert.match(frame, /i install the SASL plugins/);
		assert.doesNotMatch(frame, /y apply/);
		await press(app.stdin, 'y');
		await waitFor(flat, 'The login cannot work without the SASL plugins: press i to install them');
		assert.ok(!engine.calls.includes('apply'), 'a login Postfix cannot send is not applied');
		assert.ok(!engine.calls.includes('install-sasl'), 'nothing is installed without the user\'s i');
		await press(app.stdin, 'i');
		await waitFor(() => engine.calls.join(' '), 'install-sasl');
		// Installed: the review is prepared again, the check passes, and y applies.
		frame = await waitFor(app.lastFrame, 'y apply');
		assert.doesNotMatch(frame, /Cyrus SASL/);
		assert.equal(engine.calls.filter(call => call === 'prepare').length, 2);
		await press(app.stdin, 'y');
		await waitFor(app.lastFrame, 'Applied.');
		app.unmount();
	});

	test('the SASL plugins missing, not root: says who can install them, offers no i', async () => {
		const engine = fakeEngine({saslPluginsMissing: missingPlugins, preflight: {...readyPreflight, isRoot: false}});
		const app = start(engine);
		await toReview(app);
		const flat = () => app.lastFrame()?.replaceAll(/\s+/g, ' ');
		const frame = await waitFor(flat, 'which are not installed');
		assert.match(frame, /Install libsasl2-modules as root/);
		assert.doesNotMatch(frame, /i install/);
		await press(app.stdin, 'i');
		await press(app.stdin, 'y');
		await waitFor(flat, 'The login cannot work without the SASL plugins');
		assert.ok(!engine.calls.includes('install-sasl') && !engine.calls.includes('apply'));
		app.unmount();
	});

	test('no login: the plugins are not asked for', async () => {
		const engine = fakeEngine({saslPluginsMissing: missingPlugins});
		const app = start(engine);
		await toLoginStep(app);
		await press(app.stdin, keys.right);
		await waitFor(app.lastFrame, /Provider\s+No login/);
		await press(app.stdin, keys.enter);
		await press(app.stdin, keys.enter);
		for (const step of [3, 4, 5, 6, 7, 8]) {
			await waitFor(app.lastFrame, `Step ${step}/8`);
			await press(app.stdin, keys.enter);
		}

		const frame = await waitFor(app.lastFrame, 'y apply');
		assert.doesNotMatch(frame, /Cyrus SASL/);
		app.unmount();
	});
});

describe('root\'s mail and the sender', () => {
	test('a relay that accepts only verified senders proposes "Send as" with its reason and the login address', async () => {
		const engine = fakeEngine();
		const app = start(engine);
		await toLoginStep(app);
		await typeLogin(app, {username: 'me@gmail.com', password: 'abcdabcdabcdabcd'}, {left: 3, provider: /Provider\s+Gmail/});
		await waitFor(app.lastFrame, 'Step 3/8 · myorigin');
		await press(app.stdin, keys.enter);
		await waitFor(app.lastFrame, 'Step 4/8 · Who reads');
		await press(app.stdin, keys.enter);
		let frame = await waitFor(app.lastFrame, 'Step 5/8 · Send as — Gmail (app password) needs it');
		assert.match(frame, /accepts only senders it has verified/);
		assert.match(frame, /Your relay: Gmail sends as the account's address/);
		assert.match(frame, /^send as = me@gmail\.com$/m);
		assert.match(frame, /Proposed: the address you log in with/);
		assert.match(frame, /Enter accept/);
		await clearField(app, 'send as');
		frame = await waitFor(app.lastFrame, 'Enter skip (Gmail (app password) will likely refuse');
		assert.doesNotMatch(frame, /Proposed:/);
		// Cleared on purpose: going back and forth does not bring the proposal back.
		await press(app.stdin, keys.escape);
		await waitFor(app.lastFrame, 'Step 4/8');
		await press(app.stdin, keys.enter);
		await waitFor(app.lastFrame, /^send as =$/m);
		await press(app.stdin, keys.enter);
		for (let step = 6; step <= 8; step++) {
			await waitFor(app.lastFrame, `Step ${step}/8`);
			await press(app.stdin, keys.enter);
		}

		// Skipped anyway: the review says what it will cost.
		frame = await waitFor(app.lastFrame, 'Apply these changes?');
		assert.match(frame, /! Gmail \(app password\) accepts only verified senders, and no "Send as" address is set/);
		app.unmount();
	});

	test('any other relay: "Send as" stays available and clearly optional', async () => {
		const app = start(fakeEngine());
		await toStep(app, 2);
		await press(app.stdin, keys.enter);
		await waitFor(app.lastFrame, 'Step 4/8');
		await press(app.stdin, keys.enter);
		const frame = await waitFor(app.lastFrame, 'Step 5/8 · Send as (optional)');
		assert.match(frame, /this step is optional/);
		assert.match(frame, /Enter skip \(left empty\)/);
		assert.doesNotMatch(frame, /needs it|Your relay:/);
		assert.match(frame, /^send as =$/m);
		app.unmount();
	});

	test('root\'s address and the sender: the test mail goes to root too, and the summary says where it arrived and from whom', async () => {
		const engine = fakeEngine();
		const app = start(engine);
		await toStep(app, 2);
		await press(app.stdin, keys.enter);
		await waitFor(app.lastFrame, 'Step 4/8 · Who reads');
		await press(app.stdin, 'ops@example.net');
		await waitFor(app.lastFrame, /^root's mail to = ops@example\.net$/m);
		await press(app.stdin, keys.enter);
		await waitFor(app.lastFrame, 'Step 5/8 · Send as');
		await press(app.stdin, 'alerts@example.org');
		await waitFor(app.lastFrame, /^send as = alerts@example\.org$/m);
		await press(app.stdin, keys.enter);
		for (let step = 6; step <= 8; step++) {
			await waitFor(app.lastFrame, `Step ${step}/8`);
			await press(app.stdin, keys.enter);
		}

		await waitFor(app.lastFrame, 'Apply these changes?');
		assert.equal(engine.answers?.get('root-to'), 'ops@example.net');
		await applyToTestMail(app);
		await press(app.stdin, 'ops@example.org');
		await waitFor(app.lastFrame, 'ops@example.org');
		await press(app.stdin, keys.enter);
		let frame = await waitFor(app.lastFrame, 'root → ops@example.net');
		assert.match(frame, /The same test to root, as cron sends it/);
		assert.match(frame, /✔ sent: root → ops@example\.net, from alerts@example\.org/);
		assert.ok(engine.calls.includes('mail root'));
		await press(app.stdin, keys.enter);
		frame = await waitFor(app.lastFrame, 'Summary');
		assert.match(frame, /The same test to root, as cron sends it: ✔ sent: root → ops@example\.net, from alerts@example\.org\s+\(queue ID 3748620C0BA\)/);
		assert.match(frame, /Check again any time:\n\s+postfix-wizard verify --to ops@example\.org\n\s+postfix-wizard verify --to root\n/);
		// Printed in full on leaving: the same change for scripts, root's options included.
		await press(app.stdin, keys.enter);
		await waitFor(() => String(app.exitCode()), '0');
		assert.match(app.farewell() ?? '', /apply .*--root-to ops@example\.net --send-as alerts@example\.org/);
		assert.match(app.farewell() ?? '', /^ {2}postfix-wizard verify --to root$/m);
	});

	test('the myorigin step says whose name cron\'s mail leaves with, judged on what the value resolves to', async () => {
		const originFacts = {parameters: new Map([['myhostname', 'web01'], ['mydomain', 'example.org'], ['config_directory', '/etc/postfix']]), files: new Map([['/etc/mailname', 'localhost']])};
		const app = start(fakeEngine({preflight: {...readyPreflight, originFacts}}));
		await toStep(app, 2);
		await clearField(app, 'myorigin');
		await press(app.stdin, '$mydomain');
		await waitFor(app.lastFrame, 'cron mail from root will be sent as root@example.org');
		for (const [typed, why] of [
			['root@example.com', 'a domain, not an address'],
			['web01', '"web01" is a single label'],
			['$myhostname', '($myhostname is web01)'],
			['localhost', 'what every machine calls itself'],
			['/etc/mailname', '(/etc/mailname is localhost)'],
		] as const) {
			await clearField(app, 'myorigin');
			await press(app.stdin, typed);
			const frame = await waitFor(app.lastFrame, why);
			assert.doesNotMatch(frame, /cron mail from root will be sent as/, typed);
			await press(app.stdin, keys.enter);
			assert.match(app.lastFrame() ?? '', /Step 3\/8 · myorigin/, `${typed} must be refused`);
		}

		app.unmount();
	});

	test('root\'s address at this machine\'s own names is refused as typed, saying why', async () => {
		const originFacts = {parameters: new Map([['myhostname', 'web01.example.org'], ['mydomain', 'example.org'], ['config_directory', '/etc/postfix']])};
		const app = start(fakeEngine({preflight: {...readyPreflight, originFacts}}));
		await toStep(app, 2);
		await press(app.stdin, keys.enter);
		await waitFor(app.lastFrame, 'Step 4/8 · Who reads');
		await press(app.stdin, 'root@example.org');
		let frame = await waitFor(app.lastFrame, 'root\'s own address here');
		assert.match(frame, /loop back/);
		await press(app.stdin, keys.enter);
		frame = await waitFor(app.lastFrame, 'Step 4/8');
		assert.match(frame, /Step 4\/8/);
		await clearField(app, 'root\'s mail to');
		await press(app.stdin, 'ops@web01.example.org');
		frame = await waitFor(app.lastFrame, 'this machine\'s own name (myhostname)');
		await press(app.stdin, keys.enter);
		assert.match(app.lastFrame() ?? '', /Step 4\/8/);
		await clearField(app, 'root\'s mail to');
		await press(app.stdin, 'ops@example.org');
		await waitFor(app.lastFrame, /^root's mail to = ops@example\.org$/m);
		await press(app.stdin, keys.enter);
		await waitFor(app.lastFrame, 'Step 5/8 · Send as');
		app.unmount();
	});
});

describe('review, apply, test mail, summary', () => {
	test('the whole way through with the proposals', async () => {
		const engine = fakeEngine();
		const app = start(engine);
		await toStep(app, 5);
		await waitFor(app.lastFrame, 'Step 8/8 · mydestination');
		await press(app.stdin, keys.enter);
		let frame = await waitFor(app.lastFrame, 'Apply these changes?');
		assert.match(frame, /^-inet_interfaces = all$/m);
		assert.match(frame, /^\+relayhost = \[smtp\.example\.org\]:587$/m);
		assert.match(frame, /Backup first: \/etc\/postfix\/postfix-wizard\.backup\/2026-11-24T10:00:00Z/);
		frame = await waitFor(app.lastFrame, 'answers');
		assert.match(frame, /✔ Relay smtp\.example\.org:587 answers: STARTTLS, SIZE 10240000/);
		assert.ok(engine.calls.includes('probe [smtp.example.org]:587'));
		assert.match(frame, /stopped and started/);
		assert.match(frame, /y apply.*n\/Esc back/s);
		assert.deepEqual(Object.fromEntries(engine.answers!), Object.fromEntries(readyPreflight.proposals));

		await press(app.stdin, 'y');
		frame = await waitFor(app.lastFrame, 'Applied.');
		assert.match(frame, /✔ Back up main\.cf — \/etc\/postfix\/postfix-wizard\.backup\/2026-11-24T10:00:00Z/);
		assert.match(frame, /✔ Restart or reload Postfix — restarted/);
		await press(app.stdin, keys.enter);

		await waitFor(app.lastFrame, 'Recipient:');
		await press(app.stdin, 'ops@example.org');
		await waitFor(app.lastFrame, 'ops@example.org');
		await press(app.stdin, keys.enter);
		frame = await waitFor(app.lastFrame, 'queue ID: 3748620C0BA');
		assert.match(frame, /Sent: the relay accepted the message/);
		assert.ok(engine.calls.includes('mail ops@example.org'));
		await press(app.stdin, keys.enter);

		frame = await waitFor(app.lastFrame, 'Summary');
		assert.match(frame, /relayhost: \(empty\) → \[smtp\.example\.org\]:587/);
		assert.match(frame, /Undo with:\n\s+postfix-wizard rollback \/etc\/postfix\/postfix-wizard\.backup\/2026-11-24T10:00:00Z/);
		assert.match(frame, /postfix-wizard apply --set 'relayhost=\[smtp\.example\.org\]:587' --set myorigin=example\.org/);
		assert.ok(!frame.includes(typedLogin.password));
		assert.match(frame, /Test mail: sent \(3748620C0BA\)/);
		assert.match(frame, /✔ Done: mail leaves this machine/);
		assert.match(frame, /p save as playbook/);
		await press(app.stdin, 'p');
		frame = await waitFor(app.lastFrame, 'Saved as a playbook');
		assert.match(frame, /Saved as a playbook for the Ansible system role: \/root\/postfix-null-client\.yml/);
		assert.match(frame, /ansible-playbook -i INVENTORY \/root\/postfix-null-client\.yml/);
		assert.ok(engine.calls.includes('export'));
		await press(app.stdin, keys.enter);
		await waitFor(() => String(app.exitCode()), '0');
		assert.match(app.farewell() ?? '', /^✔ Done: mail leaves this machine/);
	});

	test('a deferred test mail: "Configured — mail does not leave yet", the queue commands, and a way back to the relay', async () => {
		const explanation = {id: 'auth', cause: {en: 'The relay wants a login.', zh: '中继要求登录。'}, fix: {en: 'Add the relay login.', zh: '添加中继登录。'}};
		const engine = fakeEngine({mail: {status: 'deferred', relay: 'smtp.example.org[192.0.2.1]:587', dsn: '4.7.0', reply: '530 5.7.0 Must issue a STARTTLS command first', explanation, log: '/var/log/mail.log'}});
		const app = start(engine);
		await toReview(app);
		await applyToTestMail(app);
		await press(app.stdin, 'ops@example.org\r');
		await waitFor(app.lastFrame, 'Deferred');
		await press(app.stdin, keys.enter);
		let frame = await waitFor(app.lastFrame, 'Summary');
		assert.match(frame, /! Configured — mail does not leave yet\./);
		assert.doesNotMatch(frame, /Done/);
		assert.match(frame, /why: The relay wants a login\./);
		assert.match(frame, /fix: Add the relay login\./);
		assert.match(frame, /^ {2}mailq {2,}see the queue$/m);
		assert.match(frame, /^ {2}postqueue -f {2,}try delivering it now$/m);
		assert.match(frame, /^ {2}postsuper -d 3748620C0BA {2,}delete the test mail$/m);
		assert.match(frame, /Postfix's log: \/var\/log\/mail\.log/);
		assert.match(frame, /Test mail: deferred \(3748620C0BA\)/);
		assert.match(frame, /r send a test mail again.*b back to the relay step/s);

		await press(app.stdin, 'r');
		await waitFor(app.lastFrame, 'Recipient: ops@example.org');
		await press(app.stdin, keys.enter);
		await waitFor(app.lastFrame, 'Deferred');
		await press(app.stdin, keys.enter);
		await waitFor(app.lastFrame, 'Summary');
		assert.equal(engine.calls.filter(call => call === 'mail ops@example.org').length, 2);

		await press(app.stdin, 'b');
		frame = await waitFor(app.lastFrame, 'Step 1/8 · relayhost');
		assert.match(frame, /relayhost = \[smtp\.example\.org\]:587/, 'the answers are kept');
		// Leaving now, main.cf is not as it was: the backup and how to undo are printed.
		await press(app.stdin, keys.ctrlC);
		const words = app.farewell() ?? '';
		assert.match(words, /^! Configured — mail does not leave yet\.$/m);
		assert.match(words, /^Backup: \/etc\/postfix\/postfix-wizard\.backup\/2026-11-24T10:00:00Z$/m);
		assert.match(words, /^Undo with:\n {2}postfix-wizard rollback \/etc\/postfix\/postfix-wizard\.backup\/2026-11-24T10:00:00Z$/m);
		assert.match(words, /^ {2}postfix-wizard apply --set 'relayhost=\[smtp\.example\.org\]:587' .* --relay-user alerts@example\.org --relay-password-file FILE --yes$/m);
		assert.ok(!words.includes(typedLogin.password), 'the password is not in what is printed on leaving');
		assert.match(words, /^ {2}postfix-wizard verify --to ops@example\.org$/m);
	});

	test('the review: Enter explains instead of answering, Y applies as y does', async () => {
		const engine = fakeEngine();
		const app = start(engine);
		await toReview(app);
		await press(app.stdin, keys.enter);
		const frame = await waitFor(app.lastFrame, 'Press y to apply, or n to go back');
		assert.match(frame, /n\/Esc back/);
		assert.ok(!engine.calls.includes('apply'));
		await press(app.stdin, 'Y');
		await waitFor(app.lastFrame, 'Applied.');
		app.unmount();
	});

	test('commands carry --config-dir and the program as the user runs it', async () => {
		let farewell: string | undefined;
		const app = render(<App loadEngine={async () => fakeEngine()} lang="en" sandboxMode={false} program="npx postfix-wizard" configDir="/srv/postfix conf" onExit={(_code, words) => {
			farewell = words;
		}} />);
		await toReview(app);
		await applyToTestMail(app);
		await press(app.stdin, keys.escape);
		const frame = await waitFor(app.lastFrame, 'Summary');
		assert.match(frame, /! Configured\. No test mail was sent: nothing proves yet that mail leaves\./);
		assert.equal(commandOnScreen(frame, 'npx postfix-wizard --config-dir \'/srv/postfix conf\' rollback').command, 'npx postfix-wizard --config-dir \'/srv/postfix conf\' rollback /etc/postfix/postfix-wizard.backup/2026-11-24T10:00:00Z');
		// Too wide for the screen: rows a shell joins into the one command (each ends in ` \`), never cut inside a word.
		const shown = commandOnScreen(frame, 'npx postfix-wizard --config-dir \'/srv/postfix conf\' apply');
		assert.ok(shown.rows.length > 1);
		assert.ok(shown.rows.slice(0, -1).every(row => row.endsWith(' \\')) && !shown.rows.at(-1)!.endsWith('\\'));
		assert.ok(shown.rows.every(row => stringWidth(row) <= 100), shown.rows.join('\n'));
		assert.match(frame, /A line ending in \\ goes on below/);
		assert.doesNotMatch(frame, /…/);
		await press(app.stdin, keys.enter);
		assert.match(farewell ?? '', /^ {2}npx postfix-wizard --config-dir '\/srv\/postfix conf' rollback \/etc\/postfix\/postfix-wizard\.backup\/2026-11-24T10:00:00Z$/m);
		// Printed whole on leaving, the very command the rows on screen make.
		assert.match(farewell ?? '', /^ {2}npx postfix-wizard --config-dir '\/srv\/postfix conf' apply --set .* --yes$/m);
		assert.ok((farewell ?? '').split('\n').includes(`  ${shown.command}`), `${shown.command}\nnot in\n${farewell ?? ''}`);
	});

	test('an open relay needs the words typed, direct delivery a second y; the summary says so', async () => {
		const engine = fakeEngine();
		const app = start(engine);
		await waitFor(app.lastFrame, 'Enter begin');
		// relayhost empty, inet_interfaces all, mynetworks beyond loopback.
		await press(app.stdin, `\r${keys.ctrlU}\r\r\r\r${keys.ctrlU}all\r${keys.ctrlU}127.0.0.0/8 10.0.0.0/8\r\r`);
		await waitFor(app.lastFrame, 'Apply these changes?');
		await press(app.stdin, 'y');
		let frame = await waitFor(app.lastFrame, 'This makes an open relay');
		assert.match(frame.replaceAll(/\s+/g, ' '), /with inet_interfaces = all Postfix listens on the network, and with mynetworks = 127\.0\.0\.0\/8 10\.0\.0\.0\/8 it relays/);
		await press(app.stdin, 'y\r');
		assert.ok(!engine.calls.includes('apply'), 'y alone does not confirm an open relay');
		await press(app.stdin, `${keys.ctrlU}open relay\r`);
		frame = await waitFor(app.lastFrame, /relayhost = : empty, so Postfix delivers\s+straight/);
		assert.ok(!engine.calls.includes('apply'));
		await press(app.stdin, 'y');
		await waitFor(app.lastFrame, 'Applied.');
		await press(app.stdin, keys.enter);
		await waitFor(app.lastFrame, 'Recipient:');
		await press(app.stdin, keys.escape);
		frame = await waitFor(app.lastFrame, 'Summary');
		assert.match(frame.replaceAll(/\s+/g, ' '), /! This server is an open relay, as you confirmed: inet_interfaces = all, mynetworks = 127\.0\.0\.0\/8 10\.0\.0\.0\/8\./);
		app.unmount();
	});

	test('n goes back to the last setting from the review', async () => {
		const app = start(fakeEngine());
		await toReview(app);
		await press(app.stdin, 'n');
		await waitFor(app.lastFrame, 'Step 8/8 · mydestination');
		app.unmount();
	});

	test('nothing to change: says so and offers the test mail', async () => {
		const app = start(fakeEngine({nothingToChange: true}));
		await toStep(app, 5);
		await press(app.stdin, keys.enter);
		const frame = await waitFor(app.lastFrame, 'Nothing to change');
		assert.match(frame, /No backup is written/);
		assert.match(frame, /Enter send a test mail/);
		await press(app.stdin, keys.enter);
		await waitFor(app.lastFrame, 'Recipient:');
		app.unmount();
	});

	test('a failed apply shows what was rolled back and what next', async () => {
		const app = start(fakeEngine({outcome: {status: 'failed', step: 'check', reason: {en: 'postfix: fatal: bad string length 0 < 1: setgid_group =', zh: 'postfix: fatal: bad string length 0 < 1: setgid_group ='}, rolledBack: true, restoreProblems: [], backup: undefined}}));
		await toReview(app);
		await press(app.stdin, 'y');
		const frame = await waitFor(app.lastFrame, 'Failed at: postfix check');
		assert.match(frame, /restored byte for byte/);
		assert.match(frame, /setgid_group/);
		// The reason belongs to the failure: it stands under the failure's text, not under its mark.
		assert.match(frame, /^✖ Failed at: postfix check.*\n {2}postfix: fatal: bad string length/m);
		assert.match(frame, /Esc back to the review/);
		await press(app.stdin, keys.escape);
		await waitFor(app.lastFrame, 'Apply these changes?');
		app.unmount();
	});

	test('a rollback that could not put a file back says which, and the backup to restore from', async () => {
		const backup = '/etc/postfix/postfix-wizard.backup/2026-11-24T10:00:00Z';
		const problem = {en: 'could not restore /etc/postfix/main.cf: operation not permitted (is the file immutable? `lsattr` shows it, `chattr -i` clears it)', zh: '无法恢复 /etc/postfix/main.cf：不允许此操作（文件是否被设为不可变？`lsattr` 可查看，`chattr -i` 可清除）'};
		const app = start(fakeEngine({outcome: {status: 'failed', step: 'check', reason: {en: 'postfix check failed', zh: 'postfix check 失败'}, rolledBack: false, restoreProblems: [problem], backup: {kind: 'set', path: backup, createdAt: new Date('2026-11-24T10:00:00Z'), naming: 'multiple', files: []}}}));
		try {
			await toReview(app);
			await press(app.stdin, 'y');
			const frame = await waitFor(app.lastFrame, 'NOT as before');
			assert.match(frame.replaceAll(/\s+/g, ' '), /could not restore \/etc\/postfix\/main\.cf: operation not permitted/);
			assert.match(frame, /^\s+postfix-wizard rollback \/etc\/postfix\/postfix-wizard\.backup\/2026-11-24T10:00:00Z$/m, 'the command stands on one line, as it must be run');
			assert.doesNotMatch(frame, /restored byte for byte/);
			// Leaving prints the same below the last frame, the command whole on its own line.
			await press(app.stdin, keys.enter);
			const words = app.farewell() ?? '';
			assert.match(words, /^could not restore \/etc\/postfix\/main\.cf: operation not permitted/m);
			assert.match(words, /These files are NOT as before/);
			assert.match(words, /^ {2}postfix-wizard rollback \/etc\/postfix\/postfix-wizard\.backup\/2026-11-24T10:00:00Z$/m);
		} finally {
			app.unmount();
		}
	});

	test('Ctrl-C while applying waits for the transaction to finish or roll back', async () => {
		let open: () => void = () => {};
		const gate = new Promise<void>(resolve => {
			open = resolve;
		});
		const engine = fakeEngine({applyGate: gate, outcome: {status: 'interrupted', step: 'write', reason: {en: 'interrupted (Ctrl-C)', zh: '已中断（Ctrl-C）'}, rolledBack: true, restoreProblems: [], backup: undefined}});
		const app = start(engine);
		await toReview(app);
		await press(app.stdin, 'y');
		await waitFor(app.lastFrame, 'Write main.cf');
		await press(app.stdin, keys.ctrlC);
		await waitFor(app.lastFrame, 'finishing the transaction safely');
		assert.equal(engine.signal?.aborted, true);
		assert.equal(app.exitCode(), undefined, 'must not leave before the transaction ends');
		open();
		await waitFor(() => `exit ${app.exitCode()}.`, 'exit 130.');
		assert.match(app.farewell() ?? '', /^Interrupted: nothing is half-written\. Every file written was restored byte for byte/);
	});

	test('Ctrl-C before applying leaves at once with nothing changed (exit 130)', async () => {
		const engine = fakeEngine();
		const app = start(engine);
		await toStep(app, 2);
		await waitFor(app.lastFrame, 'Step 3/8');
		await press(app.stdin, keys.ctrlC);
		await waitFor(() => String(app.exitCode()), '130');
		assert.equal(app.farewell(), 'Quitting: nothing was changed.');
		assert.ok(!engine.calls.includes('apply'));
	});

	test('a signal from outside (SIGTERM, SIGHUP) leaves the way Ctrl-C does, with 128 + N', async () => {
		const interrupt = new AbortController();
		const engine = fakeEngine();
		const app = start(engine, 'en', interrupt.signal);
		await toStep(app, 1);
		interrupt.abort(new InterruptedError('SIGTERM'));
		await waitFor(() => `exit ${app.exitCode()}.`, 'exit 143.');
		assert.equal(app.farewell(), 'Quitting: nothing was changed.');
		assert.ok(!engine.calls.includes('apply'));
	});

	test('an unreachable relay warns on the review, and applying stays possible', async () => {
		const relay = fakeProbe({reachable: false, error: 'smtp.example.org:587: connection refused'});
		const app = start(fakeEngine({relay}));
		await toStep(app, 5);
		await press(app.stdin, keys.enter);
		const frame = await waitFor(app.lastFrame, 'cannot be reached');
		assert.match(frame, /! The relay cannot be reached now \(smtp\.example\.org:587: connection refused\)/);
		assert.match(frame, /y apply/);
		await press(app.stdin, 'y');
		await waitFor(app.lastFrame, 'Applied.');
		app.unmount();
	});
});

describe('简体中文', () => {
	/** From the first screen to the review, in Chinese: begin, relayhost, the login, the other steps. */
	async function toReviewZh(app: Driven, expected = '应用这些更改吗') {
		await waitFor(app.lastFrame, 'Enter 开始');
		await press(app.stdin, `\r\r\rme\rpw\r\r\r`);
		await waitFor(app.lastFrame, '谁来读本机的邮件');
		await press(app.stdin, '\r');
		await waitFor(app.lastFrame, '发件地址');
		await press(app.stdin, '\r\r\r\r');
		return waitFor(app.lastFrame, expected);
	}

	test('an engine failure is said in Chinese: a family error\'s own sentence, an OS error in words', async () => {
		const family = start(fakeEngine({prepareError: new StepError({en: 'postmap could not build the map', zh: 'postmap 无法生成映射表'})}), 'zh');
		try {
			const frame = await toReviewZh(family, 'postmap 无法生成映射表');
			assert.doesNotMatch(frame, /could not build/);
		} finally {
			family.unmount();
		}

		const full = start(fakeEngine({prepareError: Object.assign(new Error('ENOSPC: no space left on device, write'), {code: 'ENOSPC', syscall: 'write'})}), 'zh');
		try {
			const frame = await toReviewZh(full, '设备上没有剩余空间');
			assert.doesNotMatch(frame, /ENOSPC|no space/);
		} finally {
			full.unmount();
		}
	});

	test('a rollback that could not put a file back says so in Chinese', async () => {
		const backup = '/etc/postfix/postfix-wizard.backup/2026-11-24T10:00:00Z';
		const problem = {en: 'could not restore /etc/postfix/main.cf: operation not permitted', zh: '无法恢复 /etc/postfix/main.cf：不允许此操作'};
		const app = start(fakeEngine({outcome: {status: 'failed', step: 'check', reason: {en: 'postfix check failed and said nothing', zh: 'postfix check 失败，且没有输出任何信息'}, rolledBack: false, restoreProblems: [problem], backup: {kind: 'set', path: backup, createdAt: new Date('2026-11-24T10:00:00Z'), naming: 'multiple', files: []}}}), 'zh');
		try {
			await toReviewZh(app);
			await press(app.stdin, 'y');
			const frame = (await waitFor(app.lastFrame, '无法恢复')).replaceAll(/\s+/g, ' ');
			assert.match(frame, /postfix check 失败，且没有输出任何信息/);
			assert.match(frame, /无法恢复 \/etc\/postfix\/main\.cf：不允许此操作/);
			assert.doesNotMatch(frame, /could not|said nothing/);
		} finally {
			app.unmount();
		}
	});

	test('every screen speaks Chinese', async () => {
		const app = start(fakeEngine(), 'zh');
		let frame = await waitFor(app.lastFrame, '3.7.11');
		assert.match(frame, /互联网站点/);
		assert.match(frame, /Enter 开始/);
		await press(app.stdin, keys.enter);
		frame = await waitFor(app.lastFrame, '第 1/8 步 · relayhost');
		assert.match(frame, /智能主机/);
		assert.match(frame, /建议值/);
		await clearField(app, 'relayhost');
		await press(app.stdin, '[a.example]:0');
		await waitFor(app.lastFrame, '端口必须是 1 到 65535 之间的数字');
		app.unmount();
	});

	test('no English word left on the way through, and full-width punctuation', async () => {
		const app = start(fakeEngine(), 'zh');
		await waitFor(app.lastFrame, 'Enter 开始');
		const seen: string[] = [];
		const look = async (expected: string) => {
			seen.push(await waitFor(app.lastFrame, expected));
		};

		// Begin, relayhost, the login (provider, username, password, certificate), four settings.
		await press(app.stdin, `\r\r\rme\rpw\r\r\r`);
		await look('谁来读本机的邮件');
		await press(app.stdin, '\r');
		await look('发件地址');
		await press(app.stdin, '\r\r\r\r');
		await look('应用这些更改吗');
		await look('中继');
		await press(app.stdin, 'y');
		await look('已应用');
		await press(app.stdin, keys.enter);
		await press(app.stdin, 'ops@example.org\r');
		await look('已发送');
		await press(app.stdin, keys.enter);
		await look('总结');
		const text = seen.join('\n');
		for (const word of ['current', 'proposed', 'restarted', 'sent', 'Done', 'queue ID']) {
			assert.doesNotMatch(text, new RegExp(`\\b${word}\\b`), `"${word}" in:\n${text}`);
		}

		assert.match(text, /^--- \/etc\/postfix\/main\.cf {8}当前$/m);
		assert.match(text, /重启或重新加载 Postfix — 已重启/);
		assert.match(text, /测试邮件：已发送（3748620C0BA）/);
		assert.match(text, /耗时：0\.2s（0\/0\/0\.1\/0\.1）/);
		assert.doesNotMatch(text, /[\u4E00-\u9FFF][:(]/, 'a half-width colon or parenthesis after Chinese text');
		app.unmount();
	});

	test('the review refuses an interface address this machine does not have, in Chinese', async () => {
		const refusal = new InvalidSettingsError([foreignInterfaceAddresses('192.0.2.77', new Set(['127.0.0.1', '::1']))!]);
		const app = start(fakeEngine({prepareError: refusal}), 'zh');
		await waitFor(app.lastFrame, 'Enter 开始');
		await press(app.stdin, `\r\r\rme\rpw\r\r\r`);
		await waitFor(app.lastFrame, '谁来读本机的邮件');
		await press(app.stdin, '\r\r\r\r\r');
		const frame = await waitFor(app.lastFrame, '不是本机的地址');
		assert.match(frame, /已拒绝，未做任何更改/);
		assert.match(frame, /inet_interfaces：“192\.0\.2\.77”/);
		assert.doesNotMatch(frame, /Refused|not an address|nothing was touched/);
		app.unmount();
	});
});

describe('every terminal: long lines wrap, the frame pages through every row', () => {
	/** A main.cf an admin grew: a mynetworks line of 150 characters, a tab in a comment, a long Chinese comment. */
	const networks = `mynetworks = 127.0.0.0/8 [::1]/128 ${Array.from({length: 12}, (_, index) => `10.${index}.0.0/16`).join(' ')}`.slice(0, 150);
	const grown = [
		'# Local additions\t(kept by hand)',
		networks,
		`# ${'备注：这台机器只发送邮件，所有邮件都交给公司的中继。'.repeat(3)}`,
		'myhostname = web01.example.org',
		'relayhost =',
		'inet_interfaces = all',
		'',
	].join('\n');
	/** PgDn from the top to the end: every content row by its number, as the pages showed it; the title and keys on each. */
	async function pageThrough(app: Driven, columns: number, key: string): Promise<string[]> {
		const seen = new Map<number, string>();
		let page = pagedScreen(app.lastFrame() ?? '');
		for (;;) {
			assert.match(page.title, /^postfix-wizard · /, 'the title stays on the first row');
			assert.match(page.keys, new RegExp(key), 'the keys stay on screen');
			for (const row of page.rows) {
				assert.ok(stringWidth(row) <= columns, `a row wider than the terminal (${stringWidth(row)}): ${row}`);
			}

			page.view.forEach((row, index) => seen.set(page.from + index, row));
			if (page.to === page.total) {
				break;
			}

			const previous = page;
			await press(app.stdin, keys.pageDown);
			await waitFor(() => String(linesRow.exec(app.lastFrame() ?? '')?.[1] !== String(previous.from)), 'true');
			page = pagedScreen(app.lastFrame() ?? '');
			assert.ok(page.from > previous.from && page.from <= previous.to, `PgDn went from rows ${previous.from}–${previous.to} to ${page.from}–${page.to}`);
		}

		const all = Array.from({length: page.total}, (_, index) => seen.get(index + 1));
		assert.deepEqual(all.flatMap((row, index) => (row === undefined ? [index + 1] : [])), [], 'rows never shown');
		return all as string[];
	}

	/** To the review, too tall for the terminal: its first page. */
	async function toPagedReview(app: Driven): Promise<string> {
		await toStep(app, 5);
		await press(app.stdin, keys.enter);
		return waitFor(app.lastFrame, /lines 1–\d+ of \d+/);
	}

	test('at 80×24 a 150-character line shows all its characters across rows, in order; PgDn skips no row; the last page shows the end', async () => {
		const app = start(fakeEngine({mainCf: grown}), 'en', undefined, {columns: 80, rows: 24});
		try {
			await toPagedReview(app);
			assert.equal(networks.length, 150);
			const rows = await pageThrough(app, 80, 'y apply');
			assert.equal(rejoinedLine(rows, '-mynetworks'), `-${networks}`);
			assert.equal(rejoinedLine(rows, '-# 备注'), `-# ${'备注：这台机器只发送邮件，所有邮件都交给公司的中继。'.repeat(3)}`);
			// The tab is the blanks the terminal would show, so no row is wider than Ink thinks.
			assert.ok(rows.includes('-# Local additions      (kept by hand)'), rows.join('\n'));
			assert.equal(rows.at(-1), 'Apply these changes?');
		} finally {
			app.unmount();
		}
	});

	test('at 60×15 the login step keeps the choice and the field being typed in on screen', async () => {
		const app = start(fakeEngine(), 'en', undefined, {columns: 60, rows: 15});
		try {
			await toStep(app, 1);
			await press(app.stdin, keys.enter);
			// The provider chosen (the last but one of eleven) is scrolled to, below the intro.
			await waitFor(app.lastFrame, '▸ Another relay');
			await press(app.stdin, keys.left);
			await waitFor(app.lastFrame, '▸ Microsoft 365');
			await press(app.stdin, keys.right);
			await waitFor(app.lastFrame, '▸ Another relay');
			await press(app.stdin, keys.enter);
			await waitFor(app.lastFrame, '❯ Username');
			await press(app.stdin, typedLogin.username);
			await press(app.stdin, keys.enter);
			await waitFor(app.lastFrame, '❯ Password');
			await press(app.stdin, typedLogin.password);
			await press(app.stdin, keys.enter);
			const frame = await waitFor(app.lastFrame, '❯ Certificate');
			assert.match(frame.split('\n')[0]!, /^postfix-wizard · Step 2\/8 · Login and encryption/);
			assert.match(frame, /Ctrl-C quit/);
		} finally {
			app.unmount();
		}
	});

	test('a resize re-pages: at 60×15 the rows wrap again, the title and the keys stay', async () => {
		const app = start(fakeEngine({mainCf: grown}), 'en', undefined, {columns: 80, rows: 24});
		try {
			const wide = pagedScreen(await toPagedReview(app));
			app.resize!(60, 15);
			await waitFor(app.lastFrame, new RegExp(`lines 1–\\d+ of (?!${wide.total}\\b)\\d+`));
			const rows = await pageThrough(app, 60, 'y apply');
			assert.equal(rejoinedLine(rows, '-mynetworks'), `-${networks}`);
			assert.ok(rows.length > wide.total, 'narrower, more rows');
		} finally {
			app.unmount();
		}
	});
});

describe('a fresh server', () => {
	test('after installing Postfix the wizard reads the machine again and goes on to the settings', async () => {
		const engine = fakeEngine();
		let installed = false;
		engine.preflight = async () => (installed
			? {...readyPreflight, mainCfExists: false, running: false, findings: [{kind: 'no-main-cf', configDir: '/etc/postfix', startingPoint: '/usr/share/postfix/main.cf.debian'}]}
			: {installed: false, installCommand: 'apt-get install postfix', isRoot: true});
		engine.installPostfix = async onOutput => {
			onOutput('Setting up postfix (3.7.11-0+deb12u1) ...');
			installed = true;
		};

		const app = start(engine);
		await waitFor(app.lastFrame, 'not installed');
		await press(app.stdin, 'y');
		const frame = await waitFor(app.lastFrame, '/etc/postfix/main.cf does not exist');
		assert.match(frame.replaceAll(/\s+/g, ' '), /creates it from \/usr\/share\/postfix\/main\.cf\.debian, the distribution's own starting point/);
		await waitFor(app.lastFrame, 'Enter begin');
		await press(app.stdin, keys.enter);
		await waitFor(app.lastFrame, 'Step 1/8 · relayhost');
		app.unmount();
	});
});

