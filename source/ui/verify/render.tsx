import {render} from 'ink';
import type {Lang} from '../../i18n/lang.js';
import type {CheckResult, VerifyReport} from '../../verify/checks.js';
import type {TrackEvent} from '../../verify/types.js';
import {VerifyView, type VerifyState} from './VerifyView.js';

type Handlers = {onCheck: (check: CheckResult) => void; onMailEvent: (event: TrackEvent) => void};

/** Renders the checklist live while `run` works, and leaves the final frame on screen. */
export async function renderVerify(run: (handlers: Handlers) => Promise<VerifyReport>, lang: Lang): Promise<VerifyReport> {
	let state: VerifyState = {checks: [], mail: [], done: undefined};
	const app = render(<VerifyView state={state} lang={lang} />, {exitOnCtrlC: false});
	const update = (next: VerifyState) => {
		state = next;
		app.rerender(<VerifyView state={state} lang={lang} />);
	};

	try {
		const report = await run({
			onCheck: check => update({...state, checks: [...state.checks, check]}),
			onMailEvent: event => update({...state, mail: [...state.mail, event]}),
		});
		update({...state, done: report});
		return report;
	} finally {
		app.unmount();
		await app.waitUntilExit();
	}
}
