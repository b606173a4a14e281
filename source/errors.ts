import {constants} from 'node:os';
import {type Lang, type Localized, untranslated} from './i18n/lang.js';

/** DESIGN.md's one table of exit codes, for every command. */
export const exitCode = {
	ok: 0,
	/** A precondition (Postfix or the SASL plugin missing) or a step failed; any write was rolled back. */
	failed: 1,
	/** Bad input or usage: nothing touched, no backup written. */
	usage: 2,
	/** Applied, but the test mail did not reach the relay. */
	mailNotDelivered: 3,
} as const;

export type ExitCode = number;

/** 128 + N, as a shell reports a process ended by signal N (130 Ctrl-C, 143 SIGTERM, 129 SIGHUP). */
export function signalExitCode(signal: NodeJS.Signals): ExitCode {
	return 128 + (constants.signals[signal] ?? 0);
}

/**
 * What state main.cf is in when a run ends early; every error says it, since that is
 * the first thing an administrator wants to know.
 */
export type MainCfState =
	/** Nothing was written (refused, or failed before the write). */
	| 'untouched'
	/** Written, then restored byte for byte. */
	| 'restored'
	/** Written and kept: the change is in force. */
	| 'applied'
	/** Written, and putting the old bytes back failed: the backup holds them. */
	| 'not-restored';

const stateSentence: Readonly<Record<MainCfState, Localized>> = {
	untouched: {en: 'main.cf was not changed.', zh: 'main.cf 未被更改。'},
	restored: {en: 'main.cf was restored byte for byte; the configuration is as it was.', zh: 'main.cf 已逐字节恢复，配置与之前完全相同。'},
	applied: {en: 'The change to main.cf is in force.', zh: 'main.cf 的更改已生效。'},
	'not-restored': {en: 'main.cf could NOT be restored: put the backup back with `postfix-wizard rollback`.', zh: 'main.cf 未能恢复：请用 `postfix-wizard rollback` 放回备份。'},
};

export function describeMainCfState(state: MainCfState, lang: Lang): string {
	return stateSentence[state][lang];
}

function localize(text: string | Localized): Localized {
	return typeof text === 'string' ? untranslated(text) : text;
}

export interface WizardErrorOptions {
	/** What to do about it, when the sentence alone does not say. */
	readonly hint?: string | Localized;
	readonly mainCf?: MainCfState;
	readonly cause?: unknown;
}

/**
 * The one family of errors the tool throws on purpose. Each carries the sentence the
 * user reads (in both languages), the state main.cf is in, and the exit code from
 * DESIGN.md's table; the top-level handler in cli.tsx prints exactly that, never a stack.
 * `message` is the English sentence, for logs and tests.
 */
export abstract class WizardError extends Error {
	abstract readonly exitCode: ExitCode;
	/** A word for `--json`'s status field ("usage", "failed", "interrupted"…). */
	abstract readonly status: string;
	readonly text: Localized;
	readonly hint: Localized | undefined;
	readonly mainCf: MainCfState;

	constructor(text: string | Localized, options: WizardErrorOptions = {}) {
		const localized = localize(text);
		super(localized.en, options.cause === undefined ? undefined : {cause: options.cause});
		this.name = new.target.name;
		this.text = localized;
		this.hint = options.hint === undefined ? undefined : localize(options.hint);
		this.mainCf = options.mainCf ?? 'untouched';
	}

	/** The same error, said of a main.cf in another state (e.g. a failure after applying). */
	inState(mainCf: MainCfState): this {
		return Object.assign(Object.create(Object.getPrototypeOf(this) as object) as this, this, {mainCf});
	}

	/** Lines shown under the sentence (e.g. one per refused value); none by default. */
	details(_lang: Lang): readonly string[] {
		return [];
	}

	/** Fields added to the `--json` error object. */
	jsonFields(_lang: Lang): Record<string, unknown> {
		return {};
	}
}

/** Bad input or usage (exit 2): refused before anything was touched. */
export class UsageError extends WizardError {
	readonly exitCode: ExitCode = exitCode.usage;
	readonly status: string = 'usage';
}

/** Something the run needs is not there or not free: Postfix, a plugin, the lock (exit 1). */
export class PreconditionError extends WizardError {
	readonly exitCode: ExitCode = exitCode.failed;
	readonly status: string = 'failed';
}

