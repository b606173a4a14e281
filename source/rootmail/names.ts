// Apart from the planner: what root mail reads and sets is known before it loads (apply's
// reads start while the planners load, see apply/reading-needs.ts).

/** The parameters root mail reads expanded (`postconf -x`). */
export const rootMailNames = ['myorigin', 'mydomain', 'myhostname', 'config_directory', 'alias_maps', 'default_database_type'] as const;

/** The main.cf parameters root mail may set (planRootMail). */
export const rootMailParameters = ['virtual_alias_maps', 'sender_canonical_maps'] as const;
