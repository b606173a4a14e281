import {readFile, writeFile} from 'node:fs/promises';
import path from 'node:path';
import {readExplicit} from '../../source/postfix/postconf.js';
import {runProgramOrThrow} from '../../source/postfix/run.js';
import {targetFor} from '../../source/postfix/target.js';
import {managedParameters} from '../../source/settings/managed.js';
import {runCli} from './cli.js';

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

/** The tables a login, root's mail and the sender bring, with a password Jinja and a shell would both choke on. */
export const relayPassword = 'pa$$w0rd {{x}} \'"';

export const tableContents: Readonly<Record<string, string>> = {
	sasl_passwd: `[smtp.example.com]:587 alerts@example.com:${relayPassword}\n`,
	virtual: 'root admin@example.net\npostmaster admin@example.net\n',
	sender_canonical: String.raw`/^(.*)@(web01\.example\.org|localhost(\.[^@]*)?)$/ alerts@example.com` + '\n',
};

/**
 * The same login, with root's mail and the sender written by postfix-wizard itself
 * (--root-to, --send-as): tables `apply --profile` reads back as that request, so the
 * role (which writes them as given) and the wizard (which plans them again) agree byte for byte.
 */
export async function addLoginAndWizardTables(configDir: string): Promise<void> {
	await addLoginAndTables(configDir, ['sasl_passwd']);
	const result = await runCli(['--config-dir', configDir, 'apply', '--root-to', 'admin@example.net', '--send-as', 'alerts@example.com', '--yes', '--no-restart']);
	if (result.exitCode !== 0) {
		throw new Error(result.stdout + result.stderr);
	}
}

/** The instance's map type (hash on Debian, lmdb on RHEL 10): what the role's postmap builds. */
async function databaseType(configDir: string): Promise<string> {
	return (await runProgramOrThrow('postconf', ['-c', configDir, '-h', 'default_database_type'])).stdout.trim();
}

/** A login, root's mail and the sender set up by hand (postconf -e, the files, postmap), as an admin would. */
export async function addLoginAndTables(configDir: string, names: readonly string[] = Object.keys(tableContents)): Promise<void> {
	for (const name of names) {
		await writeFile(path.join(configDir, name), tableContents[name]!, {mode: name === 'sasl_passwd' ? 0o600 : 0o644});
	}

	const type = await databaseType(configDir);
	for (const name of ['sasl_passwd', 'virtual'].filter(name => names.includes(name))) {
		await runProgramOrThrow('postmap', ['-c', configDir, `${type}:${path.join(configDir, name)}`]);
	}

	await runProgramOrThrow('postconf', [
		'-c', configDir, '-e',
		'smtp_sasl_auth_enable=yes',
		`smtp_sasl_password_maps=${type}:${configDir}/sasl_passwd`,
		'smtp_sasl_security_options=noanonymous',
		'smtp_sasl_tls_security_options=noanonymous',
		'smtp_tls_security_level=encrypt',
		...(names.includes('virtual') ? [`virtual_alias_maps=${type}:${configDir}/virtual`] : []),
		...(names.includes('sender_canonical') ? [`sender_canonical_maps=regexp:${configDir}/sender_canonical`] : []),
	]);
}

/** The tables' source files and what postmap built of them (`postmap -s`, sorted). */
export async function tables(configDir: string): Promise<Record<string, {content: string; built?: string}>> {
	const result: Record<string, {content: string; built?: string}> = {};
	const type = await databaseType(configDir);
	for (const name of Object.keys(tableContents)) {
		const content = await readFile(path.join(configDir, name), 'utf8');
		const built = name === 'sender_canonical' ? undefined : (await runProgramOrThrow('postmap', ['-c', configDir, '-s', `${type}:${path.join(configDir, name)}`])).stdout.split('\n').filter(Boolean).sort().join('\n');
		result[name] = built === undefined ? {content} : {content, built};
	}

	return result;
}
