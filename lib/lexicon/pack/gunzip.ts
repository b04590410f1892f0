/**
 * gzip decompression with a bound on the output, on the web platform's DecompressionStream
 * (global in Node 20 and in Cloudflare Workers) rather than node:zlib, so the pack reader runs in
 * both. The bound is checked as the output streams, so a gzip bomb stops at the limit instead of
 * filling the memory of a Lambda or a Worker isolate.
 */

/** The decompressed output would be longer than the caller allows. */
export class GunzipLimitError extends RangeError {
  constructor(readonly maxBytes: number) {
    super(`decompressed output exceeds ${maxBytes} bytes`);
    this.name = 'GunzipLimitError';
  }
}

/**
 * The gunzipped bytes of `compressed`. Rejects with GunzipLimitError past `maxBytes` of output,
 * and with the stream's TypeError when the input is not gzip or is truncated.
 */
export async function gunzip(compressed: Uint8Array, maxBytes: number): Promise<Uint8Array> {
  const input = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(compressed);
      controller.close();
    },
  });
  const reader = input.pipeThrough(new DecompressionStream('gzip')).getReader();
  const chunks: Uint8Array[] = [];
  let length = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    length += value.length;
    if (length > maxBytes) {
      await reader.cancel();
      throw new GunzipLimitError(maxBytes);
    }
    chunks.push(value);
  }
  if (chunks.length === 1) return chunks[0]!;
  const output = new Uint8Array(length);
  let offset = 0;
  for (const chunk of chunks) {
    output.set(chunk, offset);
    offset += chunk.length;
  }
  return output;
}
