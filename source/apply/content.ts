import {createHash} from 'node:crypto';
import {constants} from 'node:fs';
import {type FileHandle, open} from 'node:fs/promises';

/**
 * What a file's bytes are known by when they are not held in memory: a main.cf may be
 * megabytes, and the transaction must not keep several copies of it (budget: under twice
 * its size above the tool's own footprint). Backups, checks and restores compare digests.
 */
export interface Digest {
	readonly size: number;
	readonly sha256: string;
}

/** Bytes kept in a file (the live main.cf, a backup's copy) and known by their digest. */
export interface StoredBytes {
	readonly file: string;
	readonly digest: Digest;
}

/** What a file is written from: bytes in memory (small files), or another file streamed. */
export type Bytes = Buffer | StoredBytes;

export function digestOf(bytes: Buffer): Digest {
	return {size: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex')};
}

export function digestOfBytes(bytes: Bytes): Digest {
	return Buffer.isBuffer(bytes) ? digestOf(bytes) : bytes.digest;
}

export function sameDigest(a: Digest | undefined, b: Digest | undefined): boolean {
	return a === undefined || b === undefined ? a === b : a.size === b.size && a.sha256 === b.sha256;
}

/** One buffer of this size is reused per stream: memory stays flat whatever the file's size. */
const chunkSize = 64 * 1024;

/**
 * Reads an open file from its start, chunk by chunk, handing each to `each` before the next
 * read: the chunk's buffer is reused, so `each` copies what it keeps.
 */
export async function streamHandle(handle: FileHandle, each?: (chunk: Buffer) => Promise<unknown>): Promise<Digest> {
	const hash = createHash('sha256');
	const buffer = Buffer.allocUnsafe(chunkSize);
	let size = 0;
	for (;;) {
		const {bytesRead} = await handle.read(buffer, 0, chunkSize, size);
		if (bytesRead === 0) {
			return {size, sha256: hash.digest('hex')};
		}

		const chunk = buffer.subarray(0, bytesRead);
		hash.update(chunk);
		size += bytesRead;
		await each?.(chunk);
	}
}

const readFlags = constants.O_RDONLY;
const readNoFollowFlags = constants.O_RDONLY | constants.O_NOFOLLOW;

/**
 * Streams a file through `each`; undefined when it does not exist. `noFollow` refuses a
 * link at the last component (ELOOP): a backup's copy or a resolved path is never a link.
 */
export async function streamFile(file: string, options: {noFollow?: boolean; each?: (chunk: Buffer) => Promise<unknown>} = {}): Promise<Digest | undefined> {
	let handle: FileHandle;
	try {
		handle = await open(file, options.noFollow ? readNoFollowFlags : readFlags);
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
			return undefined;
		}

		throw error;
	}

	try {
		return await streamHandle(handle, options.each);
	} finally {
		await handle.close();
	}
}

/** A file's digest, read in chunks; undefined when it does not exist. */
export async function digestFile(file: string, options: {noFollow?: boolean} = {}): Promise<Digest | undefined> {
	return streamFile(file, options);
}

/** A chunk handler writing each chunk after the previous one into an open file, from its start. */
export function appendTo(handle: FileHandle): (chunk: Buffer) => Promise<void> {
	let position = 0;
	return async chunk => {
		await handle.write(chunk, 0, chunk.length, position);
		position += chunk.length;
	};
}

/**
 * Writes `bytes` into an open file from its start and returns the digest of what was
 * written. Stored bytes are streamed and must be exactly what their digest records:
 * a file that changed since it was looked at is never copied half old, half new.
 */
export async function writeBytes(handle: FileHandle, bytes: Bytes | string): Promise<Digest> {
	if (!Buffer.isBuffer(bytes) && typeof bytes !== 'string') {
		const digest = await streamFile(bytes.file, {noFollow: true, each: appendTo(handle)});
		if (!sameDigest(digest, bytes.digest)) {
			throw new Error(`${bytes.file} changed while it was being copied`);
		}

		return bytes.digest;
	}

	const buffer = typeof bytes === 'string' ? Buffer.from(bytes) : bytes;
	await handle.writeFile(buffer);
	return digestOf(buffer);
}
