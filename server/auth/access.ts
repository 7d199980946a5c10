// Who may read what (issue 6). A request made through a share link (header x-edgeperf-share)
// reads only the runs the link covers; otherwise reads are open, unless EDGEPERF_READ_TOKEN is
// set, in which case they need it as a Bearer token or in the HttpOnly cookie edgeperf_read.
import { ApiError } from '../http/errors';
import { lookupShare, type ShareScope } from '../store/shares';
import { bearer, same, writeToken } from './token';

export const SHARE_HEADER = 'x-edgeperf-share';
export const READ_COOKIE = 'edgeperf_read';

export interface ReadAccess {
  /** null: every run. */
  allowedRuns: Set<string> | null;
  share: ShareScope | null;
}

function cookie(request: Request, name: string): string | null {
  const header = request.headers.get('cookie') ?? '';
  for (const part of header.split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return decodeURIComponent(v.join('='));
  }
  return null;
}

export function readTokenRequired(): boolean {
  return Boolean(process.env.EDGEPERF_READ_TOKEN);
}

/** True when the request carries the read token (or the write token, which can do more). */
export function hasReadToken(request: Request): boolean {
  const wanted = process.env.EDGEPERF_READ_TOKEN;
  if (!wanted) return true;
  const given = bearer(request) ?? cookie(request, READ_COOKIE);
  return given !== null && (same(given, wanted) || same(given, writeToken()));
}

/** The scope of a share link; 404 SHARE_NOT_FOUND when unknown, 410 SHARE_GONE when expired or revoked. */
export async function requireShare(slug: string): Promise<ShareScope> {
  const found = await lookupShare(slug.trim());
  if (found.state === 'unknown') throw new ApiError(404, 'SHARE_NOT_FOUND', 'no such share link');
  if (found.state !== 'ok')
    throw new ApiError(410, 'SHARE_GONE', `this share link was ${found.state}`);
  return found.scope;
}

export async function readAccess(request: Request): Promise<ReadAccess> {
  const slug = request.headers.get(SHARE_HEADER);
  if (slug) {
    const scope = await requireShare(slug);
    return { allowedRuns: scope.runIds, share: scope };
  }
  if (!hasReadToken(request)) {
    throw new ApiError(
      401,
      'READ_TOKEN_REQUIRED',
      'this server needs its read token (EDGEPERF_READ_TOKEN)',
    );
  }
  return { allowedRuns: null, share: null };
}

/** Throws 404 (not 403: a link does not tell what else exists) for a run outside the scope. */
export function checkRun(access: ReadAccess, runId: string): void {
  if (access.allowedRuns && !access.allowedRuns.has(runId))
    throw new ApiError(404, 'NOT_FOUND', `no run ${runId}`);
}
