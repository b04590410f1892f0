/**
 * Reserve, then settle. A billed handler reserves the search units it expects to use on its
 * key's counter before doing any work (reserveUnits): one atomic conditional add, so no number
 * of concurrent requests can take a key past its quota. The usage middleware settles after the
 * handler (settleRequest): a request that used more than it reserved (rerank documents long
 * enough to count twice) takes the rest on the same condition or is refused; the usage record is
 * written to every sink and the response waits for it, so a crash loses no answered request;
 * then the counter moves by what was billed minus what was reserved, which gives everything back
 * when the request failed (only successes are billed).
 */
import type { Context } from 'hono';
import type { ApiEnv, ApiState } from './context.js';
import { ApiError, oneLine } from './errors.js';
import { periodOf, type UsageRecord } from './usage.js';

/** The units a request holds on its key's counter, from reserveUnits until settleRequest. */
export interface Reservation {
  /** The month (YYYY-MM) whose counter holds them. */
  period: string;
  units: number;
}

/** 429 quota_exceeded, with Retry-After until the first day of the next month (UTC). */
export function quotaExceeded(
  keyId: string,
  quota: number,
  used: number,
  units: number,
  nowMs: number,
): ApiError {
  const now = new Date(nowMs);
  const reset = Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1);
  return new ApiError(
    429,
    'quota_exceeded',
    `monthly quota of ${quota} search units for key ${keyId} would be exceeded (used ${used}, this request needs ${units}); it resets on ${new Date(reset).toISOString().slice(0, 10)}`,
    { 'Retry-After': String(Math.ceil((reset - nowMs) / 1000)) },
  );
}

/** A store fault in the client's terms: what happened to the request, never where the store is. */
function storeUnavailable(state: ApiState, requestId: string, what: string, error: unknown): ApiError {
  state.log.error(`${what}: ${oneLine(String((error as Error)?.message ?? error))}`, {
    request_id: requestId,
  });
  return new ApiError(
    503,
    'unavailable',
    `usage accounting is unavailable, so this request was not served and not billed (request ${requestId}); try again`,
  );
}

/**
 * Takes `units` of the caller's monthly quota before the work; 429 when they would pass it, 503
 * when the counters cannot be reached. Callers without a quota (auth off, or a gateway's) pass.
 */
export async function reserveUnits(c: Context<ApiEnv>, state: ApiState, units: number): Promise<void> {
  const caller = c.get('caller');
  if (!caller.key) return;
  const now = state.now();
  const period = periodOf(now);
  let outcome;
  try {
    outcome = await state.counters.reserve(caller.keyId, period, units, caller.key.quota);
  } catch (error) {
    throw storeUnavailable(state, c.get('requestId'), 'quota reservation failed', error);
  }
  if (!outcome.reserved) throw quotaExceeded(caller.keyId, caller.key.quota, outcome.used, units, now);
  c.set('reservation', { period, units });
}

export interface MeteredRequest {
  /** Epoch ms the request arrived (the record's ts) and performance.now() then (its latency). */
  arrived: number;
  started: number;
  /** The route pattern the record names. */
  route: string;
  /** The response of a request refused at admission, which never reached a handler. */
  refused?: Response;
}

/** Replaces the response the handler produced (the context's) with an error. */
function replaceResponse(c: Context<ApiEnv>, error: ApiError): void {
  // Unset first: assigning over a response would copy its headers (a length, say) onto this one.
  c.res = undefined;
  c.res = new Response(JSON.stringify(error.body()), {
    status: error.status,
    headers: { 'content-type': 'application/json', ...error.headers },
  });
}

/**
 * After the handler (or the refusal): charges or refunds the reservation, writes the usage record
 * and waits for it, settles the counter. Returns the refusal to send, if there was one; a
 * replacement of the handler's response (quota, or a record that could not be written) is set on
 * the context.
 */
export async function settleRequest(
  c: Context<ApiEnv>,
  state: ApiState,
  request: MeteredRequest,
): Promise<Response | undefined> {
  const caller = c.get('caller');
  const requestId = c.get('requestId');
  const reservation = c.get('reservation');
  const consumption = c.get('consumption');
  let replacement: ApiError | undefined;
  let status = request.refused?.status ?? c.res.status;
  let billed = status < 400 ? (consumption?.billedUnits ?? 0) : 0;
  let reserved = reservation?.units ?? 0;

  if (reservation && caller.key && billed > reserved) {
    try {
      const more = await state.counters.reserve(
        caller.keyId,
        reservation.period,
        billed - reserved,
        caller.key.quota,
      );
      if (more.reserved) reserved = billed;
      else
        replacement = quotaExceeded(
          caller.keyId,
          caller.key.quota,
          more.used - reserved,
          billed,
          state.now(),
        );
    } catch (error) {
      replacement = storeUnavailable(state, requestId, 'quota reservation failed', error);
    }
    if (replacement) {
      status = replacement.status;
      billed = 0;
    }
  }

  const record: UsageRecord = {
    ts: new Date(request.arrived).toISOString(),
    request_id: requestId,
    key_id: caller.keyId,
    method: c.req.method,
    route: request.route,
    status,
    billed_units: billed,
    documents_reranked: consumption?.documentsReranked ?? 0,
    tokens: consumption?.tokens ?? 0,
    latency_ms: Math.round((performance.now() - request.started) * 100) / 100,
  };
  try {
    // The local counters read the ledger's history first: a record written before that is read
    // could be counted twice.
    await state.counters.ready();
    await state.usage.record(record);
  } catch (error) {
    state.log.error(
      `usage record could not be written: ${oneLine(String((error as Error)?.message ?? error))}`,
      {
        request_id: requestId,
      },
    );
    // An answer nobody is billed for is not sent; a free one (an error, a GET) still is.
    if (billed > 0) {
      replacement = storeUnavailable(state, requestId, 'usage record not written', error);
      record.status = replacement.status;
      record.billed_units = 0;
    }
  }

  // Only admitted callers have counters; a request refused at admission bills nobody.
  if (!request.refused) {
    try {
      await state.counters.settle(reservation?.period ?? periodOf(request.arrived), record, reserved);
    } catch (error) {
      // The counter keeps the reservation: it over-counts this key, never under-counts it.
      state.log.error(`usage counter not settled: ${oneLine(String((error as Error)?.message ?? error))}`, {
        request_id: requestId,
        key_id: caller.keyId,
      });
    }
  }
  if (replacement) replaceResponse(c, replacement);
  return request.refused;
}
