import {UsageError} from '../errors.js';
import {addressProblem} from '../settings/address.js';

// Apart from the test mail itself: `apply` checks --test-mail's address before anything runs,
// without loading the tracking (log follower, queue watch, explanations) it may never use.

/** A test-mail recipient that is not one plain address (exit 2). */
export class BadAddressError extends UsageError {}

/** A local name as cron writes it (`root`, `postmaster`): Postfix qualifies it with @$myorigin. */
const localName = /^[a-z\d_][a-z\d._-]*$/i;

/**
 * One recipient as sendmail takes it on its command line: an address, or a bare local
 * name such as `root`, which follows the path cron's mail takes (virtual_alias_maps).
 */
export function checkRecipient(address: string): string {
	const trimmed = address.trim();
	if (localName.test(trimmed) || addressProblem(trimmed) === undefined) {
		return trimmed;
	}

	throw new BadAddressError({
		en: `"${address}" is not an e-mail address like ops@example.com (or a local name such as root)`,
		zh: `“${address}”不是 ops@example.com 这样的电子邮件地址（也不是 root 这样的本地用户名）`,
	});
}
