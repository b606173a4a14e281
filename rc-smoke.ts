import {writeFile} from 'node:fs/promises';
import {createSandbox} from './source/sandbox/instance.js';
const sandbox = await createSandbox({relaySecurity: 'login'});
await writeFile('/tmp/rc-pw', sandbox.sink.login!.password.reveal() + '\n', {mode: 0o600});
console.log(JSON.stringify({dir: sandbox.target.configDir, relay: sandbox.sink.relayhost, smtps: sandbox.sink.implicitTls?.relayhost, user: sandbox.sink.login!.username}));
await new Promise(resolve => setTimeout(resolve, 240_000));
await sandbox.dispose();
