// The picture of a share link (GET /r/<slug>/image.png): 1200 × 630 px (the Open Graph size), a
// header with the edgeperf mark, the view's title and subtitle (what is compared, units), its
// main chart with legend and axis titles, and a footer saying what the link covers. Drawn from
// ShareImageData only (no hooks, no DOM), so the server renders it to SVG and then to PNG.
import type { ReactNode } from 'react';
import { formatChange, formatP } from '@/components/compare/compareFormat';
import { formatCount, formatSecondsAuto } from '@/lib/format';
import { FACTORS, formatFactorValue, isFactorKey } from '@/lib/factors';
import type { Factor } from '@/lib/apiTypes';
import type { Exploration } from '@/lib/exploreTypes';
import {
  CompareDistribution,
  defaultRowName,
  displaySides,
  presentSides,
  singleValues,
} from './CompareDistribution';
import { Legend, type LegendItem, legendHeight, px } from './parts';
import type { ShareImageData, ShareImageView } from './shareImageData';
import { summarize } from '@/components/coverage/coverageModel';
import { StaticCoverageGrid } from './StaticCoverageGrid';
import { StaticLineChart, type StaticLine, yExtent } from './StaticLineChart';
import { fitText } from './text';
import { LIGHT_THEME, type StaticTheme, themeSeries } from './theme';

export const SHARE_IMAGE_WIDTH = 1200;
export const SHARE_IMAGE_HEIGHT = 630;

const PAD = 48;
const CHART_TOP = 168;
const CHART_BOTTOM = 572;
const FONT = 15;

interface Frame {
  kicker: string;
  title: string;
  subtitle: string;
  footer: string;
  body: (box: { x: number; y: number; width: number; height: number }) => ReactNode;
}

/** The edgeperf mark (components/layout/LogoMark.tsx) in the theme's colours. */
export function StaticLogoMark({
  x,
  y,
  size,
  theme,
}: {
  x: number;
  y: number;
  size: number;
  theme: StaticTheme;
}) {
  const k = size / 32;
  return (
    <g transform={`translate(${x} ${y}) scale(${px(k)})`}>
      <rect width={32} height={32} rx={7} fill={theme.accent} />
      <path
        d="M7 23V17M12.5 23V11M18 23V14M23.5 23V8"
        stroke={theme.accentFg}
        strokeWidth={3}
        strokeLinecap="round"
        fill="none"
      />
      <circle cx={23.5} cy={8} r={2.6} fill={themeSeries(theme, 1)} />
    </g>
  );
}

/** "Backend redis · Sites 4 · RTT (ms) 10": the factors somebody stated. */
export function factorSummary(factors: Record<string, Factor>, max = 5): string {
  const parts: string[] = [];
  for (const [key, f] of Object.entries(factors)) {
    if (f.value === null || typeof f.value === 'object' || !isFactorKey(key)) continue;
    parts.push(`${FACTORS[key].label} ${formatFactorValue(f.value)}`);
  }
  return parts.slice(0, max).join(' · ');
}

function Message({
  box,
  text,
  theme,
}: {
  box: { x: number; y: number; width: number; height: number };
  text: string;
  theme: StaticTheme;
}) {
  return (
    <g>
      <rect
        x={box.x}
        y={box.y}
        width={box.width}
        height={box.height}
        rx={10}
        fill={theme.background}
        stroke={theme.border}
      />
      <text
        x={px(box.x + box.width / 2)}
        y={px(box.y + box.height / 2 + 7)}
        fontSize={20}
        fill={theme.muted}
        textAnchor="middle"
      >
        {text}
      </text>
    </g>
  );
}

