// Ink measures and tokenizes every piece of text it draws. The libraries it uses for that build
// a grapheme segmenter (ICU's break iterator: ~40 ms to start here) and Unicode-property
// regexes (\p{RGI_Emoji} under the v flag alone ~20 ms) when they load, and use them for every
// string with a non-ASCII character, which the wizard's first frame always has (its spinner,
// "·", "…", Chinese). When every code point of a string is a grapheme of its own, the answers
// need neither: the build adds that as a fast path, makes the heavy objects lazy, and anything
// else still takes the library's own way.
import {readFile} from 'node:fs/promises';

/**
 * Code points that may join a neighbour into one grapheme (marks, joiners, prepend and Hangul
 * jamo, regional indicators, anything outside the BMP), or whose width string-width decides
 * otherwise (controls, format characters, unassigned, emoji).
 */
const clusterProne = String.raw`\p{M}\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Default_Ignorable_Code_Point}\p{Extended_Pictographic}\p{Regional_Indicator}\u0600-\u0605\u06DD\u070F\u0890\u0891\u08E2\u0D4E\u0E33\u0EB3\u1100-\u11FF\uA960-\uA97F\uD7B0-\uD7FF\uFF9E\uFF9F\u{10000}-\u{10FFFF}`;

/**
 * For graphemes alone, controls are no obstacle: each is a grapheme of its own (Unicode's GB4
 * and GB5), except CR followed by LF. Escape sequences, which the tokenizer reads, stay fast.
 */
const joinProne = `${clusterProne.replace(String.raw`\p{Cc}`, '')}\\r`;

function refuse(file, what) {
	return new Error(`${file}: ${what}; this build knows another version (update scripts/unicode-fast-paths.mjs)`);
}

const stringWidthAnchor = '\tlet width = 0;\n\tconst eastAsianWidthOptions = {ambiguousAsWide: !ambiguousIsNarrow};\n';

/** string-width's source with the fast path: the sum of the East Asian widths of its code points. */
export function addFastPath(source, file = 'string-width/index.js') {
	if (!source.includes(stringWidthAnchor) || !source.includes("import {eastAsianWidth} from 'get-east-asian-width';")) {
		throw refuse(file, 'not the string-width this build knows how to speed up');
	}

	const fastPath = [
		`\tif (/^[^${clusterProne}]*$/u.test(string)) {`,
		'\t\tfor (const character of string) {',
		'\t\t\twidth += eastAsianWidth(character.codePointAt(0), eastAsianWidthOptions);',
		'\t\t}',
		'',
		'\t\treturn width;',
		'\t}',
		'',
	].join('\n');
	return source.replace(stringWidthAnchor, `${stringWidthAnchor}\n${fastPath}`);
}

const tokenizeLoop = 'for (const { segment, index } of segmenter.segment(str)) {';

/** @alcalzone/ansi-tokenize (Ink's output) iterating code points where each is a grapheme. */
export function addTokenizeFastPath(source, file = '@alcalzone/ansi-tokenize/build/tokenize.js') {
	if (source.split(tokenizeLoop).length !== 2) {
		throw refuse(file, 'not the tokenizer this build knows how to speed up');
	}

	const graphemes = [
		'function* codePointsAt(str) {',
		'    let index = 0;',
		'    for (const segment of str) {',
		'        yield { segment, index };',
		'        index += segment.length;',
		'    }',
		'}',
		`const graphemesOf = (str) => /^[^${joinProne}]*$/u.test(str) ? codePointsAt(str) : segmenter.segment(str);`,
		'',
	].join('\n');
	return `${source}\n${graphemes}`.replace(tokenizeLoop, 'for (const { segment, index } of graphemesOf(str)) {');
}

/** A top-level segmenter or \p{…} regex, built when the module loads. */
const heavyTopLevel = /^const (\w+) = (new Intl\.Segmenter\([^)]*\)|\/.*\\p\{.*\/[gimsuyv]*);$/gm;

/** The source with its heavy top-level constants built on first use; throws when it has none (a changed source). */
export function buildLazily(source, file) {
	const names = [];
	let lazy = source.replace(heavyTopLevel, (_line, name, value) => {
		names.push(name);
		return `let ${name}Built;\nconst ${name}Lazy = () => (${name}Built ??= ${value});`;
	});
	if (!names.some(name => /segmenter/i.test(name))) {
		throw refuse(file, 'no top-level segmenter to build lazily');
	}

	for (const name of names) {
		// Every other use of the name, outside the declaration just written.
		lazy = lazy.replace(new RegExp(`(?<![\\w.])${name}(?![\\w(]|Built|Lazy)`, 'g'), `${name}Lazy()`);
	}

	return lazy;
}

/** Which files get which changes: every copy of string-width, Ink's tokenizer, slice-ansi's. */
const changes = [
	{filter: /[\\/]string-width[\\/]index\.js$/, change: (source, file) => buildLazily(addFastPath(source, file), file)},
	{filter: /[\\/]@alcalzone[\\/]ansi-tokenize[\\/]build[\\/]tokenize\.js$/, change: (source, file) => buildLazily(addTokenizeFastPath(source, file), file)},
	{filter: /[\\/]slice-ansi[\\/]tokenize-ansi\.js$/, change: (source, file) => buildLazily(source, file)},
];

/** The esbuild plugin. */
export const unicodeFastPaths = {
	name: 'unicode-fast-paths',
	setup(build) {
		for (const {filter, change} of changes) {
			build.onLoad({filter}, async args => ({contents: change(await readFile(args.path, 'utf8'), args.path), loader: 'js'}));
		}
	},
};
