import {mailboxProblem, parseAddress} from '../settings/address.js';
import {problem, type SyntaxProblem} from '../settings/syntax.js';
import {alwaysMapped} from './virtual-map.js';

/**
 * The names of this machine itself: an address there reaches no mailbox on a null client.
 * myorigin is not one of them: it is usually the company's domain, whose mailboxes are real.
 */
export function machineNames(myhostname: string): string[] {
	return [...new Set([myhostname, 'localhost', 'localhost.localdomain'].map(name => name.trim().toLowerCase()).filter(name => name !== ''))];
}

/** The domains this machine's own mail is sent from: myorigin (bare senders get it) and the machine's names. */
export function ownDomains(origin: string, myhostname: string): string[] {
	return [...new Set([origin.trim().toLowerCase(), ...machineNames(myhostname)].filter(name => name !== ''))];
}

/** What an address is judged against: the domain myorigin resolves to (when known) and myhostname. */
export interface OwnNames {
	readonly origin: string | undefined;
	readonly myhostname: string;
}

/**
 * The one check of where root's mail (or a sender) points, shared by the wizard's step,
 * `--root-to`/`--send-as` and `verify`: an address at this machine's own names
 * (myhostname, localhost) comes back to a machine that delivers nothing locally, and
 * root@, postmaster@ or MAILER-DAEMON@ at myorigin is what the table would map to
 * itself, so the mail leaves unchanged as root@<myorigin>. Other mailboxes at myorigin
 * are the company's real ones and pass.
 */
export function ownAddressProblem(value: string, names: OwnNames): SyntaxProblem | undefined {
	const address = parseAddress(value);
	if (address === undefined) {
		return undefined;
	}

	const domain = address.domain.toLowerCase();
	const shown = value.trim();
	if (machineNames(names.myhostname).includes(domain)) {
		return problem(shown, `"${domain}" is this machine's own name (myhostname): mail there would loop back to this machine, which delivers nothing locally, and never reach a person; give an address on another machine, e.g. ops@example.com`, `“${domain}”是本机自己的名字（myhostname）：发往那里的邮件会绕回本机，而本机不做本地投递，永远到不了人手里；请填写其他机器上的地址，例如 ops@example.com`);
	}

	const origin = names.origin?.trim().toLowerCase();
	if (origin && domain === origin && (alwaysMapped as readonly string[]).includes(address.local.toLowerCase())) {
		return problem(shown, `${shown} is root's own address here (myorigin is ${origin}): the table would map it to itself, so root's mail would loop back and leave as root@${origin}, which nobody reads; give the address of a person, e.g. ops@${origin}`, `${shown} 就是本机 root 自己的地址（myorigin 为 ${origin}）：映射表会把它映射到自身，root 的邮件会绕回来并仍以 root@${origin} 发出，无人阅读；请填写某个人的地址，例如 ops@${origin}`);
	}

	return undefined;
}

/** An answer for root's mail: a mailbox elsewhere, and not at this machine's own names when they are known. */
export function rootAddressProblem(value: string, names: OwnNames | undefined): SyntaxProblem | undefined {
	return mailboxProblem(value) ?? (names === undefined ? undefined : ownAddressProblem(value, names));
}

/**
 * An answer for the sender: the same, except that any mailbox at myorigin is one: a relay
 * that verified the domain takes root@<myorigin> as it is (what the table maps to itself
 * matters for root's mail, not for a sender).
 */
export function senderAddressProblem(value: string, names: OwnNames | undefined): SyntaxProblem | undefined {
	return rootAddressProblem(value, names && {...names, origin: undefined});
}
