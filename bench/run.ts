import {existsSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {benchApply} from './apply.js';
import {benchLargeMainCf, benchMemory} from './memory.js';

// `npm run bench`: the performance budget of DESIGN.md, measured against its own floor
// in the same run (these machines vary too much for absolute numbers).
const here = path.dirname(fileURLToPath(import.meta.url));
let failed = false;

const apply = await benchApply();
const applyOk = apply.ratio <= 1.15;
failed ||= !applyOk;
console.log(`apply, five settings: ${apply.applyMs.toFixed(0)} ms vs floor (postconf -e + postfix check) ${apply.floorMs.toFixed(0)} ms`);
console.log(`  median ratio ${apply.ratio.toFixed(2)}x over ${apply.runs} runs (budget 1.15x) ${applyOk ? 'OK' : 'OVER BUDGET'}`);

const login = await benchApply(9, {login: true});
const loginOk = login.ratio <= 1.15;
failed ||= !loginOk;
console.log(`apply with a relay login: ${login.applyMs.toFixed(0)} ms vs floor (postconf -e + sasl_passwd + postmap + postfix check) ${login.floorMs.toFixed(0)} ms`);
console.log(`  median ratio ${login.ratio.toFixed(2)}x over ${login.runs} runs (budget 1.15x) ${loginOk ? 'OK' : 'OVER BUDGET'}`);

if (existsSync(path.join(here, 'first-frame.ts'))) {
	const {benchFirstFrame} = await import('./first-frame.js');
	const frame = await benchFirstFrame();
	const frameOk = frame.ratio <= 2;
	failed ||= !frameOk;
	console.log(`wizard first frame ${frame.frameMs.toFixed(0)} ms vs empty node ${frame.nodeMs.toFixed(0)} ms: median ratio ${frame.ratio.toFixed(2)}x (budget 2x) ${frameOk ? 'OK' : 'OVER BUDGET'}`);
}

const memory = await benchMemory();
for (const [run, mib] of Object.entries(memory)) {
	const ok = mib <= 70;
	failed ||= !ok;
	console.log(`peak memory of ${run}: ${mib.toFixed(1)} MiB (budget 70 MiB) ${ok ? 'OK' : 'OVER BUDGET'}`);
}

const large = await benchLargeMainCf();
const added = large.largeMiB - large.baselineMiB;
const largeOk = added <= 2 * large.sizeMiB;
failed ||= !largeOk;
console.log(`peak memory of \`apply\` on a 100,000-line main.cf (${large.sizeMiB.toFixed(1)} MiB): ${large.largeMiB.toFixed(1)} MiB, ${added.toFixed(1)} MiB above the same run on an ordinary one (budget 2x the file, ${(2 * large.sizeMiB).toFixed(1)} MiB) ${largeOk ? 'OK' : 'OVER BUDGET'}`);

process.exitCode = failed ? 1 : 0;
