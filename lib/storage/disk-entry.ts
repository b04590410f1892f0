import { createHash } from 'node:crypto';

/*
 * On-disk format of one DiskCachedStore entry:
 *   MAGIC | u32 id length | u32 payload length | sha256(payload) | id | payload
 * The id and digest make a truncated, corrupted or colliding file detectable, so it is a miss.
 */
export const MAGIC = Buffer.from('XLC1');
export const HEADER_BYTES = MAGIC.length + 4 + 4 + 32;
export const ENTRY_NAME = /^[0-9a-f]{24}-[0-9a-f]{40}\.bin$/;
export const TEMP_NAME = /\.bin\.[0-9a-f]+\.tmp$/;
/** Temp files younger than this may belong to another process's write in progress. */
export const STALE_TEMP_MS = 60_000;

const sha256 = (data: string | Uint8Array): Buffer => createHash('sha256').update(data).digest();
/** Key hash first, so every entry of a key is found by name alone, even after a restart. */
export const keyTag = (key: string): string => sha256(key).toString('hex').slice(0, 24);
export const entryName = (key: string, id: string): string =>
  `${keyTag(key)}-${sha256(id).toString('hex').slice(0, 40)}.bin`;

export function encodeEntry(id: string, payload: Uint8Array): Buffer {
  const idBytes = Buffer.from(id, 'utf8');
  const header = Buffer.alloc(HEADER_BYTES);
  MAGIC.copy(header, 0);
  header.writeUInt32LE(idBytes.length, 4);
  header.writeUInt32LE(payload.byteLength, 8);
  sha256(payload).copy(header, 12);
  return Buffer.concat([header, idBytes, payload]);
}

export function decodeEntry(file: Buffer, id: string): Uint8Array | undefined {
  if (file.length < HEADER_BYTES || !file.subarray(0, 4).equals(MAGIC)) return undefined;
  const idLength = file.readUInt32LE(4);
  const payloadLength = file.readUInt32LE(8);
  if (file.length !== HEADER_BYTES + idLength + payloadLength) return undefined;
  const idEnd = HEADER_BYTES + idLength;
  if (file.toString('utf8', HEADER_BYTES, idEnd) !== id) return undefined;
  const payload = file.subarray(idEnd);
  if (!sha256(payload).equals(file.subarray(12, HEADER_BYTES))) return undefined;
  return new Uint8Array(payload.buffer, payload.byteOffset, payload.byteLength);
}
