import {existsSync, readdirSync, readFileSync, realpathSync} from 'node:fs';
import path from 'node:path';
import {type InstallPlan, installPlan} from './install.js';

/** The Cyrus SASL client mechanisms Postfix logs in to a relay with. */
export type SaslMechanism = 'PLAIN' | 'LOGIN';

const pluginFiles: Readonly<Record<SaslMechanism, string>> = {PLAIN: 'libplain.so', LOGIN: 'liblogin.so'};

export interface SaslPluginReport {
	/** Where each mechanism's plugin was found. */
	readonly found: ReadonlyMap<SaslMechanism, string>;
	readonly missing: readonly SaslMechanism[];
	/** At least one of PLAIN and LOGIN: Postfix can log in to relays offering it. */
	readonly usable: boolean;
	/** The sasl2 directories looked in. */
	readonly searched: readonly string[];
	/** The distribution's package holding the missing plugins, e.g. `libsasl2-modules`. */
	readonly packages: readonly string[];
	/** How to install them here, if a known package manager is present. */
	readonly install: InstallPlan | undefined;
}

export type OsFamily = 'debian' | 'rhel' | 'alpine' | 'suse' | 'unknown';

/** The family from /etc/os-release's ID and ID_LIKE (e.g. Rocky: `rhel centos fedora`). */
export function osFamily(osRelease: string): OsFamily {
	const field = (name: string) => osRelease.match(new RegExp(`^${name}=["']?([^"'\\n]*)`, 'm'))?.[1]?.toLowerCase() ?? '';
	const ids = `${field('ID')} ${field('ID_LIKE')}`.split(/\s+/).filter(Boolean);
	if (ids.some(id => id === 'debian' || id === 'ubuntu')) {
		return 'debian';
	}

	if (ids.some(id => ['rhel', 'fedora', 'centos', 'rocky', 'almalinux', 'ol', 'amzn'].includes(id))) {
		return 'rhel';
	}

	if (ids.includes('alpine')) {
		return 'alpine';
	}

	return ids.some(id => id.includes('suse')) ? 'suse' : 'unknown';
}

/** Which packages hold the plugins, per family (Alpine and RHEL split LOGIN from PLAIN differently). */
export function pluginPackages(family: OsFamily, missing: readonly SaslMechanism[]): string[] {
	switch (family) {
		case 'debian': {
			return ['libsasl2-modules'];
		}

		case 'rhel': {
			// cyrus-sasl-plain ships both libplain and liblogin.
			return ['cyrus-sasl-plain'];
		}

		case 'alpine': {
			return missing.map(mechanism => (mechanism === 'PLAIN' ? 'cyrus-sasl-plain' : 'cyrus-sasl-login'));
		}

		case 'suse': {
			return ['cyrus-sasl-plain'];
		}

		case 'unknown': {
			return ['libsasl2-modules (Debian, Ubuntu)', 'cyrus-sasl-plain (RHEL, Fedora)'];
		}
	}
}

function subdirs(dir: string): string[] {
	try {
		return readdirSync(dir, {withFileTypes: true}).filter(entry => entry.isDirectory() || entry.isSymbolicLink()).map(entry => path.join(dir, entry.name));
	} catch {
		return [];
	}
}

/**
 * Every `sasl2` directory where a distribution puts Cyrus plugins: /usr/lib/sasl2
 * (Alpine), /usr/lib64/sasl2 (RHEL), /usr/lib/<multiarch>/sasl2 (Debian, Ubuntu) and the
 * same under /usr/local — found by looking, not from a list of architectures.
 */
export function saslPluginDirs(roots: readonly string[] = ['/usr', '/usr/local', '/']): string[] {
	const libs = roots.flatMap(root => subdirs(root).filter(dir => /^lib(?:32|64|x32)?$/.test(path.basename(dir))));
	const candidates = libs.flatMap(lib => [path.join(lib, 'sasl2'), ...subdirs(lib).map(dir => path.join(dir, 'sasl2'))]);
	// /lib is often a link to /usr/lib: one entry per real directory.
	return [...new Set(candidates.filter(dir => existsSync(dir)).map(dir => realpathSync(dir)))];
}

/**
 * Are the Cyrus SASL PLAIN/LOGIN client plugins installed? Minimal and cloud images
 * omit them; without them Postfix logs `No worthy mechs found` and sends no login.
 */
export function checkSaslPlugins(options: {dirs?: readonly string[]; osRelease?: string} = {}): SaslPluginReport {
	const searched = options.dirs ?? saslPluginDirs();
	const found = new Map<SaslMechanism, string>();
	for (const dir of searched) {
		let names: string[];
		try {
			names = readdirSync(dir);
		} catch {
			continue;
		}

		for (const [mechanism, file] of Object.entries(pluginFiles) as Array<[SaslMechanism, string]>) {
			const match = names.find(name => name === file || name.startsWith(`${file}.`));
			if (match && !found.has(mechanism)) {
				found.set(mechanism, path.join(dir, match));
			}
		}
	}

	const missing = (Object.keys(pluginFiles) as SaslMechanism[]).filter(mechanism => !found.has(mechanism));
	let osRelease = options.osRelease;
	if (osRelease === undefined) {
		try {
			osRelease = readFileSync('/etc/os-release', 'utf8');
		} catch {
			osRelease = '';
		}
	}

	const family = osFamily(osRelease);
	const packages = missing.length === 0 ? [] : pluginPackages(family, missing);
	return {
		found,
		missing,
		usable: found.size > 0,
		searched,
		packages,
		install: missing.length === 0 || family === 'unknown' ? undefined : installPlan(packages),
	};
}
