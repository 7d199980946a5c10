// The traffic and VM-placement parts of GET /api/compare (issue 5): per side, the site × site
// matrices of its captures, bytes/frames/messages per service, AMQP messages, database queries
// and WAN bytes per successful Rally iteration, and the share of instances per site; per
// contender, the difference to the baseline. A side of several runs (a group) is summarised by
// the per-run mean over the runs that have captures (docs/statistics.md, "Traffic").
//
// Capture summaries are JSON on the Capture table; only the sections used here are read, with
// SQLite's json_extract (the conversations and time series can be much larger), once per
// capture and only for runs that have captures.
import type { Metric } from '@/lib/apiTypes';
import type {
  ComparePlacement,
  ComparePlacementSide,
  CompareTraffic,
  CompareTrafficMatrices,
  CompareTrafficSide,
  CompareTrafficTotals,
} from '@/lib/compareTypes';
import {
  dbQueries,
  type MatrixMetric,
  matrixSites,
  naturalCompare,
  normalizeCapture,
  pivotMatrix,
  servicesByName,
  type TrafficCapture,
} from '@/lib/traffic';
import { type Db, jsonPath, marks } from '../database';
import { type VmPlacement, vmPlacement } from './vmPlacement';

const MATRIX_METRICS: MatrixMetric[] = ['bytes', 'frames', 'messages'];

type CaptureRow = {
  id: string;
  runId: string;
  file: string;
  packets: number;
  bytes: number;
  siteMatrix: string | null;
  services: string | null;
  amqpMessages: number | string | null;
  publishes: string | null;
  mysqlCommands: string | null;
  redisCommands: string | null;
};

