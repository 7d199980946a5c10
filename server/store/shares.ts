// Saved, read-only views (/r/<slug>). The server works out which runs a view covers when it is
// shared, and a link gives access to those runs only; a shared group keeps the members it had.
import { FACTOR_KEYS, type FactorKey } from '@/lib/factors';
import { newSlug } from '@/lib/ids';
import { ApiError } from '../http/errors';
import { getCoverage } from '../queries/getCoverage';
import { database } from '../database';
import { listRuns } from './runs';

export interface ShareScope {
  slug: string;
  view: string;
  runIds: Set<string>;
  /** fp_ id → the run ids it had when shared. */
  groups: Record<string, string[]>;
}

type ShareRow = {
  slug: string;
  view: string;
  runIds: string;
  expiresAt: number | null;
  revokedAt: number | null;
  createdAt: number;
};

const VIEW = /^\/(runs\/run_[0-9A-Za-z]+|compare|explore|coverage)?(\?.*)?$/;

/** The runs a view shows now, and the members of the groups it names. */
async function coveredRuns(
  view: string,
): Promise<{ runIds: string[]; groups: Record<string, string[]> }> {
  if (!VIEW.test(view)) {
    throw new ApiError(
      422,
      'INVALID_VIEW',
      'view must be a path of edgeperf: /, /runs/<id>, /compare?…, /explore?… or /coverage?…',
    );
  }
  const url = new URL(view, 'http://edgeperf.invalid');
  const db = await database();
  const exists = async (id: string) =>
    (await db.get('SELECT 1 AS one FROM Run WHERE id = ?', [id])) !== undefined;
  const membersOf = async (fp: string) =>
    (
      await db.all<{ id: string }>(
        'SELECT id FROM Run WHERE fingerprint = ? ORDER BY createdAt, id',
        [fp],
      )
    ).map((r) => r.id);
  if (url.pathname.startsWith('/runs/')) {
    const id = url.pathname.slice('/runs/'.length);
    if (!(await exists(id))) throw new ApiError(404, 'NOT_FOUND', `no run ${id}`);
    return { runIds: [id], groups: {} };
  }
  if (url.pathname === '/compare') {
    const ids = [
      url.searchParams.get('baseline') ?? '',
      ...(url.searchParams.get('contenders') ?? '').split(','),
    ]
      .map((s) => s.trim())
      .filter(Boolean);
    if (ids.length === 0)
      throw new ApiError(422, 'INVALID_VIEW', 'a compare view names a baseline');
    const runIds: string[] = [];
    const groups: Record<string, string[]> = {};
    for (const id of ids) {
      if (id.startsWith('fp_')) {
        groups[id] = await membersOf(id);
        if (groups[id]!.length === 0) throw new ApiError(404, 'NOT_FOUND', `no group ${id}`);
        runIds.push(...groups[id]!);
      } else {
        if (!(await exists(id))) throw new ApiError(404, 'NOT_FOUND', `no run ${id}`);
        runIds.push(id);
      }
    }
    return { runIds: [...new Set(runIds)], groups };
  }
  if (url.pathname === '/coverage') {
    // The runs the grid counts now (every cell, the unknown row and column included), read as
    // GET /api/coverage reads the view's query: a run ingested later is not in the link.
    const p = url.searchParams;
    const grid = await getCoverage({
      rows: p.get('rows') || 'backend',
      cols: p.get('cols') || 'sites',
      campaign: p.get('campaign') || null,
    });
    return { runIds: [...new Set(grid.cells.flatMap((c) => c.runs))], groups: {} };
  }
  if (url.pathname === '/explore') {
    const all = await db.all<{ id: string }>('SELECT id FROM Run');
    return { runIds: all.map((r) => r.id), groups: {} };
  }
  // the runs list, with its filters
  const p = url.searchParams;
  const factors: Partial<Record<FactorKey, string>> = {};
  for (const key of FACTOR_KEYS) if (p.get(key) !== null) factors[key] = p.get(key)!;
  const list = await listRuns({
    q: p.get('q') ?? undefined,
    scenario: p.get('scenario') ?? undefined,
    campaign: p.get('campaign') ?? undefined,
    factors,
    pageSize: Number.MAX_SAFE_INTEGER,
  });
  return { runIds: list.runs.map((r) => r.id), groups: {} };
}

export async function createShare(
  view: string,
  expiresAt: Date | null,
): Promise<{ slug: string; url: string; runIds: string[] }> {
  const { runIds, groups } = await coveredRuns(view);
  const slug = newSlug();
  await (await database()).run(
    'INSERT INTO Share (slug, view, runIds, expiresAt, revokedAt, createdAt) VALUES (?, ?, ?, ?, NULL, ?)',
    [slug, view, JSON.stringify({ runs: runIds, groups }), expiresAt, new Date()],
  );
  return { slug, url: `/r/${slug}`, runIds };
}

export type ShareLookup =
  | { state: 'ok'; scope: ShareScope }
  | { state: 'unknown' }
  | { state: 'expired' }
  | { state: 'revoked' };

export async function lookupShare(slug: string): Promise<ShareLookup> {
  if (!/^[0-9a-z]{26}$/.test(slug)) return { state: 'unknown' };
  const row = await (await database()).get<ShareRow>('SELECT * FROM Share WHERE slug = ?', [slug]);
  if (!row) return { state: 'unknown' };
  if (row.revokedAt !== null) return { state: 'revoked' };
  if (row.expiresAt !== null && row.expiresAt <= Date.now()) return { state: 'expired' };
  const covered = JSON.parse(row.runIds) as { runs: string[]; groups: Record<string, string[]> };
  return {
    state: 'ok',
    scope: { slug, view: row.view, runIds: new Set(covered.runs), groups: covered.groups },
  };
}

/** Revokes a link at once. Returns false for an unknown slug. */
export async function revokeShare(slug: string): Promise<boolean> {
  const changed = await (await database()).run(
    'UPDATE Share SET revokedAt = COALESCE(revokedAt, ?) WHERE slug = ?',
    [new Date(), slug],
  );
  return changed > 0;
}
