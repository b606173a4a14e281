import assert from 'node:assert/strict';
import {readFileSync} from 'node:fs';
import {describe, test} from 'node:test';
import {parsePasswd, systemAccounts, uidMinFrom} from '../../source/rootmail/accounts.js';
import {aliasSources, parseAliases} from '../../source/rootmail/aliases.js';
import {machineNames, ownAddressProblem, ownDomains, rootAddressProblem} from '../../source/rootmail/own-address.js';
import {planRootMail, rootMailRequestErrors} from '../../source/rootmail/plan.js';
import type {RootMailMachine} from '../../source/rootmail/machine.js';
import {regexpLiteral, regexpReplacement, senderCanonicalRule} from '../../source/rootmail/sender-canonical.js';
import {mergeTable} from '../../source/rootmail/table-text.js';
import {withOurTableFirst} from '../../source/postfix/map-files.js';
import {buildRootMailMap, rootAliasProposal} from '../../source/rootmail/virtual-map.js';
import type {RootMailReview} from '../../source/rootmail/prepare.js';
import {rootMailSummary} from '../../source/rootmail/summary.js';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/rootmail/${name}`, import.meta.url), 'utf8');

describe('aliases file', () => {
	test('continuation lines, comments between them, quoted names and values, the kinds of target', () => {
		const parsed = parseAliases([
			'# comment',
			'Root: ops@example.com,',
			'   # a comment inside the entry is skipped',
			'\talice',
			'',
			'"odd name": \\bob, "|/usr/bin/cmd -a, b", /var/log/x.log, :INCLUDE: /etc/list, Name <n@example.net> (comment)',
			'pipe: |/usr/bin/procmail -f-',
		].join('\n'));
		assert.deepEqual(parsed.problems, []);
		assert.deepEqual(parsed.entries.map(entry => [entry.name, entry.line]), [['root', 2], ['odd name', 6], ['pipe', 7]]);
		assert.deepEqual(parsed.entries[0]!.targets.map(target => target.kind), ['address', 'local']);
		const odd = parsed.entries[1]!.targets;
		assert.deepEqual(odd.map(target => target.kind), ['local', 'pipe', 'file', 'include', 'address']);
		assert.deepEqual(odd[1], {kind: 'pipe', command: '/usr/bin/cmd -a, b', raw: '"|/usr/bin/cmd -a, b"'});
		assert.equal(odd[3]!.kind === 'include' && odd[3]!.path, '/etc/list');
		assert.equal(odd[4]!.kind === 'address' && odd[4]!.address, 'n@example.net');
		assert.equal(parsed.entries[2]!.targets[0]!.kind === 'pipe' && parsed.entries[2]!.targets[0]!.command, '/usr/bin/procmail -f-');
	});

	test('broken lines, empty values and duplicates are reported; the first definition wins', () => {
		const parsed = parseAliases('no colon here\nempty:\n: root\nroot: a@example.com\nROOT: b@example.com\n');
		assert.deepEqual(parsed.problems.map(found => found.line), [1, 2, 3, 5]);
		assert.match(parsed.problems[3]!.reason.en, /defined twice/);
		assert.match(parsed.problems[3]!.reason.zh, /两次/);
		assert.equal(parsed.entries.length, 1);
		assert.equal(parsed.entries[0]!.targets[0]!.kind === 'address' && parsed.entries[0]!.targets[0]!.address, 'a@example.com');
	});

	test('alias_maps items name their source files; tables without one are unreadable', () => {
		assert.deepEqual(aliasSources(['hash:/etc/aliases', 'lmdb:/etc/aliases2', 'proxy:hash:/etc/x', 'nis:mail.aliases', 'ldap:/etc/postfix/ldap.cf']).map(source => source.file), ['/etc/aliases', '/etc/aliases2', '/etc/x', undefined, undefined]);
	});
});

describe('system accounts', () => {
	test('uid below UID_MIN, root and nobody; NIS lines skipped', () => {
		const accounts = parsePasswd(fixture('passwd'));
		assert.ok(!accounts.some(account => account.name.startsWith('+')));
		const names = systemAccounts(accounts, uidMinFrom(fixture('login.defs')));
		for (const name of ['root', 'daemon', 'www-data', 'backup', 'nobody', 'nagios']) {
			assert.ok(names.has(name), name);
		}

		assert.ok(!names.has('alice'));
	});

	test('UID_MIN from login.defs, 1000 without it', () => {
		assert.equal(uidMinFrom('UID_MIN  500\n'), 500);
		assert.equal(uidMinFrom('#UID_MIN 500\nSYS_UID_MIN 100\n'), 1000);
		assert.equal(uidMinFrom(undefined), 1000);
		assert.deepEqual([...systemAccounts(parsePasswd('alice:x:600:600::/h:/bin/sh\n'), 500)], ['root']);
	});
});

describe('the virtual map from the fixture', () => {
	const aliases = parseAliases(fixture('aliases')).entries;
	const accounts = systemAccounts(parsePasswd(fixture('passwd')), 1000);
	const domains = machineNames('web01.example.org');
	const map = buildRootMailMap({rootTo: 'admin@example.org', aliases, systemAccounts: accounts, localDomains: domains});
	const entry = (key: string) => map.entries.find(line => line.key === key)?.values;

	test('root, postmaster, MAILER-DAEMON and the system accounts that end at root go to the chosen address', () => {
		for (const key of ['root', 'postmaster', 'MAILER-DAEMON', 'bin', 'daemon', 'adm', 'lp', 'sync', 'mail', 'www-data', 'operator']) {
			assert.deepEqual(entry(key)?.[0], 'admin@example.org', key);
		}

		assert.deepEqual(map.rootWas, ['Ops Team <ops@example.com>', 'alice']);
	});

	test('external addresses of system accounts are carried over', () => {
		assert.deepEqual(entry('backup'), ['admin@example.org', 'backup-team@ops.example.net']);
		assert.deepEqual(entry('nagios'), ['monitoring@ops.example.net']);
		assert.deepEqual(map.carried.map(line => line.key), ['backup', 'nagios']);
	});

	test('role addresses and names that are no system account are left alone, with the reason', () => {
		const reasons = new Map(map.leftAlone.map(left => [left.name, left.reason]));
		for (const role of ['abuse', 'info', 'sales', 'support', 'webmaster', 'security', 'noc', 'hostmaster']) {
			assert.equal(reasons.get(role), 'role', role);
			assert.equal(entry(role), undefined, role);
		}

		assert.equal(reasons.get('decode'), 'not-system');
		assert.equal(reasons.get('odd name'), 'not-system');
		assert.equal(reasons.get('games'), 'local-only');
		assert.deepEqual(map.leftAlone.find(left => left.name === 'games')?.localNames, ['alice']);
	});

	test('pipes, files and :include: are listed as not carried', () => {
		assert.deepEqual(map.notCarried.map(item => [item.name, item.target.kind]), [['logcheck', 'pipe'], ['sshd', 'file'], ['list', 'include'], ['operator', 'pipe']]);
		for (const name of ['logcheck', 'sshd', 'list']) {
			assert.equal(entry(name), undefined, name);
		}
	});

	test('the proposal for root is the outside address its alias already names', () => {
		const names = {origin: 'example.org', myhostname: 'web01.example.org'};
		const accepts = (address: string) => rootAddressProblem(address, names) === undefined;
		assert.equal(rootAliasProposal(aliases, accepts), 'ops@example.com');
		assert.equal(rootAliasProposal(parseAliases('root: alice, root@web01.example.org').entries, accepts), undefined);
		// root@<myorigin> is what the step refuses: not proposed either.
		assert.equal(rootAliasProposal(parseAliases('root: root@example.org, admin@example.net').entries, accepts), 'admin@example.net');
	});

	test('an address on one of this machine\'s names is followed as a local name; loops end', () => {
		const looped = buildRootMailMap({
			rootTo: 'admin@example.org',
			aliases: parseAliases('daemon: bin@localhost\nbin: daemon, \\root\nlp: lp\n').entries,
			systemAccounts: new Set(['root', 'daemon', 'bin', 'lp']),
			localDomains: domains,
		});
		assert.deepEqual(looped.entries.map(line => line.key), ['root', 'postmaster', 'MAILER-DAEMON', 'daemon', 'bin']);
		assert.equal(looped.leftAlone.find(left => left.name === 'lp')?.reason, 'local-only');
	});

	test('without an aliases file: root, postmaster and MAILER-DAEMON only', () => {
		const bare = buildRootMailMap({rootTo: 'a@example.com', aliases: [], systemAccounts: new Set(['root']), localDomains: domains});
		assert.deepEqual(bare.entries, [{key: 'root', values: ['a@example.com']}, {key: 'postmaster', values: ['a@example.com']}, {key: 'MAILER-DAEMON', values: ['a@example.com']}]);
	});
});

describe('table files and map lists', () => {
	test('our block comes first, an existing file keeps its other keys, writing twice changes nothing', () => {
		const existing = '# theirs\nroot   someone@example.net\nsales  s@example.net\n   , t@example.net\n';
		const once = mergeTable([{key: 'root', values: ['a@example.com']}], ['header'], existing);
		assert.match(once, /^# BEGIN postfix-wizard\n# header\nroot a@example.com\n# END postfix-wizard\n\n# theirs\nsales  s@example.net\n {3}, t@example.net\n$/);
		assert.equal(mergeTable([{key: 'root', values: ['a@example.com']}], ['header'], once), once);
		assert.equal(mergeTable([{key: 'root', values: ['a@example.com']}], ['h'], undefined), '# BEGIN postfix-wizard\n# h\nroot a@example.com\n# END postfix-wizard\n');
	});

	test('our table is listed first, existing ones kept, never twice', () => {
		assert.equal(withOurTableFirst('hash:/d/virtual', undefined), 'hash:/d/virtual');
		assert.equal(withOurTableFirst('hash:/d/virtual', 'ldap:/d/l.cf, hash:/d/virtual'), 'hash:/d/virtual, ldap:/d/l.cf');
	});
});

describe('sender rewriting', () => {
	test('scope local matches this machine\'s names only, escaped', () => {
		const rule = senderCanonicalRule('alerts@example.com', 'local', ownDomains('example.org', 'web01.example.org'));
		assert.equal(rule.key, String.raw`/^(.+)@(example\.org|web01\.example\.org|localhost(\.[a-z0-9.-]+)?)$/`);
		const pattern = new RegExp(rule.key.slice(1, -1), 'i');
		for (const sender of ['root@example.org', 'cron@WEB01.example.org', 'app@localhost', 'x@localhost.localdomain']) {
			assert.ok(pattern.test(sender), sender);
		}

		for (const sender of ['app@other.example', 'a@example.org.evil.net', 'a@xexample.org']) {
			assert.ok(!pattern.test(sender), sender);
		}
	});

	test('scope all matches every sender; $ is doubled on the right, specials escaped on the left', () => {
		assert.equal(senderCanonicalRule('a@example.com', 'all', []).key, '/^.+$/');
		assert.equal(regexpReplacement('a$b@example.com'), 'a$$b@example.com');
		assert.equal(regexpLiteral('a.b+c/d'), String.raw`a\.b\+c\/d`);
	});
});

describe('the plan', () => {
	const machine: RootMailMachine = {
		configDir: '/cfg',
		databaseType: 'lmdb',
		originFacts: {},
		origin: 'example.org',
		myhostname: 'web01.example.org',
		aliases: [],
		aliasProblems: [],
		unreadableTables: [],
		systemAccounts: new Set(['root']),
		explicit: {virtualAliasMaps: 'hash:/cfg/other', senderCanonicalMaps: undefined},
		existing: {virtual: undefined, senderCanonical: undefined},
	};

	test('virtual_alias_maps with the database type, ours first; sender_canonical_maps as regexp, not postmap-built', () => {
		const changes = planRootMail({rootTo: 'a@example.com', sendAs: 'alerts@example.com'}, machine, 'example.org');
		assert.deepEqual([...changes.settings], [['virtual_alias_maps', 'lmdb:/cfg/virtual, hash:/cfg/other'], ['sender_canonical_maps', 'regexp:/cfg/sender_canonical']]);
		assert.deepEqual(changes.files.map(file => [file.path, file.map, file.mode, file.secret]), [['/cfg/virtual', 'lmdb', 0o644, false], ['/cfg/sender_canonical', undefined, 0o644, false]]);
		assert.deepEqual(changes.senderDomains, ['example.org', 'web01.example.org', 'localhost', 'localhost.localdomain']);
	});

	test('nothing asked, nothing planned', () => {
		const changes = planRootMail({}, machine, 'example.org');
		assert.equal(changes.settings.size, 0);
		assert.equal(changes.files.length, 0);
	});

	test('addresses that reach nobody are refused with the reason', () => {
		assert.deepEqual(rootMailRequestErrors({rootTo: 'ops@example.com', sendAs: 'alerts@example.com'}), []);
		const errors = rootMailRequestErrors({rootTo: 'root@localhost', sendAs: 'example.com'});
		assert.deepEqual(errors.map(error => error.parameter), ['--root-to', '--send-as']);
		assert.match(errors[0]!.rule.en, /this machine's own name/);
		assert.match(errors[1]!.rule.en, /not an e-mail address/);
		assert.match(rootMailRequestErrors({rootTo: 'ops@web01'})[0]!.rule.en, /no dot/);
	});
});

describe('an address at this machine\'s own names', () => {
	const names = {origin: 'example.org', myhostname: 'web01.example.org'};
	test('root, postmaster and MAILER-DAEMON at myorigin would map to themselves', () => {
		for (const address of ['root@example.org', 'Postmaster@EXAMPLE.org', 'MAILER-DAEMON@example.org']) {
			assert.match(ownAddressProblem(address, names)?.rule.en ?? '', /root's own address here \(myorigin is example\.org\)/, address);
		}
	});

	test('any mailbox at myhostname or localhost comes back to this machine', () => {
		for (const address of ['ops@web01.example.org', 'ops@localhost', 'root@localhost.localdomain']) {
			assert.match(ownAddressProblem(address, names)?.rule.en ?? '', /this machine's own name \(myhostname\)/, address);
		}
	});

	test('the company\'s real mailboxes at myorigin, and other domains, pass', () => {
		assert.equal(ownAddressProblem('ops@example.org', names), undefined);
		assert.equal(ownAddressProblem('root@example.net', names), undefined);
		assert.equal(ownAddressProblem('root@example.org', {origin: undefined, myhostname: 'web01.example.org'}), undefined);
	});

	test('the request is refused once the names are known, in both languages', () => {
		const errors = rootMailRequestErrors({rootTo: 'root@example.org', sendAs: 'alerts@web01.example.org'}, names);
		assert.deepEqual(errors.map(error => error.parameter), ['--root-to', '--send-as']);
		assert.match(errors[0]!.rule.zh, /本机 root 自己的地址/);
		assert.deepEqual(rootMailRequestErrors({rootTo: 'root@example.org'}), []);
		// A relay that verified example.org takes root@example.org as a sender.
		assert.deepEqual(rootMailRequestErrors({sendAs: 'root@example.org'}, names), []);
	});
});

describe('the review\'s account of root\'s mail, in Chinese', () => {
	test('lists with 、 and full-width punctuation around the English names', () => {
		const review = {
			origin: 'example.org',
			machine: {unreadableTables: []},
			changes: {
				senderDomains: [],
				map: {
					entries: [{key: 'root', values: ['ops@example.net']}, {key: 'postmaster', values: ['ops@example.net']}, {key: 'MAILER-DAEMON', values: ['ops@example.net']}],
					rootWas: [],
					carried: [],
					leftAlone: [{name: 'info', reason: 'role'}, {name: 'sales', reason: 'role'}],
					notCarried: [{name: 'backup', target: {raw: '|/usr/local/bin/archive', kind: 'pipe'}}],
				},
			},
		} as unknown as RootMailReview;
		const zh = rootMailSummary(review, {rootTo: 'ops@example.net'}, 'zh').join('\n');
		assert.match(zh, /映射到 ops@example\.net：root、postmaster、MAILER-DAEMON/);
		assert.match(zh, /info、sales — 角色地址/);
		assert.match(zh, /backup：\|\/usr\/local\/bin\/archive（程序）/);
		assert.doesNotMatch(zh, /[\u4E00-\u9FFF], |[^:]: |\(/u);
		const en = rootMailSummary(review, {rootTo: 'ops@example.net'}, 'en').join('\n');
		assert.match(en, /Mapped to ops@example\.net: root, postmaster, MAILER-DAEMON/);
		assert.match(en, /backup: \|\/usr\/local\/bin\/archive \(program\)/);
	});
});