function compareFrame(
  view: Extract<ShareImageView, { kind: 'compare' }>,
  theme: StaticTheme,
): Frame {
  const data = view.comparison;
  const sides = displaySides(data);
  // The page's choice (ComparePage): the selected workload if compared, else the first
  // compared one, else the run metrics; the selected row, else `total`, else the first row.
  const matched = data.workloads.filter((w) => w.present[0] && w.present.slice(1).some(Boolean));
  const useMetrics = view.w === 'metrics' ? data.metrics.length > 0 : false;
  const workload = useMetrics
    ? null
    : (matched.find((w) => w.key === view.w) ?? matched[0] ?? null);
  const rows = workload ? workload.rows : data.metrics;
  const rowName =
    view.row && rows.some((r) => r.name === view.row) ? view.row : defaultRowName(rows);
  const row = rows.find((r) => r.name === rowName) ?? null;
  const present = row ? presentSides(row, sides) : [];
  const kind = row && singleValues(present) ? 'box' : view.chart;
  const runCount = new Set(sides.flatMap((s) => s.runs.map((r) => r.id))).size;
  const unit = row?.unit === 's' ? 'seconds' : row?.unit || 'no unit';
  const where = workload ? workload.scenario : 'Run metrics';
  const first = row?.comparisons.find((c) => c !== null) ?? null;
  const headline =
    row && first && sides.length === 2
      ? ` · median ${formatChange(first.change)}, p ${formatP(first.pValue)}: ${first.verdict}`
      : '';
  return {
    kicker: 'Comparison',
    title: `${sides[0]?.label ?? ''} vs ${sides
      .slice(1)
      .map((s) => s.label)
      .join(', ')}`,
    subtitle: row
      ? `${where} · distribution of ${row.name} (${unit})${headline}`
      : `${data.workloads.length} workload${data.workloads.length === 1 ? '' : 's'}, none on both the baseline and a contender, and no run metric`,
    footer: `${sides.length} sides · ${runCount} run${runCount === 1 ? '' : 's'} · ${
      kind === 'box' ? 'Tukey box plots' : 'empirical CDF'
    } · bootstrap seed ${data.method.seed}`,
    body: (box) =>
      row && present.length > 0 ? (
        <g transform={`translate(${box.x} ${box.y})`}>
          <CompareDistribution
            row={row}
            sides={sides}
            kind={kind}
            width={box.width}
            height={box.height}
            theme={theme}
            fontSize={FONT}
            withChanges
          />
        </g>
      ) : (
        <Message box={box} text="No workload in common to compare" theme={theme} />
      ),
  };
}

function runFrame(view: Extract<ShareImageView, { kind: 'run' }>, theme: StaticTheme): Frame {
  const { run, workload, series } = view;
  const factors = factorSummary(run.factors);
  const footer = [
    run.campaign ? `campaign ${run.campaign.name}` : null,
    factors || 'no factors stated',
    view.workloadCount > 1
      ? `workload ${view.workloadIndex + 1} of ${view.workloadCount} shown`
      : null,
  ]
    .filter(Boolean)
    .join(' · ');
  if (!workload) {
    return {
      kicker: 'Run',
      title: run.name,
      subtitle: 'No Rally workload in this run',
      footer,
      body: (box) => <Message box={box} text="No iterations to plot" theme={theme} />,
    };
  }
  const ok = series.filter((p) => !p.failed);
  const failed = series.filter((p) => p.failed);
  const d = workload.stats.total.children.find((c) => c.name === 'duration');
  const references = [
    ...(d?.median != null
      ? [{ label: `median ${formatSecondsAuto(d.median)} s`, value: d.median, color: theme.muted }]
      : []),
    ...(d?.p95 != null
      ? [{ label: `95%ile ${formatSecondsAuto(d.p95)} s`, value: d.p95, color: theme.faint }]
      : []),
  ];
  const lines: StaticLine[] = [
    {
      name: 'Duration',
      color: theme.series[0]!,
      area: true,
      strokeWidth: 1.5,
      points: ok.map((p) => ({ x: p.iteration, y: p.duration })),
    },
  ];
  const dots = failed.length
    ? [
        {
          color: theme.fail,
          radius: 4,
          opacity: 0.9,
          points: failed.map((p) => ({ x: p.iteration, y: p.duration + p.idle })),
        },
      ]
    : [];
  const legend: LegendItem[] = [
    { name: 'Duration of a successful iteration', color: theme.series[0]!, shape: 'square' },
    ...(failed.length
      ? [{ name: 'Failed iteration (duration + idle)', color: theme.fail, shape: 'dot' as const }]
      : []),
    ...references.map((r) => ({ name: r.label, color: r.color, shape: 'dashed' as const })),
  ];
  const sampled =
    workload.iterations > series.length
      ? ` · ${formatCount(series.length)} of ${formatCount(workload.iterations)} shown (min/max kept)`
      : '';
  return {
    kicker: 'Run',
    title: run.name,
    subtitle: `${workload.scenario} · duration per iteration (seconds) · ${formatCount(
      workload.iterations,
    )} iterations, ${formatCount(workload.failures)} failed${sampled}`,
    footer,
    body: (box) =>
      series.length === 0 ? (
        <Message box={box} text="No iterations to plot" theme={theme} />
      ) : (
        <g transform={`translate(${box.x} ${box.y})`}>
          <StaticLineChart
            width={box.width}
            height={box.height}
            lines={lines}
            dots={dots}
            references={references}
            xDomain={[1, Math.max(2, series[series.length - 1]!.iteration)]}
            xIntegers
            xLabel="Iteration"
            yLabel="Duration (s)"
            legend={legend}
            theme={theme}
            fontSize={FONT}
          />
        </g>
      ),
  };
}

