// Ink measures every piece of text with string-width. For anything but printable ASCII that
// goes through a grapheme segmenter and an emoji regex (\p{RGI_Emoji}), whose compilation
// alone costs tens of milliseconds the first time a non-ASCII character shows up, which the
// wizard's first frame always has (its spinner, "·", "…"). When every code point of a string is
// a grapheme of its own and none is an emoji, a combining or zero-width mark, a control, Hangul
// jamo, or outside the BMP, string-width's answer is the sum of the East Asian widths of its
// code points: the build adds that as a fast path, and anything else takes the library's way.
import {readFile} from 'node:fs/promises';

/** Code points that may join a neighbour into one grapheme, or whose width string-width decides otherwise. */
const clusterProne = String.raw`\p{M}\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Default_Ignorable_Code_Point}\p{Extended_Pictographic}\p{Regional_Indicator}\u0600-\u0605\u06DD\u070F\u0890\u0891\u08E2\u0D4E\u0E33\u0EB3\u1100-\u11FF\uA960-\uA97F\uD7B0-\uD7FF\uFF9E\uFF9F\u{10000}-\u{10FFFF}`;

const anchor = '\tlet width = 0;\n\tconst eastAsianWidthOptions = {ambiguousAsWide: !ambiguousIsNarrow};\n';

/** string-width's source with the fast path; throws when the source no longer has the expected shape. */
export function addFastPath(source, file = 'string-width/index.js') {
	if (!source.includes(anchor) || !source.includes("import {eastAsianWidth} from 'get-east-asian-width';")) {
		throw new Error(`${file}: not the string-width this build knows how to speed up; update scripts/string-width-fast-path.mjs`);
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
	return source.replace(anchor, `${anchor}\n${fastPath}`);
}

/**
 * string-width builds its segmenter and its Unicode-property regexes when the module loads:
 * `\p{RGI_Emoji}` under the v flag alone took about 20 ms, all of them 40-60 ms of Ink's
 * start, before any text is measured. Each becomes a getter that builds it on first use.
 */
const heavyTopLevel = /^const (\w+) = (new Intl\.Segmenter\(\)|\/.*\\p\{.*\/[gimsuyv]*);$/gm;

/** The source with its heavy top-level constants built on first use; throws when it has none (a changed source). */
export function buildLazily(source, file = 'string-width/index.js') {
	const names = [];
	let lazy = source.replace(heavyTopLevel, (_line, name, value) => {
		names.push(name);
		return `let ${name}Built;\nconst ${name}Lazy = () => (${name}Built ??= ${value});`;
	});
	if (!names.some(name => name === 'segmenter')) {
		throw new Error(`${file}: no top-level segmenter to build lazily; update scripts/string-width-fast-path.mjs`);
	}

	for (const name of names) {
		// Every other use of the name, outside the declaration just written.
		lazy = lazy.replace(new RegExp(`(?<![\\w.])${name}(?![\\w(]|Built|Lazy)`, 'g'), `${name}Lazy()`);
	}

	return lazy;
}

/** The esbuild plugin: every copy of string-width in the bundle gets the fast path and lazy start-up. */
export const stringWidthFastPath = {
	name: 'string-width-fast-path',
	setup(build) {
		build.onLoad({filter: /[\\/]string-width[\\/]index\.js$/}, async args => ({
			contents: buildLazily(addFastPath(await readFile(args.path, 'utf8'), args.path), args.path),
			loader: 'js',
		}));
	},
};