/** A step of the work failed (exit 1); `mainCf` says whether anything was written and undone. */
export class StepError extends WizardError {
	readonly exitCode: ExitCode = exitCode.failed;
	readonly status: string = 'failed';
}

/** Applied (or nothing to apply), but the test mail could not be handed over or followed (exit 3). */
export class MailNotDeliveredError extends WizardError {
	readonly exitCode: ExitCode = exitCode.mailNotDelivered;
	readonly status: string = 'mail-not-delivered';
}

/** A signal ended the run (exit 128 + N), after any write was finished or rolled back. */
export class InterruptedError extends WizardError {
	readonly exitCode: ExitCode;
	readonly status: string = 'interrupted';

	constructor(readonly signal: NodeJS.Signals, options: WizardErrorOptions = {}) {
		super({en: `Interrupted (${signal}).`, zh: `已中断（${signal}）。`}, options);
		this.exitCode = signalExitCode(signal);
	}
}

/** The variable that asks for the stack of an unexpected error. */
export const debugVariable = 'POSTFIX_WIZARD_DEBUG';

/** What the top-level handler prints and returns for anything thrown. */
export interface Failure {
	readonly exitCode: ExitCode;
	/** One or two sentences, then any details, ready to print on stderr. */
	readonly lines: readonly string[];
	/** The `--json` object: status, error, exitCode and the error's own fields. */
	readonly json: Record<string, unknown>;
}

/** A sentence ends with its stop, whatever the message it quotes ended with. */
function endSentence(text: string, lang: Lang): string {
	return /[.!?。！？：:]$/.test(text.trimEnd()) ? text.trimEnd() : `${text.trimEnd()}${lang === 'zh' ? '。' : '.'}`;
}

/** One sentence from a foreign error: its first line, without Node's "Error: " prefix. */
function firstLine(error: unknown): string {
	const text = error instanceof Error ? error.message : String(error);
	return (text.split('\n')[0] ?? '').replace(/^\w*Error: /, '').trim() || String(error);
}

/** A name that could not be resolved: the name is at fault, not a port or an address. */
const hostNotFound: Localized = {en: 'host not found (DNS)', zh: '找不到该主机（DNS）'};

/**
 * Operating-system failures in words, without Node's codes, and what to do where one
 * thing helps: the one table for files, processes and sockets alike.
 */
const systemReasons: Readonly<Record<string, Localized>> = {
	ENOENT: {en: 'no such file or directory', zh: '文件或目录不存在'},
	EACCES: {en: 'permission denied (run as root)', zh: '权限不足（请以 root 运行）'},
	EPERM: {en: 'operation not permitted (is the file immutable? `lsattr` shows it, `chattr -i` clears it)', zh: '不允许此操作（文件是否被设为不可变？`lsattr` 可查看，`chattr -i` 可清除）'},
	ENOSPC: {en: 'no space left on the device', zh: '设备上没有剩余空间'},
	EDQUOT: {en: 'disk quota exceeded', zh: '超出磁盘配额'},
	EROFS: {en: 'read-only file system', zh: '只读文件系统'},
	EISDIR: {en: 'is a directory', zh: '是一个目录'},
	ENOTDIR: {en: 'not a directory', zh: '不是目录'},
	ELOOP: {en: 'a symbolic link where none is allowed', zh: '此处不允许符号链接'},
	EEXIST: {en: 'already exists', zh: '已存在'},
	EIO: {en: 'input/output error', zh: '输入/输出错误'},
	EMFILE: {en: 'too many open files', zh: '打开的文件过多'},
	ECONNREFUSED: {en: 'connection refused', zh: '连接被拒绝'},
	ECONNRESET: {en: 'connection reset by the other side', zh: '连接被对方重置'},
	ENETUNREACH: {en: 'network unreachable', zh: '网络不可达'},
	EHOSTUNREACH: {en: 'network unreachable', zh: '网络不可达'},
	ENOTFOUND: hostNotFound,
	EAI_AGAIN: hostNotFound,
	EAI_NONAME: hostNotFound,
};

/** An error's operating-system code: its `code`, or one named in its message (`connect ECONNREFUSED …`). */
function systemCode(error: unknown): string | undefined {
	const code = (error as NodeJS.ErrnoException | undefined)?.code;
	if (typeof code === 'string' && code in systemReasons) {
		return code;
	}

	const message = (error as {message?: unknown} | undefined)?.message;
	const named = typeof message === 'string' ? /\b(E[A-Z_]{3,})\b/.exec(message)?.[1] : undefined;
	return named !== undefined && named in systemReasons ? named : undefined;
}