/** The scaling chart: the median per x with its interval, a dot per run; one plot per facet. */
export function ScalingPlots({
  data,
  scale,
  width,
  height,
  theme,
  fontSize,
  maxFacets = 6,
}: {
  data: Exploration;
  scale: 'lin' | 'log';
  width: number;
  height: number;
  theme: StaticTheme;
  fontSize: number;
  maxFacets?: number;
}) {
  const seriesNames = [...new Set(data.lines.map((l) => l.series))];
  const color = (s: string) => themeSeries(theme, Math.max(0, seriesNames.indexOf(s)));
  const facets = [...new Set(data.lines.map((l) => l.facet))].sort().slice(0, maxFacets);
  const numeric = data.x.numeric;
  const categories = numeric
    ? undefined
    : [...new Set(data.points.map((p) => String(p.x)))].sort((a, b) => a.localeCompare(b));
  const xOf = (v: number | string) => (categories ? categories.indexOf(String(v)) : Number(v));
  const unit = data.metric.unit;
  const yLabel = unit ? `${data.metric.label} (${unit})` : data.metric.label;
  const log = scale === 'log';
  const perFacet = facets.map((facet) => {
    const lines: StaticLine[] = data.lines
      .filter((l) => l.facet === facet)
      .map((l) => ({
        name: l.series,
        color: color(l.series),
        dots: true,
        points: l.points.map((p) => ({ x: xOf(p.x), y: p.median })),
        band: l.points
          .filter((p) => p.low !== null && p.high !== null)
          .map((p) => ({ x: xOf(p.x), low: p.low!, high: p.high! })),
      }))
      .map((l) => ({ ...l, points: [...l.points].sort((a, b) => a.x - b.x) }));
    const dots = seriesNames.map((s) => ({
      color: color(s),
      radius: 3.5,
      opacity: 0.45,
      points: data.points
        .filter((p) => p.facet === facet && p.series === s)
        .map((p) => ({ x: xOf(p.x), y: p.value })),
    }));
    return { facet, lines, dots };
  });
  // Facets share the y range, so their heights compare.
  const extent = yExtent(
    perFacet.flatMap((f) => f.lines),
    perFacet.flatMap((f) => f.dots),
  );
  const legend: LegendItem[] = data.series
    ? seriesNames.map((s) => ({
        name: `${data.series!.label}: ${s || 'unknown'}`,
        color: color(s),
        shape: 'line' as const,
      }))
    : [
        {
          name: 'Median of the repetitions (band: 95 % interval)',
          color: color(''),
          shape: 'line',
        },
      ];
  const legendH = legendHeight(legend, width, fontSize);
  const cols = perFacet.length <= 1 ? 1 : perFacet.length <= 4 ? 2 : 3;
  const rowsN = Math.max(1, Math.ceil(perFacet.length / cols));
  const gap = 16;
  const cellW = (width - gap * (cols - 1)) / cols;
  const cellH = (height - legendH - gap * (rowsN - 1)) / rowsN;
  const small = perFacet.length > 2 ? fontSize - 2 : fontSize;
  return (
    <g>
      <Legend x={0} y={0} width={width} items={legend} theme={theme} fontSize={fontSize} />
      {perFacet.map((f, i) => (
        <g
          key={f.facet}
          transform={`translate(${px((i % cols) * (cellW + gap))} ${px(
            legendH + Math.floor(i / cols) * (cellH + gap),
          )})`}
        >
          <StaticLineChart
            width={cellW}
            height={cellH}
            lines={f.lines}
            dots={f.dots}
            categories={categories}
            xIntegers={numeric && data.points.every((p) => Number.isInteger(Number(p.x)))}
            yDomain={extent}
            yLog={log}
            xLabel={data.x.label}
            yLabel={yLabel}
            caption={data.facet ? `${data.facet.label}: ${f.facet || 'unknown'}` : undefined}
            theme={theme}
            fontSize={small}
          />
        </g>
      ))}
    </g>
  );
}

