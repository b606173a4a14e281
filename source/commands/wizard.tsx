import {paintFirstFrame} from '../ui/first-paint.js';
import {uiMessages} from '../ui/messages.js';
import {programName} from './invocation.js';
import {UsageError, exitCode} from '../errors.js';
import {inEveryLang} from '../i18n/lang.js';
import {interruptionOf} from '../interrupt.js';
import type {GlobalOptions} from './options.js';

/**
 * Ink, loaded so that the first frame does not pay for Node's fetch: yoga-layout (Ink's
 * layout engine) fetches its own WebAssembly from a data: URL whenever `fetch` exists,
 * which loads undici (tens of milliseconds); without it, it decodes the base64 itself.
 */
async function loadInkAndApp(): Promise<[typeof import('ink'), typeof import('../ui/App.js')]> {
	const saved = Object.getOwnPropertyDescriptor(globalThis, 'fetch');
	if (saved?.configurable) {
		Object.defineProperty(globalThis, 'fetch', {value: undefined, configurable: true, writable: true});
	}

	try {
		// Together: the screens' files are found and read while Ink's are compiled.
		return await Promise.all([import('ink'), import('../ui/App.js')]);
	} finally {
		if (saved?.configurable) {
			Object.defineProperty(globalThis, 'fetch', saved);
		}
	}
}

const bracketedPaste = {on: '\u001B[?2004h', off: '\u001B[?2004l'} as const;

/**
 * `postfix-wizard` with no command. The first frame is drawn before anything reads
 * Postfix: the engine (execa, the sandbox, SMTP) is imported behind the spinner.
 */
export async function runWizard(globals: GlobalOptions): Promise<number> {
	if (!process.stdin.isTTY || !process.stdout.isTTY || typeof process.stdin.setRawMode !== 'function') {
		throw new UsageError(inEveryLang(uiMessages, m => m.needsTty));
	}

	// The first screen at once; Ink, which takes about as long again to load, draws over it.
	const firstPaint = paintFirstFrame({lang: globals.lang, sandbox: globals.sandbox});
	let ink: Awaited<ReturnType<typeof loadInkAndApp>>;
	try {
		ink = await loadInkAndApp();
	} catch (error) {
		firstPaint?.erase();
		process.stdin.setRawMode(false);
		throw error;
	}

	const [{render}, {App}] = ink;
	firstPaint?.erase();
	let code: number = exitCode.ok;
	let farewell: string | undefined;
	let engine: {dispose(): Promise<void>} | undefined;
	const app = render(
		<App
			lang={globals.lang}
			sandboxMode={globals.sandbox}
			program={programName()}
			configDir={globals.configDir}
			interrupt={globals.interrupt}
			onExit={(next, words) => {
				code = next;
				farewell = words;
			}}
			loadEngine={async () => {
				const {createWizardEngine} = await import('./wizard-engine.js');
				engine = createWizardEngine(globals);
				return engine as Awaited<ReturnType<typeof createWizardEngine>>;
			}}
		/>,
		// Nothing writes to the console while the wizard is drawn; patching it costs a new Console at start.
		{exitOnCtrlC: false, patchConsole: false},
	);
	if (process.env['POSTFIX_WIZARD_EXIT_AFTER_FIRST_FRAME'] === '1') {
		// For bench/first-frame.ts: the real first screen, then leave before reading anything.
		app.unmount();
		return code;
	}

	// Bracketed paste: the terminal marks pasted text, so a pasted line ending is removed
	// from the value instead of pressing Enter (the key reader of the mended ink-text-input, patches/).
	process.stdout.write(bracketedPaste.on);
	// SIGINT, SIGTERM and SIGHUP (a closed terminal) take the same way out as Ctrl-C, which
	// the App handles in one place: nothing half-written, the sandbox removed. The signals
	// stay caught while the sandbox is removed: a second one must not cut that short.
	try {
		await app.waitUntilExit();
		await engine?.dispose();
		if (farewell) {
			process.stdout.write(`${farewell}\n`);
		}
	} finally {
		process.stdout.write(bracketedPaste.off);
	}

	return interruptionOf(globals.interrupt)?.exitCode ?? code;
}
