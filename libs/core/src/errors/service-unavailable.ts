/**
 * Said when what Lintas depends on (PostgreSQL) cannot be reached: nothing the client did is
 * wrong, and the same request a little later may well succeed.
 */
export const SERVICE_UNAVAILABLE_MESSAGE = 'Service temporarily unavailable; try again shortly';

/**
 * How long a plain HTTP client refused for that reason is asked to wait (Retry-After): a
 * PostgreSQL restart or fail-over takes seconds, and a connection attempt itself gives up after 5.
 */
export const SERVICE_UNAVAILABLE_RETRY_AFTER_SECONDS = 5;
