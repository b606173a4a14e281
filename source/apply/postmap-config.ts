import {constants} from 'node:fs';
import {canAccess} from '../postfix/locate.js';
import type {Change} from '../plan/types.js';

/**
 * Parameters postmap never reads while building a table whose type it is given: the SMTP
 * client's (smtp_*), where mail goes and who may relay, and the lookup tables other daemons
 * consult. postmap reads main.cf for the rest (default_database_type, lmdb_map_size,
 * berkeley_db_*, meta_directory and shlib_directory for dynamic maps, smtputf8_enable…).
 */
const unreadByPostmap = /^(?:smtp_\w+|relayhost|mynetworks|mydestination|virtual_alias_maps|sender_canonical_maps)$/;

/** Whether Postfix, running as root, can read this file now. */
type Readable = (file: string) => boolean;

/**
 * Parameters every Postfix program checks when it starts, postmap too, each with the values
 * that cannot fail that check. Any other value in force may stop postmap where the staged
 * one, which replaces it, would not: Debian's `myorigin = /etc/mailname` without that file
 * (the file a myorigin names is read at start), an inet_interfaces address this host no longer
 * has, or a name that no longer resolves.
 */
const checkedAtStart: Readonly<Record<string, (value: string, readable: Readable) => boolean>> = {
	// One name, or a file there to read (Debian's /etc/mailname, nearly always there); a
	// parameter other than these two may name a file.
	myorigin: (value, readable) => /^(?:[^\s$/]+|\$[{(]?(?:myhostname|mydomain)[})]?)$/.test(value) || (/^\/\S+$/.test(value) && readable(value)),
	inet_interfaces: value => /^(?:all|loopback-only)$/.test(value),
	inet_protocols: value => /^(?:all|ipv4)$/.test(value),
};

/** The change may make postmap's run differ: postmap reads the value, or may fail on the one in force. */
function readByPostmap(change: Change, readable: Readable): boolean {
	const safe = checkedAtStart[change.name];
	return safe ? !safe(change.from.trim(), readable) : !unreadByPostmap.test(change.name);
}

/**
 * Which main.cf postmap must read when the plan's maps are built on staging copies: the
 * staged one when the plan changes anything postmap reads (it must see the configuration
 * the transaction is writing, and a value in force that stops it must not stop the change
 * that replaces it), else the live one. The live one is then the same in every value
 * postmap reads, and it is settled: postmap waits while the main.cf it reads is younger
 * than ~2 s, and the staged copy is seconds old.
 */
export function postmapReadsStagedConfig(changes: readonly Change[], mainCfExists: boolean, readable: Readable = file => canAccess(file, constants.R_OK)): boolean {
	return !mainCfExists || changes.some(change => readByPostmap(change, readable));
}
