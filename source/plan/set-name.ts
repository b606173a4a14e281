import path from 'node:path';
import type {Lang} from '../i18n/lang.js';

/** Beyond this many files beside main.cf, a title counts them instead of naming each. */
const namedAtMost = 3;

/**
 * The files one change writes, as a title or a step names them: main.cf alone, or the set
 * ("main.cf, sasl_passwd and sasl_passwd.db"), so nobody reads "Write main.cf" while a
 * password map is written too. `mainCf` is shown as given (a full path in a title); the
 * files beside it by their names.
 */
export function nameSet(mainCf: string, beside: readonly string[], lang: Lang): string {
	const names = [...new Set(beside.map(file => path.basename(file)))];
	if (names.length === 0) {
		return mainCf;
	}

	if (names.length > namedAtMost) {
		return lang === 'zh' ? `${mainCf} 及另外 ${names.length} 个文件` : `${mainCf} and ${names.length} other files`;
	}

	const all = [mainCf, ...names];
	const last = all.pop()!;
	return lang === 'zh' ? `${all.join('、')} 和 ${last}` : `${all.join(', ')} and ${last}`;
}
