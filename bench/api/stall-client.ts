/**
 * The load generator of rerank-stall.ts, in a process of its own so that its event loop is not
 * the server's: small /v1/search requests on a fixed schedule, latency counted from when each
 * was due. Prints {"latencies": [ms…], "errors": n} on stdout.
 * Usage: node --import tsx stall-client.ts URL COUNT INTERVAL_MS
 */
const [url, countText, intervalText] = process.argv.slice(2);
const count = Number(countText);
const intervalMs = Number(intervalText);
const QUERIES = ['who invented the telephone', 'photosynthesis in plants', 'first moon landing'];

const latencies: number[] = [];
let errors = 0;
const start = performance.now();
const inFlight: Array<Promise<void>> = [];
for (let i = 0; i < count; i++) {
  const due = start + i * intervalMs;
  const wait = due - performance.now();
  if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  const body = { query: QUERIES[i % QUERIES.length], query_lang: 'en', doc_langs: ['en'], top_k: 10 };
  inFlight.push(
    fetch(`${url}/v1/search`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    })
      .then(async (response) => {
        await response.arrayBuffer();
        if (!response.ok) errors++;
        latencies.push(performance.now() - due);
      })
      .catch(() => void errors++),
  );
}
await Promise.all(inFlight);
process.stdout.write(JSON.stringify({ latencies, errors }));
