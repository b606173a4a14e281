import {loadavg} from 'node:os';
import {benchApply} from './apply.js';
import {benchFirstFrame} from './first-frame.js';
import {benchLargeMainCf, benchMemory} from './memory.js';
import {benchTestMail} from './test-mail.js';

// `npm run bench`: the performance budget of DESIGN.md, each measured against its own floor
// in the same run, interleaved (these machines vary too much for absolute numbers). The load
// average is printed with each result: on a busy machine, run it again (`-- --repeat N`).
// `-- --only NAME` runs one group: frame, apply, login, test-mail, memory.
const argv = process.argv.slice(2);
const repeat = Number(argv[argv.indexOf('--repeat') + 1] ?? 1) || 1;
const only = argv.includes('--only') ? argv[argv.indexOf('--only') + 1] : undefined;
let failed = false;

function load(): string {
	const [one, five] = loadavg();
	return `load ${one!.toFixed(2)}/${five!.toFixed(2)}`;
}

function verdict(ratio: number, budget: number): string {
	const ok = ratio <= budget;
	failed ||= !ok;
	return `${ratio.toFixed(2)}x (budget ${budget}x) ${ok ? 'OK' : 'OVER BUDGET'}`;
}

const wanted = (name: string) => only === undefined || only === name;

for (let round = 1; round <= repeat; round++) {
	if (repeat > 1) {
		console.log(`-- round ${round} of ${repeat}`);
	}

	if (wanted('frame')) {
		const frame = await benchFirstFrame();
		console.log(`wizard first frame on a pty: ${frame.frameMs.toFixed(0)} ms vs node -e "console.log(…)" ${frame.nodeMs.toFixed(0)} ms, median of ${frame.runs}: ${verdict(frame.ratio, 2)}; Ink's own frame, drawn over it, at ${frame.inkFrameMs.toFixed(0)} ms (${(frame.inkFrameMs / frame.nodeMs).toFixed(2)}x) [${load()}]`);
	}

	if (wanted('apply')) {
		const apply = await benchApply();
		console.log(`apply, five settings: ${apply.applyMs.toFixed(0)} ms vs by hand (postconf -e + postfix check) ${apply.floorMs.toFixed(0)} ms, median of ${apply.runs}: ${verdict(apply.ratio, 1.15)} [${load()}]`);
	}

	if (wanted('login')) {
		const login = await benchApply(9, {login: true});
		console.log(`apply with a relay login: ${login.applyMs.toFixed(0)} ms vs by hand (postconf -e + sasl_passwd + postmap + postfix check) ${login.floorMs.toFixed(0)} ms, median of ${login.runs}: ${verdict(login.ratio, 1.15)} [${load()}]`);
	}

	if (wanted('test-mail')) {
		const mail = await benchTestMail();
		console.log(`apply --test-mail end to end: ${mail.toolMs.toFixed(0)} ms vs by hand (postconf -e, postfix check, stop + start, sendmail, log until status=sent) ${mail.handMs.toFixed(0)} ms, median of ${mail.runs}: ${verdict(mail.ratio, 1.2)} [${load()}]`);
	}

	if (wanted('memory')) {
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
		console.log(`peak memory of \`apply\` on a long-grown 100,000-line main.cf (${large.sizeMiB.toFixed(1)} MiB; tens of thousands of Postfix warnings per run): ${large.largeMiB.toFixed(1)} MiB, ${added.toFixed(1)} MiB above the same run on an ordinary one (${large.baselineMiB.toFixed(1)} MiB; budget 2x the file, ${(2 * large.sizeMiB).toFixed(1)} MiB) ${largeOk ? 'OK' : 'OVER BUDGET'} [${load()}]`);
	}
}

process.exitCode = failed ? 1 : 0;
