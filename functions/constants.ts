/** Names and settings shared by the Lambda handlers, kept in one place. */

/** Powertools service name of the index-build functions (the API uses lib/api's SERVICE_NAME). */
export const INDEX_BUILD_SERVICE = 'xlir-index-build';

/**
 * Build functions read each object once, so an in-process byte cache would only hold memory
 * that the shard builder needs.
 */
export const BUILD_STORE_OPTIONS = { memoryCacheBytes: 0 } as const;