/** What an operating-system error (ENOSPC, EACCES, ECONNREFUSED…) means, in words; undefined for any other error. */
export function systemReason(error: unknown): Localized | undefined {
	const code = systemCode(error);
	return code === undefined ? undefined : systemReasons[code];
}

/** True when the error is a host name that could not be resolved (DNS), whatever else it says. */
export function isNameNotFound(error: unknown): boolean {
	return systemReason(error) === hostNotFound;
}

/** An operating-system error (ENOSPC, EACCES…) as words: "open /etc/postfix/main.cf: permission denied". */
export function systemErrorText(error: unknown): Localized | undefined {
	const reason = systemReason(error);
	if (!reason) {
		return undefined;
	}

	const {path, syscall} = error as NodeJS.ErrnoException;
	const where = [syscall, path].filter(Boolean).join(' ');
	return where ? {en: `${where}: ${reason.en}`, zh: `${where}：${reason.zh}`} : reason;
}

/**
 * Any error as a clause to end a sentence with, in both languages: a WizardError's own
 * sentence, an operating-system error in words, else the error's first line (a program's
 * own words, which it says in one language only).
 */
export function reasonOf(error: unknown): Localized {
	if (error instanceof WizardError) {
		return error.text;
	}

	const system = systemReason(error);
	if (system) {
		return system;
	}

	return untranslated(firstLine(error));
}

/** What a user can do when the state of main.cf cannot be told for sure. */
const checkMainCf: Localized = {
	en: 'Check main.cf: `postfix-wizard rollback --list` shows the backups, `postfix check` what Postfix thinks.',
	zh: '请检查 main.cf：`postfix-wizard rollback --list` 列出备份，`postfix check` 显示 Postfix 的检查结果。',
};

const unexpected: Localized = {
	en: 'Unexpected error: %s. This is a bug in postfix-wizard; rerun with POSTFIX_WIZARD_DEBUG=1 to see where it happened, and report it.',
	zh: '意外错误：%s。这是 postfix-wizard 的缺陷；设置 POSTFIX_WIZARD_DEBUG=1 重新运行可看到出错位置，请报告此问题。',
};

/**
 * Anything thrown, as the user reads it: a WizardError's own sentence plus the state
 * main.cf is in and what to do; anything else is a bug, said in one sentence with the way
 * to get its stack. Never a stack trace unless POSTFIX_WIZARD_DEBUG asks for one.
 */
export function describeFailure(error: unknown, lang: Lang, env: NodeJS.ProcessEnv = process.env): Failure {
	const debug = env[debugVariable] !== undefined && env[debugVariable] !== '' && env[debugVariable] !== '0';
	const stack = debug && error instanceof Error && error.stack ? [error.stack] : [];
	if (error instanceof WizardError) {
		const state = error instanceof UsageError && error.mainCf === 'untouched' ? undefined : describeMainCfState(error.mainCf, lang);
		const sentence = state === undefined ? error.text[lang] : `${endSentence(error.text[lang], lang)}${lang === 'zh' ? '' : ' '}${state}`;
		const lines = [sentence, ...error.details(lang), ...(error.hint ? [error.hint[lang]] : []), ...stack];
		return {
			exitCode: error.exitCode,
			lines,
			json: {status: error.status, error: error.text[lang], ...(error.hint ? {hint: error.hint[lang]} : {}), mainCf: error.mainCf, ...error.jsonFields(lang), exitCode: error.exitCode},
		};
	}

	const system = systemErrorText(error);
	if (system) {
		// Not a bug: the machine refused (full disk, permissions, immutable file).
		const sentence = {en: `Failed: ${system.en}.`, zh: `失败：${system.zh}。`}[lang];
		return {exitCode: exitCode.failed, lines: [sentence, checkMainCf[lang], ...stack], json: {status: 'failed', error: sentence, hint: checkMainCf[lang], exitCode: exitCode.failed}};
	}

	const sentence = unexpected[lang].replace('%s', firstLine(error));
	return {exitCode: exitCode.failed, lines: [sentence, ...stack], json: {status: 'error', error: sentence, exitCode: exitCode.failed}};
}
