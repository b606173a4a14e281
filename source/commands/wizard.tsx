import {render} from 'ink';
import {uiMessages} from '../ui/messages.js';
import {App} from '../ui/App.js';
import {type GlobalOptions, exitCode} from './options.js';

/**
 * `postfix-wizard` with no command. The first frame is drawn before anything reads
 * Postfix: the engine (execa, the sandbox, SMTP) is imported behind the spinner.
 */
export async function runWizard(globals: GlobalOptions): Promise<number> {
	if (!process.stdin.isTTY || !process.stdout.isTTY || typeof process.stdin.setRawMode !== 'function') {
		console.error(uiMessages[globals.lang].needsTty);
		return exitCode.usage;
	}

	let code: number = exitCode.ok;
	let engine: {dispose(): Promise<void>} | undefined;
	const app = render(
		<App
			lang={globals.lang}
			sandboxMode={globals.sandbox}
			onExit={next => {
				code = next;
			}}
			loadEngine={async () => {
				const {createWizardEngine} = await import('./wizard-engine.js');
				const created = createWizardEngine(globals);
				engine = created;
				return created;
			}}
		/>,
		{exitOnCtrlC: false},
	);
	if (process.env['POSTFIX_WIZARD_EXIT_AFTER_FIRST_FRAME'] === '1') {
		// For bench/first-frame.ts: the real first screen, then leave.
		app.unmount();
	}

	// A closed terminal or a kill: leave the way Ctrl-C does, so the sandbox is removed.
	const hangUp = () => {
		code = exitCode.failed;
		app.unmount();
	};

	process.once('SIGHUP', hangUp);
	process.once('SIGTERM', hangUp);
	try {
		await app.waitUntilExit();
	} finally {
		process.off('SIGHUP', hangUp);
		process.off('SIGTERM', hangUp);
		await engine?.dispose();
	}

	return code;
}
