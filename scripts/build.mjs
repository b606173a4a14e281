// Bundles cli.tsx and everything it imports with esbuild into dist/cli.js and its chunks:
// bundled code parses far faster than node_modules (first frame 0.8 s -> 0.17 s here).
// `--if-stale` skips the build when dist/cli.js is newer than every source file.
import {build} from 'esbuild';
import {chmodSync, existsSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {unicodeFastPaths} from './unicode-fast-paths.mjs';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const outfile = path.join(root, 'dist', 'cli.js');

function newestSource(dir) {
	let newest = 0;
	for (const entry of readdirSync(dir, {withFileTypes: true})) {
		const file = path.join(dir, entry.name);
		newest = Math.max(newest, entry.isDirectory() ? newestSource(file) : statSync(file).mtimeMs);
	}

	return newest;
}

function isStale() {
	if (!existsSync(outfile)) {
		return true;
	}

	const built = statSync(outfile).mtimeMs;
	const inputs = [
		statSync(path.join(root, 'cli.tsx')).mtimeMs,
		statSync(path.join(root, 'package.json')).mtimeMs,
		newestSource(path.join(root, 'source')),
		// A changed patch changes what node_modules holds (npm ci applies patches/).
		newestSource(path.join(root, 'patches')),
		statSync(path.join(root, 'scripts', 'unicode-fast-paths.mjs')).mtimeMs,
	];
	return inputs.some(time => time > built);
}

if (process.argv.includes('--if-stale') && !isStale()) {
	process.exit(0);
}

// Split at the dynamic imports: the wizard's first frame parses Ink and the screens,
// not the SMTP libraries or the engine, which load behind its spinner.
rmSync(path.join(root, 'dist'), {recursive: true, force: true});
await build({
	entryPoints: [path.join(root, 'cli.tsx')],
	outdir: path.dirname(outfile),
	entryNames: '[name]',
	chunkNames: 'chunks/[name]-[hash]',
	splitting: true,
	bundle: true,
	platform: 'node',
	format: 'esm',
	target: 'node20',
	minify: true,
	legalComments: 'none',
	jsx: 'automatic',
	define: {'process.env.NODE_ENV': '"production"'},
	// Ink imports react-devtools-core only when DEV is set; never ship it.
	alias: {'react-devtools-core': path.join(root, 'scripts', 'empty-module.js')},
	// Text measured and tokenized without ICU's segmenter or emoji regexes when it needs none (first frame: ~60 ms).
	plugins: [unicodeFastPaths],
	banner: {js: '#!/usr/bin/env node'},
	logLevel: 'warning',
});
chmodSync(outfile, 0o755);
giveRequire(path.dirname(outfile));

/**
 * The bundled CommonJS packages reach Node's `require` through esbuild's shim, which names
 * it as a free variable; ESM has none. Only the chunks that name it get one:
 * `createRequire` costs a fraction of a millisecond per chunk, and `apply` loads some
 * seventy chunks before main.cf is staged (~25 ms here when every chunk made its own).
 */
function giveRequire(dir) {
	const lines = [
		"import {createRequire as __pfwCreateRequire} from 'node:module';",
		'const require = __pfwCreateRequire(import.meta.url);',
	];
	// dist/cli.js and dist/chunks/*.js (listed by hand: a recursive readdir needs Node 20.1).
	const files = [dir, path.join(dir, 'chunks')].flatMap(folder => readdirSync(folder).filter(name => name.endsWith('.js')).map(name => path.join(folder, name)));
	for (const file of files) {
		const code = readFileSync(file, 'utf8');
		// A free `require`: not a property (`.require`), not part of a word ("required"). A
		// `require` inside a string also matches, which only keeps a harmless definition.
		if (/(?<![\w$.])require(?![\w$])/.test(code)) {
			const [shebang, ...rest] = code.split('\n');
			writeFileSync(file, [shebang, ...lines, ...rest].join('\n'));
		}
	}
}
