import assert from 'node:assert/strict';
import {mkdtemp, rm, writeFile} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {pathToFileURL} from 'node:url';
import {test} from 'node:test';
import {build} from 'esbuild';
import {projectRoot} from '../helpers/cli.js';
import {readFile} from 'node:fs/promises';
// @ts-expect-error: a plain .mjs build script, without types
import {addFastPath, buildLazily, unicodeFastPaths} from '../../scripts/unicode-fast-paths.mjs';

type Width = (text: string, options?: {ambiguousIsNarrow?: boolean}) => number;

const copies = {
	ink: path.join(projectRoot, 'node_modules', 'string-width', 'index.js'),
	wrapAnsi: path.join(projectRoot, 'node_modules', 'wrap-ansi', 'node_modules', 'string-width', 'index.js'),
};

/** What terminals show, in the wizard's two languages and beyond: the fast path and the library must agree on all of it. */
const corpus = [
	'', 'plain ascii', 'postfix-wizard · Preflight', '⠋ Reading Postfix\'s configuration…', '✔ relayhost: [smtp.example.com]:587',
	'步骤 1/8 · relayhost：智能主机（中继）', '全角：，。！？（）', 'ｈａｌｆ　ｗｉｄｔｈ ﾊﾟﾋﾟ', '─┬─│╭╮╰╯', '→ ← ↑ ↓ ▶ ● ○ ■',
	'naïve café', 'e\u0301', 'x\u200Dy', 'tab\tand\nnewline', '\u001B[31mred\u001B[39m', '👍🏽 ok', '🇨🇳', '❤️', '©®™', '한국어 ᄀᄀ가', 'ภาษาไทย น้ำ', 'कि', 'العربية', '\u00AD soft', '\uFEFFbom',
	'Ω≈ç√∫', '¼½¾', '“quoted” ‘single’', '\u2028', 'a\uFE0F', '１２３',
];

test('the fast path gives string-width\'s own widths, in both copies Ink uses', async () => {
	const dir = await mkdtemp(path.join(os.tmpdir(), 'pfw-width-'));
	try {
		const entry = path.join(dir, 'entry.mjs');
		await writeFile(entry, `export {default as ink} from ${JSON.stringify(copies.ink)};\nexport {default as wrapAnsi} from ${JSON.stringify(copies.wrapAnsi)};\n`);
		const outfile = path.join(dir, 'patched.mjs');
		await build({entryPoints: [entry], outfile, bundle: true, platform: 'node', format: 'esm', plugins: [unicodeFastPaths], logLevel: 'error', absWorkingDir: projectRoot});
		const patched = await import(pathToFileURL(outfile).href) as Record<keyof typeof copies, Width>;
		for (const copy of Object.keys(copies) as Array<keyof typeof copies>) {
			const original = (await import(pathToFileURL(copies[copy]).href) as {default: Width}).default;
			for (const text of corpus) {
				for (const options of [{}, {ambiguousIsNarrow: false}]) {
					assert.equal(patched[copy](text, options), original(text, options), `${copy}: ${JSON.stringify(text)} ${JSON.stringify(options)}`);
				}
			}

			// Every character of the BMP between two letters, and pairs of neighbours: where the
			// fast path applies, it must agree; where it does not, the library answers anyway.
			for (let code = 0x20; code <= 0xFFFF; code++) {
				if (code >= 0xD800 && code <= 0xDFFF) {
					continue;
				}

				const one = `a${String.fromCodePoint(code)}b`;
				const two = `${String.fromCodePoint(code)}${String.fromCodePoint(0x20 + ((code * 7919) % 0xD7E0))}`;
				for (const text of [one, two]) {
					if (patched[copy](text) !== original(text)) {
						assert.fail(`${copy}: U+${code.toString(16).toUpperCase()} in ${JSON.stringify(text)}: ${patched[copy](text)} instead of ${original(text)}`);
					}
				}
			}
		}
	} finally {
		await rm(dir, {recursive: true, force: true});
	}
});

test('neither copy builds its segmenter or a Unicode-property regex while Ink loads', async () => {
	for (const file of Object.values(copies)) {
		const original = await readFile(file, 'utf8');
		assert.match(original, /^const segmenter = new Intl\.Segmenter\(\);$/m, 'the library still builds it at load: the test would prove nothing otherwise');
		const patched = (buildLazily as (source: string, file: string) => string)((addFastPath as (source: string) => string)(original), file);
		assert.doesNotMatch(patched, /^const \w+ = (new Intl\.Segmenter|\/.*\\p\{)/m, file);
		assert.match(patched, /segmenterBuilt \?\?= new Intl\.Segmenter\(\)/, file);
	}
});

type Tokenize = (text: string, endChar?: number) => unknown[];

test('Ink\'s tokenizer gives its own tokens with the fast path, escape sequences included', async () => {
	const dir = await mkdtemp(path.join(os.tmpdir(), 'pfw-tokenize-'));
	const library = path.join(projectRoot, 'node_modules', '@alcalzone', 'ansi-tokenize', 'build', 'tokenize.js');
	try {
		const entry = path.join(dir, 'entry.mjs');
		await writeFile(entry, `export {tokenize} from ${JSON.stringify(library)};\n`);
		const outfile = path.join(dir, 'patched.mjs');
		await build({entryPoints: [entry], outfile, bundle: true, platform: 'node', format: 'esm', plugins: [unicodeFastPaths], logLevel: 'error', absWorkingDir: projectRoot});
		const patched = (await import(pathToFileURL(outfile).href) as {tokenize: Tokenize}).tokenize;
		const original = (await import(pathToFileURL(library).href) as {tokenize: Tokenize}).tokenize;
		assert.match(await readFile(outfile, 'utf8'), /graphemesOf/, 'the fast path is in the bundle');
		const styled = corpus.flatMap(text => [text, `\u001B[1m\u001B[36m${text}\u001B[39m\u001B[22m`, `\u001B]8;;https://example.org\u0007${text}\u001B]8;;\u0007`, `${text}\r\n${text}\r`]);
		for (const text of styled) {
			for (const endChar of [undefined, 3]) {
				assert.deepEqual(patched(text, endChar), original(text, endChar), JSON.stringify(text));
			}
		}

		for (let code = 0x01; code <= 0xFFFF; code++) {
			if (code >= 0xD800 && code <= 0xDFFF) {
				continue;
			}

			const text = `a${String.fromCodePoint(code)}b\u001B[31m${String.fromCodePoint(code)}\u001B[39m`;
			assert.deepEqual(patched(text), original(text), `U+${code.toString(16).toUpperCase()}`);
		}
	} finally {
		await rm(dir, {recursive: true, force: true});
	}
});
