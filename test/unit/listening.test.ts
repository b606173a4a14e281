import assert from 'node:assert/strict';
import {test} from 'node:test';
import {isLoopbackAddress, parseProcNetTcp, serviceEndpoint} from '../../source/verify/listening.js';

test('reads LISTEN sockets from /proc/net/tcp and tcp6', () => {
	const v4 = [
		'  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode',
		'   0: 0100007F:0019 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 1 1 0000000000000000 100 0 0 10 0',
		'   1: 00000000:0019 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 2 1 0000000000000000 100 0 0 10 0',
		'   2: 0100007F:0019 0100007F:A1B2 01 00000000:00000000 00:00000000 00000000     0        0 3 1 0000000000000000 100 0 0 10 0',
	].join('\n');
	assert.deepEqual(parseProcNetTcp(v4, 4), [{address: '127.0.0.1', port: 25}, {address: '0.0.0.0', port: 25}]);
	const v6 = [
		'  sl  local_address                         remote_address                        st',
		'   0: 00000000000000000000000001000000:0019 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 4',
		'   1: 00000000000000000000000000000000:024B 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 5',
	].join('\n');
	assert.deepEqual(parseProcNetTcp(v6, 6), [{address: '::1', port: 25}, {address: '::', port: 587}]);
});

test('knows loopback from the network', () => {
	assert.ok(isLoopbackAddress('127.0.0.1'));
	assert.ok(isLoopbackAddress('::1'));
	assert.ok(!isLoopbackAddress('0.0.0.0'));
	assert.ok(!isLoopbackAddress('::'));
});

test('finds the port of master.cf inet services', () => {
	assert.deepEqual(serviceEndpoint('smtp'), {host: undefined, port: 25});
	assert.deepEqual(serviceEndpoint('submission'), {host: undefined, port: 587});
	assert.deepEqual(serviceEndpoint('127.0.0.1:10025'), {host: '127.0.0.1', port: 10_025});
	assert.deepEqual(serviceEndpoint('[::1]:25'), {host: '::1', port: 25});
	assert.equal(serviceEndpoint('nonsense-service'), undefined);
});
