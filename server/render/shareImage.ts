// The data behind a share link's image (GET /r/<slug>/image.png): the link's saved view parsed
// like the page parses its URL, answered by the same functions as the API (getComparison,
// getExploration, getCoverage, the run store) and through the link's scope, so an image shows
// only what the link covers. The drawing is components/static/ShareImage.tsx.
import type {
  ImageIteration,
  ShareImageData,
  ShareImageView,
} from '@/components/static/shareImageData';
import { FACTOR_KEYS, FACTORS, type FactorKey } from '@/lib/factors';
import { ApiError } from '../http/errors';
import { getComparison } from '../queries/getComparison';
import { getCoverage } from '../queries/getCoverage';
import { getExploration } from '../queries/getExploration';
import type { ShareScope } from '../store/shares';
import { getIterations, getRun, listRuns } from '../store/runs';

/** The page's chart sampling (components/run/WorkloadView.tsx CHART_POINTS): min/max kept. */
const IMAGE_POINTS = 2000;

const SIDE = /^(run|fp)_[0-9A-Za-z]+$/;

function seedOf(p: URLSearchParams): number | undefined {
  const s = Number(p.get('seed'));
  return Number.isInteger(s) && s >= 0 && s < 2 ** 32 && p.get('seed') !== null ? s : undefined;
}

/**
 * The sides of a compare view as the page reads them (nuqs: `contenders` is comma separated;
 * ComparePage drops a contender equal to the baseline).
 */
export function compareSides(p: URLSearchParams): { baseline: string; contenders: string[] } {
  const baseline = p.get('baseline')?.trim() ?? '';
  const contenders = (p.get('contenders') ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s && s !== baseline);
  if (!SIDE.test(baseline) || contenders.length === 0 || !contenders.every((c) => SIDE.test(c)))
    throw new ApiError(404, 'NOT_FOUND', 'this link saved no comparison to draw');
  return { baseline, contenders: contenders.slice(0, 20) };
}

async function compareView(p: URLSearchParams, scope: ShareScope): Promise<ShareImageView> {
  const sides = compareSides(p);
  const comparison = await getComparison({
    ...sides,
    seed: seedOf(p),
    allowedRuns: scope.runIds,
    groupMembers: scope.groups,
  });
  return {
    kind: 'compare',
    comparison,
    w: p.get('w'),
    row: p.get('row'),
    chart: p.get('chart') === 'box' ? 'box' : 'ecdf',
  };
}

async function runView(id: string, p: URLSearchParams, scope: ShareScope): Promise<ShareImageView> {
  // A link to run A never draws run B, whatever its view says.
  if (!scope.runIds.has(id)) throw new ApiError(404, 'NOT_FOUND', `no run ${id}`);
  const run = await getRun(id);
  if (!run) throw new ApiError(404, 'NOT_FOUND', `no run ${id}`);
  const w = run.workloads.find((x) => x.id === p.get('w')) ?? run.workloads[0] ?? null;
  let series: ImageIteration[] = [];
  if (w) {
    const page = await getIterations(run.id, w.id, { points: IMAGE_POINTS });
    series = (page?.data ?? []).map((it) => ({
      iteration: it.i + 1,
      duration: it.duration,
      idle: it.idleDuration,
      failed: it.error !== null,
    }));
  }
  return {
    kind: 'run',
    run: { id: run.id, name: run.name, campaign: run.campaign, factors: run.factors },
    workloadCount: run.workloads.length,
    workloadIndex: w ? run.workloads.indexOf(w) : 0,
    workload: w
      ? {
          id: w.id,
          scenario: w.scenario,
          runner: w.runner,
          iterations: w.iterations,
          failures: w.failures,
          stats: w.stats,
        }
      : null,
    series,
  };
}

async function exploreView(p: URLSearchParams, scope: ShareScope): Promise<ShareImageView> {
  const exploration = await getExploration({
    metric: p.get('metric') || 'duration:p50:total',
    x: p.get('x') || 'sites',
    series: p.get('series') || null,
    facet: p.get('facet') || null,
    scenario: p.get('scenario') || null,
    seed: seedOf(p),
    allowedRuns: scope.runIds,
  });
  return { kind: 'explore', exploration, scale: p.get('scale') === 'log' ? 'log' : 'lin' };
}

async function runsView(p: URLSearchParams, scope: ShareScope): Promise<ShareImageView> {
  const factors: Partial<Record<FactorKey, string>> = {};
  const filters: string[] = [];
  const q = p.get('q');
  if (q) filters.push(`“${q}”`);
  for (const key of FACTOR_KEYS) {
    const v = p.get(key);
    if (v === null) continue;
    factors[key] = v;
    filters.push(`${FACTORS[key].label.toLowerCase()} ${v}`);
  }
  for (const k of ['scenario', 'campaign'] as const) {
    const v = p.get(k);
    if (v) filters.push(`${k} ${v}`);
  }
  const list = await listRuns({
    q: q ?? undefined,
    scenario: p.get('scenario') ?? undefined,
    campaign: p.get('campaign') ?? undefined,
    factors,
    pageSize: 7,
    allowedRuns: scope.runIds,
  });
  return { kind: 'runs', filters, runs: list.runs, total: list.total };
}

async function coverageView(p: URLSearchParams, scope: ShareScope): Promise<ShareImageView> {
  const coverage = await getCoverage({
    rows: p.get('rows') || 'backend',
    cols: p.get('cols') || 'sites',
    campaign: p.get('campaign') || null,
    allowedRuns: scope.runIds,
  });
  return { kind: 'coverage', coverage };
}

/** Everything the image of `scope`'s view is drawn from. Throws ApiError 404 when it is gone. */
export async function shareImageData(scope: ShareScope): Promise<ShareImageData> {
  const url = new URL(scope.view, 'http://edgeperf.invalid');
  const p = url.searchParams;
  let view: ShareImageView;
  if (url.pathname === '/compare') view = await compareView(p, scope);
  else if (url.pathname.startsWith('/runs/'))
    view = await runView(url.pathname.slice('/runs/'.length), p, scope);
  else if (url.pathname === '/explore') view = await exploreView(p, scope);
  else if (url.pathname === '/') view = await runsView(p, scope);
  else if (url.pathname === '/coverage') view = await coverageView(p, scope);
  else {
    const name = url.pathname.replace(/^\//, '') || 'edgeperf';
    view = {
      kind: 'card',
      title: name.charAt(0).toUpperCase() + name.slice(1),
      subtitle: `A shared edgeperf view covering ${scope.runIds.size} run${scope.runIds.size === 1 ? '' : 's'}`,
    };
  }
  return { ...view, slug: scope.slug, runCount: scope.runIds.size };
}
