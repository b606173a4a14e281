/**
 * Mailbox names a company uses for people, not machines (RFC 2142 and common practice).
 * A bare virtual key matches name@$myorigin, so mapping one of these would capture the
 * mail this machine sends to the company's real info@ or sales@ mailbox.
 */
export const roleAddresses: ReadonlySet<string> = new Set([
	// RFC 2142
	'info', 'marketing', 'sales', 'support', 'abuse', 'noc', 'security', 'hostmaster', 'usenet', 'news', 'webmaster', 'www', 'uucp', 'ftp',
	// Common role mailboxes
	'admin', 'administrator', 'billing', 'contact', 'help', 'helpdesk', 'hr', 'jobs', 'legal', 'office', 'privacy', 'press', 'team', 'careers', 'compliance',
]);

export function isRoleAddress(name: string): boolean {
	return roleAddresses.has(name.toLowerCase());
}
