/** The requested key does not exist. Never retried: absence is an answer, not a fault. */
export class ObjectNotFoundError extends Error {
  override readonly name = 'ObjectNotFoundError';
  readonly key: string;

  constructor(key: string, options?: { storeUri?: string; cause?: unknown }) {
    const where = options?.storeUri ? ` in ${options.storeUri}` : '';
    super(`Object not found: ${key}${where}`, { cause: options?.cause });
    this.key = key;
  }
}

/** Any other backend failure; `retryable` tells RetryingStore whether another attempt may help. */
export class StorageError extends Error {
  override readonly name = 'StorageError';
  readonly retryable: boolean;
  readonly status?: number;

  constructor(message: string, options: { retryable: boolean; status?: number; cause?: unknown }) {
    super(message, { cause: options.cause });
    this.retryable = options.retryable;
    if (options.status !== undefined) this.status = options.status;
  }
}

export class InvalidStoreUriError extends Error {
  override readonly name = 'InvalidStoreUriError';
}

/** Key or prefix rejected by keys.ts; thrown before any I/O. */
export class InvalidKeyError extends Error {
  override readonly name = 'InvalidKeyError';
}

export function isRetryableError(err: unknown): boolean {
  return err instanceof StorageError && err.retryable;
}

export function errorCode(err: unknown): string | undefined {
  if (typeof err === 'object' && err !== null && 'code' in err) {
    const code = (err as { code: unknown }).code;
    if (typeof code === 'string') return code;
  }
  return undefined;
}

export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
