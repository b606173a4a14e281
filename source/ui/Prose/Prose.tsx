import {Box, Text, type TextProps} from 'ink';

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

export interface ProseProps {
	readonly children: string;
	readonly color?: TextProps['color'];
	readonly bold?: boolean;
}

/**
 * A paragraph that wraps as its language does. Ink breaks lines at blanks only, so Chinese,
 * which has none, jumped whole to the next line after each English word in it (`把 Postfix`
 * then a line break); and a blank that fell on the last column began the next line. Here
 * every unit a line may break after, with its trailing blanks, is laid out in a wrapping row.
 */
export function Prose({children, color, bold}: ProseProps) {
	return (
		<Box flexDirection="column">
			{children.split('\n').map((line, index) => (line === ''
				// eslint-disable-next-line react/no-array-index-key -- lines of one fixed text
				? <Text key={index}> </Text>
				// eslint-disable-next-line react/no-array-index-key -- lines of one fixed text
				: <Box key={index} flexDirection="row" flexWrap="wrap">
					{breakUnits(line).map((unit, position) => (
						// eslint-disable-next-line react/no-array-index-key -- units of one fixed line
						<Text key={position} color={color} bold={bold}>{unit}</Text>
					))}
				</Box>
			))}
		</Box>
	);
}
