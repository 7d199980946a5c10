// One error shape for the whole API: {error: {code, message, status}} (umami src/lib/response.ts,
// dub lib/api/errors.ts). ZodError → 422, ApiError → its status, anything else → a generic 500.
import { ZodError } from 'zod';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * API answers depend on who asks (a share link, a read token): never cached, and caches told
 * so (a cached 410 of one share link once answered for another).
 */
const NO_STORE = {
  'cache-control': 'private, no-store',
  vary: 'x-edgeperf-share, cookie, authorization',
};

export function json(data: unknown, init: ResponseInit = {}): Response {
  const headers = new Headers(init.headers);
  for (const [k, v] of Object.entries(NO_STORE)) if (!headers.has(k)) headers.set(k, v);
  return Response.json(data, { ...init, headers });
}

export function errorResponse(status: number, code: string, message: string): Response {
  return Response.json({ error: { code, message, status } }, { status, headers: NO_STORE });
}

export function toErrorResponse(e: unknown): Response {
  if (e instanceof ApiError) return errorResponse(e.status, e.code, e.message);
  if (e instanceof ZodError) {
    const issue = e.issues[0];
    const where = issue?.path.length ? `${issue.path.join('.')}: ` : '';
    return errorResponse(422, 'INVALID_REQUEST', `${where}${issue?.message ?? 'invalid request'}`);
  }
  console.error(e);
  return errorResponse(500, 'INTERNAL', 'internal error');
}

/** Wraps a route handler so that every failure answers with the error shape. */
export function handle<A extends unknown[]>(fn: (...args: A) => Promise<Response>) {
  return async (...args: A): Promise<Response> => {
    try {
      return await fn(...args);
    } catch (e) {
      return toErrorResponse(e);
    }
  };
}
