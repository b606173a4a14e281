import {readExplicit} from '../../source/postfix/postconf.js';
import {targetFor} from '../../source/postfix/target.js';
import {managedParameters} from '../../source/settings/managed.js';

/**
 * `postconf -n` of the managed parameters, the configuration directory spelled
 * CONFIG_DIR so instances in different directories compare (the role writes tables
 * into /etc/postfix, which a namespace binds to the instance's directory).
 */
export async function managedSettings(configDir: string, aliases: readonly string[] = []): Promise<Record<string, string>> {
	const {values} = await readExplicit(targetFor(configDir));
	const entries = managedParameters.flatMap(name => {
		const value = values.get(name);
		return value === undefined ? [] : [[name, [configDir, ...aliases].reduce((text, dir) => text.replaceAll(`${dir}/`, 'CONFIG_DIR/'), value)] as const];
	});
	return Object.fromEntries(entries);
}
