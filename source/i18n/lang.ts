import type {Lang, Localized} from '../settings/types.js';

export type {Lang, Localized} from '../settings/types.js';

/**
 * A text that reads the same in every language: a name, a path, or a program's own words
 * (Postfix and Node say theirs in English only).
 */
export function untranslated(text: string): Localized {
	return {en: text, zh: text};
}

/** `--lang` wins; otherwise LC_ALL, LC_MESSAGES, then LANG, as gettext reads them. */
export function detectLang(explicit: string | undefined, env: NodeJS.ProcessEnv = process.env): Lang {
	if (explicit === 'en' || explicit === 'zh') {
		return explicit;
	}

	const locale = env['LC_ALL'] || env['LC_MESSAGES'] || env['LANG'] || '';
	return locale.toLowerCase().startsWith('zh') ? 'zh' : 'en';
}

export function isLang(value: string): value is Lang {
	return value === 'en' || value === 'zh';
}

/**
 * A message table per language; every language must have every key, which the
 * type checker enforces by typing zh as `typeof en`.
 */
export type Messages<T> = Readonly<Record<Lang, T>>;

/** One message in every language, e.g. for an error that carries its sentence in both. */
export function inEveryLang<T>(messages: Messages<T>, pick: (m: T) => string): Readonly<Record<Lang, string>> {
	return {en: pick(messages.en), zh: pick(messages.zh)};
}
