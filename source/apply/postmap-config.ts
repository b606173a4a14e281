import type {Change} from '../plan/types.js';

/**
 * Parameters postmap never reads while building a table whose type it is given: the SMTP
 * client's (smtp_*), where mail goes and who may relay, and the lookup tables other daemons
 * consult. postmap reads main.cf for the rest (default_database_type, lmdb_map_size,
 * berkeley_db_*, meta_directory and shlib_directory for dynamic maps, smtputf8_enable…).
 */
const unreadByPostmap = /^(?:smtp_\w+|relayhost|inet_interfaces|inet_protocols|mynetworks|myorigin|mydestination|virtual_alias_maps|sender_canonical_maps)$/;

/**
 * Which main.cf postmap must read when the plan's maps are built on staging copies: the
 * staged one when the plan changes anything postmap reads (it must see the configuration
 * the transaction is writing), else the live one. The live one is then the same in every
 * value postmap reads, and it is settled: postmap waits while the main.cf it reads is
 * younger than ~2 s, and the staged copy is seconds old.
 */
export function postmapReadsStagedConfig(changes: readonly Change[], mainCfExists: boolean): boolean {
	return !mainCfExists || changes.some(change => !unreadByPostmap.test(change.name));
}
