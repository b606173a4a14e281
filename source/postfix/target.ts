/**
 * Which Postfix configuration a command works on. `configDir` undefined means the
 * system's own (`postconf -h config_directory`), which is also the only instance
 * that may be managed by systemd.
 */
export interface PostfixTarget {
	/** Absolute path of the directory holding main.cf and master.cf. */
	readonly configDir: string;
	/** True when this is the system's default instance (no `-c` needed). */
	readonly isDefault: boolean;
}

export const defaultConfigDir = '/etc/postfix';

export function targetFor(configDir: string | undefined): PostfixTarget {
	if (configDir === undefined || configDir === '') {
		return {configDir: defaultConfigDir, isDefault: true};
	}

	return {configDir, isDefault: false};
}

/** The `-c DIR` arguments for postconf, postfix, postqueue and postsuper. */
export function configArgs(target: PostfixTarget): string[] {
	return target.isDefault ? [] : ['-c', target.configDir];
}
