// Request bodies of the JSON write endpoints (issue 7, hostile input): a declared type that is
// not JSON is refused (415), a body over the limit is refused before it is read whole (413),
// a body that is no JSON answers 400 BAD_JSON, and a DELETE takes no body at all.
import { ApiError } from './errors';

/** The largest JSON body a write endpoint reads (factors, share views, session tokens). */
export const JSON_BODY_LIMIT = 64 * 1024;

/**
 * Media types taken as JSON: `application/json` and `application/*+json`, and `text/plain` or
 * none, which is what a string body gets from fetch() or curl without `-H content-type`. The
 * write token travels in the Authorization header, which no cross-site form can set, so the
 * lenient text/plain costs nothing; form encodings and binary types are refused.
 */
function isJsonType(header: string | null): boolean {
  if (header === null || header.trim() === '') return true;
  const type = header.split(';')[0]!.trim().toLowerCase();
  return (
    type === 'application/json' ||
    /^application\/[a-z0-9.+-]+\+json$/.test(type) ||
    type === 'text/plain'
  );
}

/**
 * The body's bytes, at most `limit` of them: a larger declared length is refused before any byte
 * is read, and a longer stream (chunked, or lying about its length) is cut at the limit.
 */
export async function readBody(
  request: Request,
  limit: number,
  tooLarge: () => ApiError,
): Promise<Uint8Array> {
  const declared = request.headers.get('content-length');
  if (declared !== null && Number(declared) > limit) throw tooLarge();
  if (!request.body) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => {});
      throw tooLarge();
    }
    chunks.push(value);
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}

/** The JSON body of a write request; `expected` says what it should be, in the 400 message. */
export async function readJson(
  request: Request,
  expected: string,
  limit = JSON_BODY_LIMIT,
): Promise<unknown> {
  if (!isJsonType(request.headers.get('content-type'))) {
    throw new ApiError(415, 'UNSUPPORTED_MEDIA_TYPE', `send ${expected} as application/json`);
  }
  const bytes = await readBody(
    request,
    limit,
    () => new ApiError(413, 'TOO_LARGE', `the body is larger than ${limit} bytes`),
  );
  try {
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    throw new ApiError(400, 'BAD_JSON', `the body must be ${expected}`);
  }
}

/** A DELETE says everything in its URL: a body is refused (nothing is deleted). */
export async function noBody(request: Request): Promise<void> {
  await readBody(
    request,
    0,
    () => new ApiError(400, 'UNEXPECTED_BODY', 'this request takes no body'),
  );
}
