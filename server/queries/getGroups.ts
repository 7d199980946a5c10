// GET /api/groups: the groups of repetitions (`fp_…`: the runs that share every fingerprint
// factor), with their factors, run count and run ids, so scripts and the compare page's side
// picker can list what `GET /api/compare` accepts as a side.
import type { Factor } from '@/lib/apiTypes';
import type { GroupList, RunGroup } from '@/lib/compareTypes';
import { FACTOR_KEYS, FACTORS, type FactorKey, formatFactorValue } from '@/lib/factors';
import { ApiError } from '../http/errors';
import { database } from '../database';

export type { GroupList, RunGroup };

export interface GroupFilters {
  q?: string;
  /** Campaign id or name: the groups with a run in it (each listed with all its runs). */
  campaign?: string;
  /** Fingerprint factor filters, as the runs list's (`unknown` matches null). */
  factors?: Partial<Record<FactorKey, string>>;
  /** Only groups of at least this many runs (2: actual repetitions). */
  minRuns?: number;
  page?: number;
  pageSize?: number;
  allowedRuns?: Set<string> | null;
}

type Row = {
  id: string;
  name: string;
  fingerprint: string;
  factors: string;
  createdAt: number | string;
  scenarios: string;
  campaignId: string | null;
  campaignName: string | null;
};

function iso(v: number | string): string {
  // Prisma stores DateTime in SQLite as epoch milliseconds (or ISO text from older writers).
  const d = new Date(v);
  return Number.isNaN(d.getTime()) ? String(v) : d.toISOString();
}

export async function getGroups(f: GroupFilters = {}): Promise<GroupList> {
  const db = await database();
  let campaign: GroupList['campaign'] = null;
  if (f.campaign) {
    campaign =
      (await db.get<{ id: string; name: string }>(
        'SELECT id, name FROM Campaign WHERE id = ? OR name = ?',
        [f.campaign, f.campaign],
      )) ?? null;
    if (!campaign) throw new ApiError(404, 'NOT_FOUND', `no campaign ${f.campaign}`);
  }
  let rows = await db.all<Row>(
    `SELECT r.id, r.name, r.fingerprint, r.factors, r.createdAt, r.scenarios, r.campaignId,
            c.name AS campaignName
     FROM Run r LEFT JOIN Campaign c ON c.id = r.campaignId
     ORDER BY r.createdAt, r.id`,
  );
  if (f.allowedRuns) rows = rows.filter((r) => f.allowedRuns!.has(r.id));

  const byFp = new Map<string, Row[]>();
  for (const r of rows) {
    const list = byFp.get(r.fingerprint) ?? [];
    list.push(r);
    byFp.set(r.fingerprint, list);
  }
  const fpKeys = FACTOR_KEYS.filter((k) => FACTORS[k].fingerprint);
  let groups: RunGroup[] = [...byFp].map(([fp, runs]) => {
    const first = runs[0]!;
    const factors = JSON.parse(first.factors) as Record<string, Factor>;
    const campaigns = new Map<string, string>();
    for (const r of runs) if (r.campaignId) campaigns.set(r.campaignId, r.campaignName ?? '');
    const scenarios = new Set<string>();
    for (const r of runs) for (const s of JSON.parse(r.scenarios) as string[]) scenarios.add(s);
    return {
      id: fp,
      label: `${runs.length} repetition${runs.length > 1 ? 's' : ''} of ${first.name}`,
      name: first.name,
      factors: Object.fromEntries(fpKeys.map((k) => [k, factors[k]?.value ?? null])),
      knownFactors: fpKeys.filter((k) => (factors[k]?.value ?? null) !== null).length,
      runCount: runs.length,
      runIds: runs.map((r) => r.id),
      campaigns: [...campaigns].map(([id, name]) => ({ id, name })),
      scenarios: [...scenarios],
      lastCreatedAt: iso(runs[runs.length - 1]!.createdAt),
    };
  });
  const names = new Map(rows.map((r) => [r.id, r.name]));

  if (campaign) groups = groups.filter((g) => g.campaigns.some((c) => c.id === campaign!.id));
  for (const [key, want] of Object.entries(f.factors ?? {}) as [FactorKey, string][]) {
    groups = groups.filter((g) => formatFactorValue(g.factors[key] ?? null) === want);
  }
  if (f.minRuns) groups = groups.filter((g) => g.runCount >= f.minRuns!);
  const q = f.q?.trim().toLowerCase();
  if (q) {
    groups = groups.filter((g) =>
      [
        g.id,
        ...g.runIds,
        ...g.runIds.map((id) => names.get(id) ?? ''),
        ...g.campaigns.map((c) => c.name),
        ...g.scenarios,
        ...Object.values(g.factors).map((v) => formatFactorValue(v ?? null)),
      ].some((s) => s.toLowerCase().includes(q)),
    );
  }
  // Most repetitions first, then the most recent.
  groups.sort(
    (a, b) =>
      b.runCount - a.runCount ||
      b.lastCreatedAt.localeCompare(a.lastCreatedAt) ||
      a.id.localeCompare(b.id),
  );
  const page = f.page ?? 1;
  const pageSize = f.pageSize ?? 50;
  return {
    groups: groups.slice((page - 1) * pageSize, page * pageSize),
    total: groups.length,
    page,
    pageSize,
    campaign,
  };
}