function exploreFrame(
  view: Extract<ShareImageView, { kind: 'explore' }>,
  theme: StaticTheme,
): Frame {
  const data = view.exploration;
  const facets = new Set(data.lines.map((l) => l.facet)).size;
  const what = [
    data.series ? `one line per ${data.series.label.toLowerCase()}` : 'median of the repetitions',
    data.facet ? `one plot per ${data.facet.label.toLowerCase()}` : null,
    data.scenario,
    view.scale === 'log' ? 'log scale' : null,
  ]
    .filter(Boolean)
    .join(' · ');
  const unit = data.metric.unit ? ` (${data.metric.unit})` : '';
  return {
    kicker: 'Explore',
    title: `${data.metric.label}${unit} vs ${data.x.label}`,
    subtitle: `${what}${facets > 6 ? ` · first 6 of ${facets} plots` : ''}`,
    footer: `${data.points.length} run${data.points.length === 1 ? '' : 's'} plotted${
      data.excluded.length ? ` · ${data.excluded.length} left out (unknown x or no value)` : ''
    } · dots: runs; line: median per x; band: its 95 % bootstrap interval`,
    body: (box) =>
      data.points.length === 0 ? (
        <Message box={box} text="No run has this metric and a known x" theme={theme} />
      ) : (
        <g transform={`translate(${box.x} ${box.y})`}>
          <ScalingPlots
            data={data}
            scale={view.scale}
            width={box.width}
            height={box.height}
            theme={theme}
            fontSize={FONT}
          />
        </g>
      ),
  };
}

function runsFrame(view: Extract<ShareImageView, { kind: 'runs' }>, theme: StaticTheme): Frame {
  const shown = view.runs.slice(0, 7);
  return {
    kicker: 'Runs',
    title: view.filters.length ? `Runs: ${view.filters.join(', ')}` : 'Runs',
    subtitle: `${formatCount(view.total)} run${view.total === 1 ? '' : 's'} of OpenStack benchmarks, with their factors`,
    footer: `${formatCount(view.total)} run${view.total === 1 ? '' : 's'} covered by this link`,
    body: (box) => (
      <g>
        {shown.map((r, i) => {
          const y = box.y + i * 54;
          const facts = factorSummary(r.factors, 4);
          const detail = [
            r.scenarios[0] ?? null,
            r.iterations ? `${formatCount(r.iterations)} iterations` : null,
            facts || null,
          ]
            .filter(Boolean)
            .join(' · ');
          return (
            <g key={r.id}>
              <rect x={box.x} y={y} width={box.width} height={46} rx={8} fill={theme.background} />
              <rect x={box.x} y={y} width={5} height={46} rx={2} fill={themeSeries(theme, i)} />
              <text x={box.x + 20} y={y + 20} fontSize={17} fontWeight={700} fill={theme.text}>
                {fitText(r.name, box.width * 0.5, 17, true)}
              </text>
              <text x={box.x + 20} y={y + 38} fontSize={13} fill={theme.muted}>
                {fitText(detail || r.id, box.width - 40, 13)}
              </text>
            </g>
          );
        })}
        {view.total > shown.length && (
          <text x={box.x} y={box.y + shown.length * 54 + 20} fontSize={15} fill={theme.faint}>
            {`and ${formatCount(view.total - shown.length)} more`}
          </text>
        )}
        {view.total === 0 && <Message box={box} text="No runs match" theme={theme} />}
      </g>
    ),
  };
}

