import {Command, CommanderError, Option} from 'commander';
import {type Failure, describeFailure, exitCode} from './source/errors.js';
import {type Lang, detectLang} from './source/i18n/lang.js';
import {catchSignals} from './source/interrupt.js';
import {commandHelp, programHelp} from './source/commands/help.js';
import type {GlobalOptions} from './source/commands/options.js';
import {providerIds} from './source/relay/types.js';
import {version} from './source/version.js';

// From the first line on, a signal aborts `interruption.signal` instead of killing the
// process: whatever runs finishes or rolls back, then leaves with 128 + N.
const interruption = catchSignals();

/** What the one error handler needs to speak: the language, and whether --json was asked. */
const context: {lang: Lang; json: boolean} = {lang: detectLang(langInArguments(process.argv)), json: process.argv.includes('--json')};

/** --lang before commander has parsed anything, so that help and parse errors use it too. */
function langInArguments(argv: readonly string[]): string | undefined {
	const index = argv.findIndex(argument => argument === '--lang' || argument.startsWith('--lang='));
	if (index === -1) {
		return undefined;
	}

	return argv[index]!.startsWith('--lang=') ? argv[index]!.slice('--lang='.length) : argv[index + 1];
}

// Heavy modules (Ink, the engine, the SMTP libraries) load only for the command that
// runs: the wizard's first frame and a headless apply both have a time budget.
const program = new Command('postfix-wizard')
	.description('Turn this server\'s Postfix into a null client (send-only, relaying to a smarthost) and prove that mail leaves.\nWith no command, starts the interactive wizard.')
	.version(version, '-v, --version')
	.addOption(new Option('--config-dir <dir>', 'the Postfix configuration directory, holding main.cf or master.cf (like postconf -c)'))
	.addOption(new Option('--sandbox', 'work on a throwaway Postfix instance with a loopback relay sink, never the system\'s'))
	.addOption(new Option('--lang <lang>', 'language of the interface (default: from LANG)').choices(['en', 'zh']))
	.addHelpText('after', programHelp(context.lang))
	.showHelpAfterError(`(${context.lang === 'zh' ? '运行 postfix-wizard --help 查看用法' : 'run postfix-wizard --help for usage'})`)
	.configureOutput({
		// With --json, a usage error is one JSON object on stdout (printed below), nothing else.
		outputError(text, write) {
			if (!context.json) {
				write(text);
			}
		},
		writeErr(text) {
			if (!context.json) {
				process.stderr.write(text);
			}
		},
	})
	.exitOverride();

function globals(command: Command): GlobalOptions {
	const options = command.optsWithGlobals<{configDir?: string; sandbox?: boolean; lang?: string; json?: boolean}>();
	context.lang = detectLang(options.lang);
	context.json = options.json === true;
	return {configDir: options.configDir, sandbox: options.sandbox === true, lang: context.lang, interrupt: interruption.signal};
}

function collect(value: string, previous: string[]): string[] {
	return [...previous, value];
}

program
	.command('apply')
	.description('apply settings without the wizard (for scripts, CI and Ansible)')
	.option('--set <name=value>', 'a main.cf setting; repeat for several', collect, [])
	.option('--profile <file>', 'YAML or JSON with the system role\'s postfix_conf (an Ansible vars file or playbook)')
	.option('--play <name>', 'with a playbook whose several plays set the role\'s variables: the play to use (its name, or its hosts)')
	.option('--dry-run', 'print the diff of main.cf and change nothing')
	.option('-y, --yes', 'do not ask before writing')
	.option('--allow-open-relay', 'allow inet_interfaces and mynetworks beyond loopback together (an open relay)')
	.option('--allow-direct-delivery', 'allow an empty relayhost (direct delivery, not a null client)')
	.option('--no-restart', 'write and check, but do not restart or reload Postfix')
	.addOption(new Option('--backup <naming>', 'main.cf.<timestamp> per run, or one main.cf.backup').choices(['multiple', 'single']))
	.option('--test-mail <address>', 'after applying, send a test mail and follow it to its final status')
	.option('--timeout <seconds>', 'how long to follow the test mail', '30')
	.option('--root-to <address>', 'send root\'s, postmaster\'s and the system accounts\' mail to this address (virtual_alias_maps)')
	.option('--send-as <address>', 'send mail from this machine as this verified address (sender_canonical_maps)')
	.addOption(new Option('--send-as-scope <scope>', 'rewrite only this machine\'s own names (local) or every sender (all)').choices(['local', 'all']))
	.option('--json', 'print the result as one JSON object')
	.option('--provider <name>', `fill the relay and its login rules from a preset: ${providerIds.join(', ')}`)
	.option('--region <region>', 'with --provider ses: the SES region of the SMTP credentials, e.g. eu-west-1')
	.option('--relay-user <user>', 'log in to the relay as USER (the password comes from a file, stdin or POSTFIX_WIZARD_RELAY_PASSWORD, never an argument)')
	.option('--relay-password-file <file>', 'read the relay password from FILE (one line)')
	.option('--relay-password-stdin', 'read the relay password from standard input (a pipe)')
	.addOption(new Option('--relay-tls-mode <mode>', 'how TLS starts when the port does not say it (default: 465 implicit TLS, others STARTTLS)').choices(['starttls', 'implicit-tls']))
	.addOption(new Option('--relay-tls-level <level>', 'TLS towards the relay: encrypt, or verify/secure to check its certificate against the CA bundle').choices(['encrypt', 'verify', 'secure']))
	.addHelpText('after', commandHelp('apply', context.lang))
	.action(async (options, command: Command) => {
		const run = globals(command);
		// main.cf's reads start first and run while the planners load (see prefetchReading).
		const {prefetchReading} = await import('./source/commands/apply-prefetch.js');
		const reading = prefetchReading(options, run);
		const [{parseApplyRequest}, {runApply}] = await Promise.all([import('./source/commands/apply-request.js'), import('./source/commands/apply.js')]);
		process.exitCode = await runApply(await parseApplyRequest(options), run, reading);
	});

