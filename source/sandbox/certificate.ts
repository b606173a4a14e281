import {mkdtemp, readFile, rm} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {execa} from 'execa';
import {findProgram} from '../postfix/locate.js';
import {PreconditionError, StepError} from '../errors.js';

/** A key pair for the sandbox relay's TLS, held in memory only. */
export interface ThrowawayCertificate {
	readonly key: string;
	readonly cert: string;
}

/**
 * A self-signed certificate for `localhost` and 127.0.0.1, valid two days. Node has no
 * X.509 writer, so openssl makes it, in a private temp dir that is removed at once:
 * the key never stays on disk. No network is involved.
 */
export async function makeThrowawayCertificate(commonName = 'sink.postfix-wizard.test'): Promise<ThrowawayCertificate> {
	const openssl = findProgram('openssl');
	if (!openssl) {
		throw new PreconditionError('the sandbox relay needs openssl to make its throwaway TLS certificate: install openssl');
	}

	const dir = await mkdtemp(path.join(os.tmpdir(), 'postfix-wizard-cert-'));
	try {
		const keyFile = path.join(dir, 'key.pem');
		const certFile = path.join(dir, 'cert.pem');
		await execa(openssl, [
			'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes',
			'-keyout', keyFile, '-out', certFile, '-days', '2',
			'-subj', `/CN=${commonName}`,
			'-addext', `subjectAltName=DNS:${commonName},DNS:localhost,IP:127.0.0.1,IP:::1`,
		], {stdin: 'ignore', timeout: 20_000, env: {LANG: 'C', LC_ALL: 'C'}});
		return {key: await readFile(keyFile, 'utf8'), cert: await readFile(certFile, 'utf8')};
	} catch (error) {
		throw new StepError(`openssl could not make the sandbox relay's certificate: ${(error as {shortMessage?: string}).shortMessage ?? (error as Error).message}`);
	} finally {
		await rm(dir, {recursive: true, force: true});
	}
}