function coverageFrame(
  view: Extract<ShareImageView, { kind: 'coverage' }>,
  theme: StaticTheme,
): Frame {
  const data = view.coverage;
  const s = summarize(data);
  const plural = (n: number, one: string) => `${formatCount(n)} ${one}${n === 1 ? '' : 's'}`;
  const scope = data.campaign ? `campaign ${data.campaign.name}` : 'all shared runs';
  return {
    kicker: 'Design coverage',
    title: `${data.rows.label} × ${data.cols.label}`,
    subtitle: `${scope} · ${s.withRuns} of ${plural(s.combinations, 'combination')} with runs · ${s.missing} missing · ${plural(s.few, 'cell')} with fewer than 3 repetitions`,
    footer: `${plural(s.totalRuns, 'run')} · cell = runs (repetitions) with these two values${
      s.unknownRuns ? ` · ${plural(s.unknownRuns, 'run')} with an unknown value` : ''
    }`,
    body: (box) =>
      s.totalRuns === 0 ? (
        <Message box={box} text="No run in this grid" theme={theme} />
      ) : (
        <g transform={`translate(${box.x} ${box.y})`}>
          <StaticCoverageGrid
            data={data}
            width={box.width}
            height={box.height}
            theme={theme}
            fontSize={FONT}
          />
        </g>
      ),
  };
}

function cardFrame(view: Extract<ShareImageView, { kind: 'card' }>, theme: StaticTheme): Frame {
  return {
    kicker: 'Shared view',
    title: view.title,
    subtitle: view.subtitle,
    footer: 'edgeperf: performance analysis of distributed OpenStack experiments',
    body: (box) => (
      <g>
        <StaticLogoMark x={box.x + box.width / 2 - 80} y={box.y + 60} size={160} theme={theme} />
      </g>
    ),
  };
}

function frameOf(data: ShareImageData, theme: StaticTheme): Frame {
  switch (data.kind) {
    case 'compare':
      return compareFrame(data, theme);
    case 'run':
      return runFrame(data, theme);
    case 'explore':
      return exploreFrame(data, theme);
    case 'runs':
      return runsFrame(data, theme);
    case 'coverage':
      return coverageFrame(data, theme);
    default:
      return cardFrame(data, theme);
  }
}

export function ShareImage({
  data,
  theme = LIGHT_THEME,
}: {
  data: ShareImageData;
  theme?: StaticTheme;
}) {
  const W = SHARE_IMAGE_WIDTH;
  const H = SHARE_IMAGE_HEIGHT;
  const f = frameOf(data, theme);
  const inner = W - 2 * PAD;
  const kicker = `${f.kicker} · shared view`;
  return (
    <svg
      xmlns="http://www.w3.org/2000/svg"
      width={W}
      height={H}
      viewBox={`0 0 ${W} ${H}`}
      fontFamily={theme.fontFamily ?? undefined}
      role="img"
      aria-label={`${f.title}: ${f.subtitle}`}
    >
      <rect width={W} height={H} fill={theme.surface} />
      <rect width={W} height={6} fill={theme.accent} />
      <StaticLogoMark x={PAD} y={30} size={34} theme={theme} />
      <text x={PAD + 46} y={55} fontSize={22} fontWeight={700} fill={theme.text}>
        edgeperf
      </text>
      <text x={W - PAD} y={54} fontSize={16} fill={theme.muted} textAnchor="end">
        {kicker}
      </text>
      <text x={PAD} y={112} fontSize={30} fontWeight={700} fill={theme.text}>
        {fitText(f.title, inner, 30, true)}
      </text>
      <text x={PAD} y={144} fontSize={17} fill={theme.muted}>
        {fitText(f.subtitle, inner, 17)}
      </text>
      {f.body({ x: PAD, y: CHART_TOP, width: inner, height: CHART_BOTTOM - CHART_TOP })}
      <line x1={PAD} x2={W - PAD} y1={590} y2={590} stroke={theme.border} />
      <text x={PAD} y={614} fontSize={14} fill={theme.faint}>
        {fitText(f.footer, inner - 260, 14)}
      </text>
      <text x={W - PAD} y={614} fontSize={14} fill={theme.faint} textAnchor="end">
        {`/r/${data.slug}`}
      </text>
    </svg>
  );
}