program
	.command('verify')
	.description('audit the null-client configuration and, with --to, follow a test mail to the relay')
	.option('--to <address>', 'send a test mail to this address and follow it')
	.option('--login', 'also log in to the relay with the configured credentials, then QUIT (no mail; failed logins count toward lockouts)')
	.option('--timeout <seconds>', 'how long to follow the test mail (and the deadline of every network wait)', '30')
	.option('--json', 'print one JSON object')
	.addHelpText('after', commandHelp('verify', context.lang))
	.action(async (options, command: Command) => {
		const run = globals(command);
		const {parseVerifyRequest, runVerify} = await import('./source/commands/verify.js');
		process.exitCode = await runVerify(parseVerifyRequest(options), run);
	});

program
	.command('export')
	.description('write this machine\'s null-client configuration as a playbook for the Ansible system role')
	.option('--ansible', 'a playbook for the postfix system role (fedora.linux_system_roles.postfix)')
	.option('--out <file>', 'write the playbook to this new file (default: print it)')
	.option('--force', 'with --out: replace the file if it exists')
	.option('--hosts <pattern>', 'the play\'s hosts pattern', 'all')
	.option('--role <name-or-path>', 'the role: a name (rhel-system-roles.postfix for the RHEL package) or a path', 'fedora.linux_system_roles.postfix')
	.option('--include-secrets', 'put the relay password in the file (needs --out; written 0600) instead of a vault variable')
	.addHelpText('after', commandHelp('export', context.lang))
	.action(async (options, command: Command) => {
		const {runExport} = await import('./source/commands/export.js');
		process.exitCode = await runExport(options, globals(command));
	});

program
	.command('rollback')
	.description('restore main.cf from a backup, showing the diff first')
	.argument('[backup]', 'the backup file (default: the newest)')
	.option('--list', 'list the backups and exit')
	.option('-y, --yes', 'do not ask before restoring')
	.option('--no-restart', 'do not restart or reload Postfix')
	.addHelpText('after', commandHelp('rollback', context.lang))
	.action(async (backup: string | undefined, options, command: Command) => {
		const run = globals(command);
		const {runRollback} = await import('./source/commands/rollback.js');
		process.exitCode = await runRollback(backup, options, run);
	});

// No command: the wizard. A word that is no command is refused by name (commander would
// say "too many arguments"). Set last: commands created after it would inherit it.
program.allowExcessArguments(true).action(async (_options, command: Command) => {
	const run = globals(command);
	const {refuseUnknownCommand} = await import('./source/commands/help.js');
	refuseUnknownCommand(command.args, program.commands.map(sub => sub.name()));
	const {runWizard} = await import('./source/commands/wizard.js');
	process.exitCode = await runWizard(run);
});

/**
 * The one error handler: anything thrown, by any command, ends here as one or two
 * sentences (what failed, what state main.cf is in, what to do) and DESIGN.md's exit
 * code; with --json as one JSON object on stdout. Never a stack trace, unless
 * POSTFIX_WIZARD_DEBUG asks for one.
 */
function fail(error: unknown): number {
	const failure: Failure = describeFailure(error, context.lang);
	if (context.json) {
		console.log(JSON.stringify(failure.json, null, 2));
	} else {
		console.error(failure.lines.join('\n'));
	}

	return failure.exitCode;
}

// A reader that closes the output early (`| head`) has read what it wanted: the rest is
// dropped, and the run goes on to its own end; a pipe never cuts a transaction short.
for (const stream of [process.stdout, process.stderr]) {
	stream.on('error', (error: NodeJS.ErrnoException) => {
		if (error.code !== 'EPIPE') {
			throw error;
		}
	});
}

// What escapes every await (an emitter's error, a rejected promise nobody awaited) is
// still an error to report in a sentence, and the process still ends.
process.on('uncaughtException', error => {
	process.exit(fail(error));
});
process.on('unhandledRejection', error => {
	process.exit(fail(error));
});

try {
	await program.parseAsync();
} catch (error) {
	if (error instanceof CommanderError) {
		// --help and --version end here with code 0; every usage error is exit 2.
		process.exitCode = error.exitCode === 0 ? exitCode.ok : exitCode.usage;
		if (error.exitCode !== 0 && context.json) {
			console.log(JSON.stringify({status: 'usage', error: error.message.replace(/^error: /, ''), exitCode: exitCode.usage}, null, 2));
		}
	} else {
		process.exitCode = fail(error);
	}
} finally {
	interruption.release();
}

// Every wait has its own deadline; should anything still hold the event loop (a socket a
// library forgot), the process ends anyway rather than hang after its last word.
setTimeout(() => process.exit(), 2000).unref();
