import {timeToOutput} from './bench/first-frame.js';
import {median} from './bench/stats.js';
const variants: Record<string, string[]> = JSON.parse(process.argv[2]!);
const env = {POSTFIX_WIZARD_EXIT_AFTER_FIRST_FRAME: '1'};
const out: Record<string, number[]> = {};
for (let r = 0; r < Number(process.argv[3] ?? 9); r++) for (const [k, argv] of Object.entries(variants)) (out[k] ??= []).push(await timeToOutput(argv, k === 'node' ? 'hello' : 'Preflight', env));
const {loadavg} = await import('node:os');
console.log(Object.entries(out).map(([k, v]) => `${k} ${median(v).toFixed(0)}`).join('  '), ' load', loadavg()[0].toFixed(2));
