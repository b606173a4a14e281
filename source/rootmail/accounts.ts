/** An account of /etc/passwd, as far as mail cares: its name and uid. */
export interface Account {
	readonly name: string;
	readonly uid: number;
}

/** /etc/passwd lines `name:x:uid:gid:gecos:home:shell`; NIS `+`/`-` lines and broken ones are skipped. */
export function parsePasswd(text: string): Account[] {
	const accounts: Account[] = [];
	for (const line of text.split('\n')) {
		const fields = line.split(':');
		const name = fields[0]?.trim() ?? '';
		const uid = Number(fields[2]);
		if (fields.length >= 7 && name !== '' && !/^[+-]/.test(name) && Number.isInteger(uid) && uid >= 0) {
			accounts.push({name, uid});
		}
	}

	return accounts;
}

/** shadow-utils' default when login.defs says nothing: the first uid given to people. */
export const defaultUidMin = 1000;

/** UID_MIN from /etc/login.defs (`UID_MIN   1000`), or the default. */
export function uidMinFrom(loginDefs: string | undefined): number {
	const match = loginDefs?.match(/^[ \t]*UID_MIN[ \t]+(\d+)[ \t]*$/m);
	const value = match ? Number(match[1]) : Number.NaN;
	return Number.isInteger(value) && value > 0 ? value : defaultUidMin;
}

/**
 * Accounts of services and the system (uid below UID_MIN), root included, folded to
 * lowercase as alias and virtual lookups are. `nobody` (65534) is above UID_MIN but is
 * no person either.
 */
export function systemAccounts(accounts: readonly Account[], uidMin: number): Set<string> {
	const names = new Set(['root']);
	for (const account of accounts) {
		if (account.uid < uidMin || account.name === 'nobody') {
			names.add(account.name.toLowerCase());
		}
	}

	return names;
}