function parse(text: string | null): unknown {
  if (text == null) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** The captures of these runs, with the sections the comparison needs, by run. */
async function readCaptures(db: Db, runIds: string[]): Promise<Map<string, TrafficCapture[]>> {
  const out = new Map<string, TrafficCapture[]>();
  if (runIds.length === 0) return out;
  const at = (...path: string[]) => jsonPath(db, 'summary', path);
  const rows = await db.all<CaptureRow>(
    `SELECT id, runId, file, packets, bytes,
       ${at('siteMatrix')} AS siteMatrix,
       ${at('services')} AS services,
       ${at('amqp', 'messages')} AS amqpMessages,
       ${at('amqp', 'publishesByRoutingKey')} AS publishes,
       ${at('mysql', 'commands')} AS mysqlCommands,
       ${at('redis', 'commands')} AS redisCommands
     FROM Capture WHERE runId IN (${marks(runIds.length)}) ORDER BY file, id`,
    runIds,
  );
  for (const r of rows) {
    // Through lib/traffic's normalisation: the sections read here, typed and checked, the
    // others empty.
    const c = normalizeCapture({
      id: r.id,
      file: r.file,
      packets: r.packets,
      bytes: r.bytes,
      firstTime: null,
      lastTime: null,
      undecoded: 0,
      siteMatrix: parse(r.siteMatrix),
      services: parse(r.services),
      // a number (SQLite's json_extract) or its text (PostgreSQL's #>>)
      amqp: {
        messages: r.amqpMessages == null ? null : Number(r.amqpMessages),
        publishesByRoutingKey: parse(r.publishes),
      },
      mysql: { commands: parse(r.mysqlCommands) },
      redis: { commands: parse(r.redisCommands) },
    });
    const list = out.get(r.runId) ?? [];
    list.push(c);
    out.set(r.runId, list);
  }
  return out;
}

const zeroTotals = (): CompareTrafficTotals => ({
  bytes: 0,
  packets: 0,
  amqpMessages: 0,
  mysqlQueries: 0,
  redisCommands: 0,
  dbQueries: 0,
  wanBytes: 0,
  localBytes: 0,
  unmappedBytes: 0,
});

function addTotals(a: CompareTrafficTotals, b: CompareTrafficTotals): CompareTrafficTotals {
  const out = { ...a };
  for (const k of Object.keys(out) as (keyof CompareTrafficTotals)[]) out[k] += b[k];
  return out;
}

function scaleTotals(t: CompareTrafficTotals, f: number): CompareTrafficTotals {
  const out = { ...t };
  for (const k of Object.keys(out) as (keyof CompareTrafficTotals)[]) out[k] *= f;
  return out;
}

/** The totals of one run's captures. */
function runTotals(captures: TrafficCapture[]): CompareTrafficTotals {
  const t = zeroTotals();
  for (const c of captures) {
    const q = dbQueries(c);
    t.bytes += c.bytes;
    t.packets += c.packets;
    t.amqpMessages += c.amqp.messages;
    t.mysqlQueries += q.mysql;
    t.redisCommands += q.redis;
    t.dbQueries += q.mysql + q.redis;
  }
  const bytes = pivotMatrix(
    captures.flatMap((c) => c.siteMatrix),
    'bytes',
    null,
  );
  t.wanBytes = bytes.wan;
  t.localBytes = bytes.local;
  t.unmappedBytes = bytes.unmapped;
  return t;
}

const scaleMatrix = (m: number[][], f: number) => m.map((row) => row.map((v) => v * f));
const subMatrix = (a: number[][], b: number[][]) =>
  a.map((row, i) => row.map((v, j) => v - (b[i]?.[j] ?? 0)));

function trafficSide(
  runIds: string[],
  captures: Map<string, TrafficCapture[]>,
  successes: Map<string, number>,
  sites: string[],
): CompareTrafficSide | null {
  const runs = runIds.filter((r) => captures.has(r));
  if (runs.length === 0) return null;
  const mean = 1 / runs.length;
  const all = runs.flatMap((r) => captures.get(r)!);
  const cells = all.flatMap((c) => c.siteMatrix);
  const matrix = Object.fromEntries(
    MATRIX_METRICS.map((m) => [m, scaleMatrix(pivotMatrix(cells, m, null, sites).values, mean)]),
  ) as unknown as CompareTrafficMatrices;
  const perRun = new Map(runs.map((r) => [r, runTotals(captures.get(r)!)]));
  const totals = scaleTotals([...perRun.values()].reduce(addTotals, zeroTotals()), mean);

  // Per successful iteration: the captured runs that also have Rally workloads, their traffic
  // over their successful iterations (a ratio of sums, i.e. of per-run means).
  const iterationRuns = runs.filter((r) => successes.has(r));
  const ok = iterationRuns.reduce((n, r) => n + successes.get(r)!, 0);
  const iterTotals = iterationRuns.map((r) => perRun.get(r)!).reduce(addTotals, zeroTotals());
  return {
    runs,
    runsWithout: runIds.filter((r) => !captures.has(r)),
    captures: all.length,
    matrix,
    services: servicesByName(all.flatMap((c) => c.services)).map((s) => ({
      service: s.service,
      frames: s.frames * mean,
      bytes: s.bytes * mean,
      messages: s.messages * mean,
    })),
    totals,
    successfulIterations: iterationRuns.length ? ok / iterationRuns.length : null,
    iterationRuns,
    perIteration:
      ok > 0
        ? {
            amqpMessages: iterTotals.amqpMessages / ok,
            dbQueries: iterTotals.dbQueries / ok,
            wanBytes: iterTotals.wanBytes / ok,
          }
        : null,
  };
}

function placementSide(
  runIds: string[],
  placements: Map<string, VmPlacement>,
  sites: string[],
): ComparePlacementSide | null {
  const runs = runIds.filter((r) => placements.has(r));
  if (runs.length === 0) return null;
  const list = runs.map((r) => placements.get(r)!);
  const n = list.length;
  const sources = new Set(list.map((p) => p.source));
  const units = new Set(list.map((p) => p.unit));
  const unmapped = new Map<string, number>();
  let unmappedShare = 0;
  for (const p of list) {
    const mapped = p.sites.reduce((a, s) => a + s.value, 0);
    const lost = p.unmapped.reduce((a, h) => a + h.value, 0);
    if (mapped + lost > 0) unmappedShare += ((lost / (mapped + lost)) * 100) / n;
    for (const h of p.unmapped) unmapped.set(h.host, (unmapped.get(h.host) ?? 0) + h.value / n);
  }
  // A site one run of the group has and another lacks counts 0 % there; a site no run of the
  // side has is null (not part of this deployment).
  const perSite = (field: 'share' | 'value') =>
    sites.map((site) => {
      const hits = list.map((p) => p.sites.find((s) => s.site === site));
      if (hits.every((h) => h === undefined)) return null;
      return hits.reduce((a, h) => a + (h?.[field] ?? 0), 0) / n;
    });
  return {
    runs,
    runsWithout: runIds.filter((r) => !placements.has(r)),
    source: sources.size === 1 ? list[0]!.source : 'mixed',
    unit: units.size === 1 ? list[0]!.unit : '',
    shares: perSite('share'),
    values: perSite('value'),
    unmappedShare,
    unmapped: [...unmapped]
      .sort(([a], [b]) => naturalCompare(a, b))
      .map(([host, value]) => ({ host, value })),
  };
}

/**
 * Traffic and VM placement of the sides (each a list of run ids, baseline first). `metrics`
 * are the run metrics the comparison already read (placement from a summary table).
 */
export async function compareTrafficAndPlacement(
  db: Db,
  sides: string[][],
  metrics: { runId: string; name: string; value: number; unit: string }[],
): Promise<{ traffic: CompareTraffic | null; placement: ComparePlacement | null }> {
  const allRuns = [...new Set(sides.flat())];
  const captures = await readCaptures(db, allRuns);
  const captured = [...captures.keys()];

  // Successful Rally iterations of the captured runs; hosts (inventory) to map compute hosts.
  const successes = new Map<string, number>();
  const hosts = new Map<string, { name: string; site: string | null }[]>();
  if (captured.length) {
    const okRows = await db.all<{ runId: string; ok: number }>(
      `SELECT runId, SUM(iterations - failures) AS ok FROM Workload
       WHERE runId IN (${marks(captured.length)}) GROUP BY runId`,
      captured,
    );
    for (const r of okRows) successes.set(r.runId, r.ok);
    const hostRows = await db.all<{ id: string; hosts: string | null }>(
      `SELECT id, ${jsonPath(db, 'measurements', ['hosts'])} AS hosts FROM Run WHERE id IN (${marks(captured.length)})`,
      captured,
    );
    for (const r of hostRows) {
      const list = parse(r.hosts);
      if (Array.isArray(list)) hosts.set(r.id, list as { name: string; site: string | null }[]);
    }
  }

  let traffic: CompareTraffic | null = null;
  if (captured.length) {
    const sideRuns = sides.map((ids) => ids.filter((r) => captures.has(r)));
    const sites = matrixSites(
      sideRuns.flat().flatMap((r) => captures.get(r)!.flatMap((c) => c.siteMatrix)),
    );
    const trafficSides = sides.map((ids) => trafficSide(ids, captures, successes, sites));
    const serviceBytes = new Map<string, number>();
    for (const s of trafficSides)
      for (const x of s?.services ?? [])
        serviceBytes.set(x.service, (serviceBytes.get(x.service) ?? 0) + x.bytes);
    const base = trafficSides[0] ?? null;
    traffic = {
      sites,
      services: [...serviceBytes]
        .sort((x, y) => y[1] - x[1] || naturalCompare(x[0], y[0]))
        .map(([s]) => s),
      aggregation: 'per-run mean',
      sides: trafficSides,
      differences: trafficSides.slice(1).map((s) =>
        s && base
          ? {
              bytes: subMatrix(s.matrix.bytes, base.matrix.bytes),
              frames: subMatrix(s.matrix.frames, base.matrix.frames),
              messages: subMatrix(s.matrix.messages, base.matrix.messages),
            }
          : null,
      ),
    };
  }

  // VM placement per run, as GET /api/runs/:id computes it (server/queries/vmPlacement.ts).
  const metricsByRun = new Map<string, Metric[]>();
  for (const m of metrics) {
    if (!m.name.startsWith('vms@')) continue;
    const list = metricsByRun.get(m.runId) ?? [];
    list.push({ name: m.name, value: m.value, unit: m.unit });
    metricsByRun.set(m.runId, list);
  }
  const placements = new Map<string, VmPlacement>();
  for (const r of allRuns) {
    const p = vmPlacement(metricsByRun.get(r) ?? [], captures.get(r) ?? [], hosts.get(r) ?? []);
    if (p) placements.set(r, p);
  }
  let placement: ComparePlacement | null = null;
  if (placements.size) {
    const sites = [
      ...new Set([...placements.values()].flatMap((p) => p.sites.map((s) => s.site))),
    ].sort(naturalCompare);
    const placementSides = sides.map((ids) => placementSide(ids, placements, sites));
    const base = placementSides[0] ?? null;
    placement = {
      sites,
      sides: placementSides,
      differences: placementSides.slice(1).map((s) =>
        s && base
          ? s.shares.map((v, i) => {
              const b = base.shares[i];
              return v == null || b == null ? null : v - b;
            })
          : null,
      ),
    };
  }
  return { traffic, placement };
}
