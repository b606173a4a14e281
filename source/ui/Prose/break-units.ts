// Pure, without Ink: the wizard's first paint (source/ui/first-paint.ts) lays out prose before Ink loads.

/** Han, kana, Hangul, CJK and full-width punctuation: a Chinese line may break between any two. */
const cjk = /[\u2E80-\u303F\u3040-\u9FFF\uAC00-\uD7AF\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFFEF]/u;
/** Punctuation that never starts a line (it sticks to what precedes it). */
const closing = /^[，。、；：？！）》」』】〉”’…—,.;:?!)\]}%]/u;
/** Punctuation that never ends a line (it sticks to what follows it). */
const opening = /[（《「『【〈“‘([{]$/u;

/**
 * Where a line may break: after a CJK character, or after a run of other characters and the
 * blanks that follow it (a word, a path, `main.cf`). Each unit keeps its trailing blanks, so
 * a line never starts with one; closing punctuation joins the unit before it, opening
 * punctuation the unit after it.
 */
export function breakUnits(text: string): string[] {
	const units: string[] = [];
	const pattern = /\s+|[^\s]/gu;
	let word = '';
	const flush = () => {
		if (word !== '') {
			units.push(word);
			word = '';
		}
	};

	for (const [piece] of text.matchAll(pattern)) {
		if (/^\s/u.test(piece)) {
			if (word === '' && units.length > 0) {
				units[units.length - 1] += piece;
			} else {
				word += piece;
				flush();
			}
		} else if (cjk.test(piece)) {
			flush();
			units.push(piece);
		} else {
			word += piece;
		}
	}

	flush();
	const glued: string[] = [];
	for (const unit of units) {
		const previous = glued.at(-1);
		if (previous !== undefined && (closing.test(unit) || opening.test(previous.trimEnd()) || /^\s+$/u.test(previous))) {
			glued[glued.length - 1] = previous + unit;
		} else {
			glued.push(unit);
		}
	}

	return glued;
}
