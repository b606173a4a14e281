import {Command, CommanderError, Option} from 'commander';
import {detectLang} from './source/i18n/lang.js';
import type {GlobalOptions} from './source/commands/options.js';
import {version} from './source/version.js';

// Heavy modules (Ink, the engine, the SMTP libraries) load only for the command that
// runs: the wizard's first frame and a headless apply both have a time budget.
const program = new Command('postfix-wizard')
	.description('Turn this server\'s Postfix into a null client (send-only, relaying to a smarthost) and prove that mail leaves.')
	.version(version, '-v, --version')
	.addOption(new Option('--config-dir <dir>', 'the Postfix configuration directory (like postconf -c)'))
	.addOption(new Option('--sandbox', 'work on a throwaway Postfix instance with a loopback relay sink, never the system\'s'))
	.addOption(new Option('--lang <lang>', 'language of the interface').choices(['en', 'zh']))
	.showHelpAfterError('(run postfix-wizard --help for usage)')
	.exitOverride();

function globals(command: Command): GlobalOptions {
	const options = command.optsWithGlobals<{configDir?: string; sandbox?: boolean; lang?: string}>();
	return {configDir: options.configDir, sandbox: options.sandbox === true, lang: detectLang(options.lang)};
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
	.option('--json', 'print the result as one JSON object')
	.action(async (options, command: Command) => {
		const {runApply} = await import('./source/commands/apply.js');
		process.exitCode = await runApply(options, globals(command));
	});

program
	.command('verify')
	.description('audit the null-client configuration and, with --to, follow a test mail to the relay')
	.option('--to <address>', 'send a test mail to this address and follow it')
	.option('--login', 'also log in to the relay with the configured credentials, then QUIT (no mail; failed logins count toward lockouts)')
	.option('--timeout <seconds>', 'how long to follow the test mail', '30')
	.option('--json', 'print one JSON object')
	.action(async (options, command: Command) => {
		const {runVerify} = await import('./source/commands/verify.js');
		process.exitCode = await runVerify(options, globals(command));
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
	.action(async (backup: string | undefined, options, command: Command) => {
		const {runRollback} = await import('./source/commands/rollback.js');
		process.exitCode = await runRollback(backup, options, globals(command));
	});

program.action(async (_options, command: Command) => {
	const {runWizard} = await import('./source/commands/wizard.js');
	process.exitCode = await runWizard(globals(command));
});

try {
	await program.parseAsync();
} catch (error) {
	if (error instanceof CommanderError) {
		// --help and --version end here with code 0; every usage error is exit 2.
		process.exitCode = error.exitCode === 0 ? 0 : 2;
	} else {
		throw error;
	}
}
