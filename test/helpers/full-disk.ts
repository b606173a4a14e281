// Run as: unshare -m --propagation private node --import tsx full-disk.ts CONFIG_DIR FREE_PAGES
// In a private mount namespace, puts CONFIG_DIR on a small tmpfs holding the same files,
// fills it until FREE_PAGES pages are left, applies a set (main.cf + a new secret map),
// and prints what happened as JSON. Nothing outside the namespace sees the tmpfs.
import {execFileSync} from 'node:child_process';
import {readFileSync, readdirSync, statSync, statfsSync, writeFileSync, chmodSync} from 'node:fs';
import path from 'node:path';
import {prepareReview} from '../../source/apply/prepare.js';
import {applyStagedPlan} from '../../source/apply/transaction.js';
import {listBackupSets} from '../../source/apply/backup-set.js';
import {targetFor} from '../../source/postfix/target.js';

// `backup`: room for the lock and one page, the backup set cannot be written. `write`: room for the backup
// and every file beside main.cf, not for main.cf itself.
const [configDir = '', when = 'backup'] = process.argv.slice(2);
const files = readdirSync(configDir).filter(name => statSync(path.join(configDir, name)).isFile()).map(name => ({name, content: readFileSync(path.join(configDir, name)), mode: statSync(path.join(configDir, name)).mode & 0o7777}));
execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=1m,mode=0755', 'tmpfs', configDir]);
for (const file of files) {
	writeFileSync(path.join(configDir, file.name), file.content);
	chmodSync(path.join(configDir, file.name), file.mode);
}

const target = targetFor(configDir);
const mainCf = path.join(configDir, 'main.cf');
const original = readFileSync(mainCf);
const review = await prepareReview(target, new Map([['smtp_sasl_auth_enable', 'yes'], ['smtp_sasl_password_maps', `hash:${configDir}/sasl_passwd`]]), {
	files: [{path: path.join(configDir, 'sasl_passwd'), content: Buffer.from('[smtp.example.com]:587 user:full-disk-secret\n'), mode: 0o600, secret: true, display: '[smtp.example.com]:587 user:********', map: 'hash'}],
});
const {bsize, bavail} = statfsSync(configDir);
const pages = (bytes: number) => Math.ceil(bytes / bsize);
// The lock takes a page, the backup main.cf's copy and the manifest (one page); then come the new files.
const room = 1 + pages(original.length) + 1 + review.plan.staged.reduce((sum, file) => sum + pages(file.after?.length ?? 0), 0);
writeFileSync(path.join(configDir, 'filler'), Buffer.alloc((bavail - (when === 'write' ? room : 2)) * bsize));
const outcome = await applyStagedPlan(target, review.plan, {service: false});
const {sets, ignored} = await listBackupSets(configDir);
console.log(JSON.stringify({
	outcome,
	room,
	mainCfSame: readFileSync(mainCf).equals(original),
	names: readdirSync(configDir).filter(name => name !== 'filler').sort(),
	sets: sets.length,
	ignored: ignored.length,
	leftovers: readdirSync(path.join(configDir, 'postfix-wizard.backup')).filter(name => name.startsWith('.')),
}));
