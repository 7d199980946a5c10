'use client';

import { type ReactNode, useMemo } from 'react';
import { ChartTooltipBox } from '@/components/charts/ChartTooltip';
import { seriesColor } from '@/components/charts/chartTheme';
import { GroupedBarChart } from '@/components/charts/GroupedBarChart';
import { DivergingLegend, HeatMap, HeatMapLegend } from '@/components/charts/HeatMap';
import { useCompareTrafficMetric } from '@/components/hooks/useTrafficState';
import {
  formatMatrixDelta,
  formatMatrixValue,
  MATRIX_HUES,
  MATRIX_METRICS,
} from '@/components/traffic/matrixParts';
import { Panel } from '@/components/ui/Panel';
import { Segmented } from '@/components/ui/Segmented';
import type { CompareSide, CompareTraffic, CompareTrafficSide } from '@/lib/compareTypes';
import { formatBytes, formatNumber } from '@/lib/format';
import { cellKind, colorScale, divergingScale, type MatrixMetric, UNMAPPED } from '@/lib/traffic';
import { formatChange } from './compareFormat';
import { SideLabel } from './SideLabel';

/** Colours of the difference map: fewer on the contender (blue), more (vermillion). */
const LESS = { name: 'less than the baseline', color: 'var(--chart-1)' };
const MORE = { name: 'more than the baseline', color: 'var(--chart-6)' };

const METRIC_NOUN: Record<MatrixMetric, string> = {
  bytes: 'bytes',
  messages: 'messages',
  frames: 'frames',
};

function metricUnit(metric: MatrixMetric): string {
  return metric === 'bytes' ? 'bytes (SI units)' : METRIC_NOUN[metric];
}

/** What the colour legend's numbers are. */
const METRIC_NOTE: Record<MatrixMetric, string> = {
  bytes: 'Bytes on the wire, SI units (1 kB = 1,000 B).',
  messages: 'Messages: AMQP content messages, MySQL and Redis commands.',
  frames: 'Frames (packets) on the wire.',
};

/** What a side's numbers are: a run's, or the per-run mean of a group's captured runs. */
function basisNote(t: CompareTrafficSide): string {
  const n = t.runs.length;
  const caps = `${t.captures} capture${t.captures > 1 ? 's' : ''}`;
  const base = n > 1 ? `mean of ${n} runs (${caps})` : caps;
  return t.runsWithout.length
    ? `${base}; ${t.runsWithout.length} run${t.runsWithout.length > 1 ? 's' : ''} without capture left out`
    : base;
}

function SubHeading({ children, aside }: { children: ReactNode; aside?: ReactNode }) {
  return (
    <div className="mb-3 flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1">
      <h3 className="text-[12.5px] font-semibold text-fg">{children}</h3>
      {aside && <p className="text-[11px] text-muted">{aside}</p>}
    </div>
  );
}

function NoCapture({ side, index }: { side: CompareSide; index: number }) {
  return (
    <div
      className="flex min-h-[120px] flex-col justify-center rounded-md border border-dashed border-border-strong px-4 py-5 text-[12px] text-muted"
      data-testid="traffic-no-capture"
      data-side={side.id}
    >
      <SideLabel side={side} index={index} maxWidth={260} />
      <p className="mt-2">
        No traffic capture on this side. Attach one to a run with{' '}
        <code className="font-mono text-[11px]">
          edgeperf ingest cap.pcapng --run &lt;id&gt; --sites …
        </code>
        .
      </p>
    </div>
  );
}

/**
 * The compare page's Traffic section: the sides' site × site matrices side by side on one
 * colour scale, each contender's difference to the baseline on a diverging scale, the services
 * per side, and the traffic per successful Rally iteration.
 */
export function TrafficComparison({
  traffic,
  sides,
}: {
  traffic: CompareTraffic;
  sides: CompareSide[];
}) {
  // In the URL (`tm`), so a link or a share reproduces it.
  const [{ tm: metric }, setState] = useCompareTrafficMetric();
  const { sites } = traffic;
  const kinds = useMemo(() => sites.map((s) => sites.map((d) => cellKind(s, d))), [sites]);
  const fmt = (v: number, compact = false) => formatMatrixValue(metric, v, compact);
  const fmtDelta = (v: number, compact = false) => formatMatrixDelta(metric, v, compact);
  const noun = METRIC_NOUN[metric];

  // One colour scale for every side, so the same colour is the same amount everywhere.
  const scale = useMemo(
    () => colorScale(traffic.sides.flatMap((t) => (t ? t.matrix[metric].flat() : []))),
    [traffic, metric],
  );
  const diffScale = useMemo(
    () => divergingScale(traffic.differences.flatMap((d) => (d ? d[metric].flat() : []))),
    [traffic, metric],
  );
  const baseline = traffic.sides[0] ?? null;
  const ticks = (scale.kind === 'linear' ? [0, 0.5, 1] : [0.08, 0.54, 1]).map((t) => ({
    t,
    label: fmt(scale.value(t)),
  }));
  const usedKinds = new Set(
    traffic.sides.flatMap((t) =>
      t ? kinds.flatMap((row, i) => row.filter((_, j) => t.matrix[metric][i]![j]! !== 0)) : [],
    ),
  );
  const matrixTotal = (m: number[][]) => m.reduce((a, r) => a + r.reduce((b, v) => b + v, 0), 0);
  const wanOf = (m: number[][]) =>
    m.reduce((a, r, i) => a + r.reduce((b, v, j) => b + (kinds[i]![j] === 'wan' ? v : 0), 0), 0);

  const cellTooltip = (
    title: ReactNode,
    rows: { k: number; v: number | null }[],
    delta?: number,
  ) => (
    <ChartTooltipBox
      title={title}
      rows={rows.map(({ k, v }) => ({
        color: seriesColor(k),
        name: sides[k]?.label ?? '',
        value: v == null ? 'no capture' : fmt(v),
      }))}
      footer={delta != null ? `difference: ${fmtDelta(delta)}` : undefined}
    />
  );

  return (
    <Panel
      title="Traffic"
      subtitle={`What each side's captures carried: ${noun} between sites, their difference to the baseline, per service and per successful Rally iteration. A side of several runs shows the per-run mean over its captured runs.`}
      actions={
        <Segmented
          label="Traffic metric"
          size="xs"
          value={metric}
          onChange={(v) => void setState({ tm: v })}
          options={MATRIX_METRICS}
        />
      }
      bodyClassName="p-4 space-y-7"
    >
      <div data-testid="compare-traffic" className="space-y-7">
        <section aria-labelledby="traffic-matrices">
          <SubHeading
            aside={`${noun} sent from the row's site to the column's site · one colour scale for every side`}
          >
            <span id="traffic-matrices">Site × site {noun}</span>
          </SubHeading>
          <div className="grid gap-x-6 gap-y-5 lg:grid-cols-2">
            {sides.map((side, k) => {
              const t = traffic.sides[k];
              if (!t) return <NoCapture key={side.id} side={side} index={k} />;
              const m = t.matrix[metric];
              const total = matrixTotal(m);
              const wan = wanOf(m);
              return (
                <figure
                  key={side.id}
                  className="m-0 min-w-0"
                  data-testid="traffic-matrix"
                  data-side={side.id}
                >
                  <figcaption className="mb-2 flex flex-wrap items-baseline justify-between gap-x-3 gap-y-1 text-[12px]">
                    <SideLabel side={side} index={k} maxWidth={260} />
                    <span className="text-muted tabular-nums">
                      <span className="font-medium text-fg">{fmt(total)}</span> in all · WAN{' '}
                      <span className="font-medium text-fg">{fmt(wan)}</span>
                      {total > 0 && ` (${((wan / total) * 100).toFixed(1)} %)`}
                    </span>
                  </figcaption>
                  <HeatMap
                    ariaLabel={`Site × site ${noun} of ${side.label}`}
                    rows={sites}
                    cols={sites}
                    values={m}
                    rowAxis="from ↓"
                    colAxis="to →"
                    hue={(r, c) => MATRIX_HUES[kinds[r]![c]!].color}
                    scale={scale.t}
                    outline={(r, c) =>
                      r === c && kinds[r]![c] === 'local'
                        ? 'color-mix(in oklab, var(--chart-3) 70%, transparent)'
                        : null
                    }
                    formatCell={(v, compact) => fmt(v, compact)}
                    tooltip={(r, c) =>
                      cellTooltip(
                        `${sites[r]} → ${sites[c]}`,
                        sides.map((_, j) => ({
                          k: j,
                          v: traffic.sides[j]?.matrix[metric][r]?.[c] ?? null,
                        })),
                      )
                    }
                    cellLabel={(r, c) => `${sites[r]} to ${sites[c]}: ${fmt(m[r]![c]!)}`}
                  />
                  <p className="mt-1 text-[11px] text-faint">{basisNote(t)}</p>
                </figure>
              );
            })}
          </div>
          <div className="mt-3">
            <HeatMapLegend
              hues={(['wan', 'local', 'unmapped'] as const)
                .filter((k) => usedKinds.has(k))
                .map((k) => MATRIX_HUES[k])}
              ticks={ticks}
              note={`${METRIC_NOTE[metric]} ${
                scale.kind === 'log'
                  ? 'Logarithmic colour scale from the smallest to the largest cell of all sides.'
                  : 'Linear colour scale from 0 to the largest cell of all sides.'
              }${sites.includes(UNMAPPED) ? ` "${UNMAPPED}" gathers addresses outside every site.` : ''}`}
            />
          </div>
        </section>

        {sides.length > 1 && (
          <section aria-labelledby="traffic-differences">
            <SubHeading aside={`contender − baseline, ${metricUnit(metric)}`}>
              <span id="traffic-differences">Difference to the baseline</span>
            </SubHeading>
            {!baseline ? (
              <p className="text-[12px] text-muted italic">
                The baseline has no capture: there is nothing to subtract. Make a side with captures
                the baseline to see differences.
              </p>
            ) : (
              <>
                <div className="grid gap-x-6 gap-y-5 lg:grid-cols-2">
                  {sides.slice(1).map((side, i) => {
                    const k = i + 1;
                    const d = traffic.differences[i];
                    if (!d) return <NoCapture key={side.id} side={side} index={k} />;
                    const m = d[metric];
                    const total = matrixTotal(m);
                    const wan = wanOf(m);
                    return (
                      <figure
                        key={side.id}
                        className="m-0 min-w-0"
                        data-testid="traffic-difference"
                        data-side={side.id}
                      >
                        <figcaption className="mb-2 flex flex-wrap items-baseline justify-between gap-x-3 gap-y-1 text-[12px]">
                          <span className="inline-flex min-w-0 items-center gap-1.5">
                            <SideLabel side={side} index={k} maxWidth={200} />
                            <span className="text-muted">− baseline</span>
                          </span>
                          <span className="text-muted tabular-nums">
                            in all <span className="font-medium text-fg">{fmtDelta(total)}</span> ·
                            WAN <span className="font-medium text-fg">{fmtDelta(wan)}</span>
                          </span>
                        </figcaption>
                        <HeatMap
                          ariaLabel={`Difference of ${noun}: ${side.label} minus the baseline`}
                          rows={sites}
                          cols={sites}
                          values={m}
                          rowAxis="from ↓"
                          colAxis="to →"
                          hue={(r, c) => ((m[r]![c] ?? 0) < 0 ? LESS.color : MORE.color)}
                          scale={(v) => Math.abs(diffScale.t(v))}
                          formatCell={(v, compact) => fmtDelta(v, compact)}
                          tooltip={(r, c) =>
                            cellTooltip(
                              `${sites[r]} → ${sites[c]}`,
                              [
                                { k: 0, v: baseline.matrix[metric][r]![c]! },
                                { k, v: traffic.sides[k]?.matrix[metric][r]?.[c] ?? null },
                              ],
                              m[r]![c]!,
                            )
                          }
                          cellLabel={(r, c) =>
                            `${sites[r]} to ${sites[c]}: ${fmtDelta(m[r]![c]!)} vs the baseline`
                          }
                        />
                      </figure>
                    );
                  })}
                </div>
                <div className="mt-3">
                  <DivergingLegend
                    negative={LESS}
                    positive={MORE}
                    min={diffScale.max > 0 ? fmtDelta(-diffScale.max) : '0'}
                    max={diffScale.max > 0 ? fmtDelta(diffScale.max) : '0'}
                    note={`Contender minus baseline, ${metricUnit(metric)}; linear, symmetric around 0 (the largest change of all contenders at the ends). A site one side lacks counts 0 there.`}
                  />
                </div>
              </>
            )}
          </section>
        )}

        <div className="grid gap-x-8 gap-y-7 xl:grid-cols-2">
          <ServicesBars traffic={traffic} sides={sides} metric={metric} />
          <PerIterationTable traffic={traffic} sides={sides} />
        </div>
      </div>
    </Panel>
  );
}

function ServicesBars({
  traffic,
  sides,
  metric,
}: {
  traffic: CompareTraffic;
  sides: CompareSide[];
  metric: MatrixMetric;
}) {
  const series = sides
    .map((side, k) => ({ side, k, t: traffic.sides[k] }))
    .filter((x): x is { side: CompareSide; k: number; t: CompareTrafficSide } => x.t != null)
    .map(({ side, k, t }) => ({
      key: `s${k}`,
      name: side.label,
      color: seriesColor(k),
      values: traffic.services.map(
        (svc) => t.services.find((s) => s.service === svc)?.[metric] ?? 0,
      ),
    }));
  const label = MATRIX_METRICS.find((m) => m.value === metric)!.label;
  return (
    <section aria-labelledby="traffic-services" data-testid="traffic-services-compare">
      <SubHeading aside="by server port's service name · per run">
        <span id="traffic-services">{label} per service</span>
      </SubHeading>
      {traffic.services.length === 0 ? (
        <p className="text-[12px] text-faint italic">No TCP or UDP traffic in the captures.</p>
      ) : (
        <GroupedBarChart
          ariaLabel={`${label} per service and side`}
          categories={traffic.services}
          series={series}
          yLabel={metric === 'bytes' ? 'Bytes' : label}
          formatValue={(v) => formatMatrixValue(metric, v)}
          formatTick={(v) =>
            metric === 'bytes' ? formatBytes(v).replace('.0 ', ' ') : formatNumber(v, 1)
          }
        />
      )}
    </section>
  );
}

const RATIO_ROWS: {
  key: 'amqpMessages' | 'dbQueries' | 'wanBytes';
  label: string;
  hint: string;
  unit: string;
  format: (v: number) => string;
}[] = [
  {
    key: 'amqpMessages',
    label: 'AMQP messages',
    hint: 'Content-carrying AMQP methods: Basic.Publish, Deliver, Get-Ok, Return',
    unit: 'messages',
    format: (v) => formatNumber(v, v < 10 ? 2 : 1),
  },
  {
    key: 'dbQueries',
    label: 'Database queries',
    hint: 'MySQL COM_QUERY and Redis commands',
    unit: 'queries',
    format: (v) => formatNumber(v, v < 10 ? 2 : 1),
  },
  {
    key: 'wanBytes',
    label: 'WAN bytes',
    hint: 'Bytes between two different sites (not within a site, not with unmapped addresses)',
    unit: '',
    format: (v) => formatMatrixValue('bytes', v),
  },
];

function PerIterationTable({ traffic, sides }: { traffic: CompareTraffic; sides: CompareSide[] }) {
  const base = traffic.sides[0]?.perIteration ?? null;
  const anyRatio = traffic.sides.some((t) => t?.perIteration != null);
  return (
    <section aria-labelledby="traffic-per-iteration">
      <SubHeading aside="per successful Rally iteration · total per run below">
        <span id="traffic-per-iteration">Per successful iteration</span>
      </SubHeading>
      <div className="overflow-x-auto">
        <table className="w-full border-collapse text-[12px]" data-testid="traffic-ratios">
          <thead>
            <tr className="border-b border-border text-[11px] text-muted">
              <th scope="col" className="py-1.5 pr-3 text-left font-medium">
                Quantity
              </th>
              {sides.map((s, k) => (
                <th key={s.id} scope="col" className="px-2 py-1.5 text-right font-medium">
                  <span className="inline-flex justify-end">
                    <SideLabel side={s} index={k} maxWidth={120} />
                  </span>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            <tr className="border-b border-border">
              <th scope="row" className="py-1.5 pr-3 text-left font-normal text-muted">
                Successful iterations
              </th>
              {sides.map((s, k) => {
                const t = traffic.sides[k];
                return (
                  <td key={s.id} className="px-2 py-1.5 text-right tabular-nums">
                    {!t ? (
                      <span className="text-faint">no capture</span>
                    ) : t.successfulIterations == null ? (
                      <span className="text-faint" title="No Rally workload in the captured runs">
                        no Rally run
                      </span>
                    ) : (
                      formatNumber(t.successfulIterations, 1)
                    )}
                  </td>
                );
              })}
            </tr>
            {RATIO_ROWS.map((row) => (
              <tr
                key={row.key}
                className="border-b border-border last:border-b-0"
                data-ratio={row.key}
              >
                <th
                  scope="row"
                  className="py-1.5 pr-3 text-left align-top font-normal"
                  title={row.hint}
                >
                  <div className="text-fg">{row.label}</div>
                  <div className="text-[11px] text-muted">
                    {row.unit ? `${row.unit} / iteration` : 'per iteration'}
                  </div>
                </th>
                {sides.map((s, k) => {
                  const t = traffic.sides[k];
                  const v = t?.perIteration?.[row.key] ?? null;
                  const b = base?.[row.key] ?? null;
                  const change =
                    k > 0 && v != null && b != null && b !== 0 ? ((v - b) / b) * 100 : null;
                  return (
                    <td key={s.id} className="px-2 py-1.5 text-right align-top tabular-nums">
                      {!t ? (
                        <span className="text-faint">–</span>
                      ) : (
                        <>
                          <div className="font-medium text-fg">
                            {v == null ? (
                              <span className="font-normal text-faint">n/a</span>
                            ) : (
                              row.format(v)
                            )}
                            {change != null && (
                              <span className="ml-1.5 text-[11px] font-normal text-muted">
                                {formatChange(change)}
                              </span>
                            )}
                          </div>
                          <div className="text-[11px] text-muted">
                            {row.key === 'wanBytes'
                              ? formatMatrixValue('bytes', t.totals.wanBytes)
                              : `${row.format(t.totals[row.key])} ${row.unit}`}{' '}
                            in all
                          </div>
                        </>
                      )}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {!anyRatio && (
        <p className="mt-2 text-[11px] leading-4 text-muted" data-testid="traffic-ratios-note">
          No side has a run with both captures and Rally results, so there is no per-iteration
          ratio. Attach a capture to the Rally run it was taken during with{' '}
          <code className="font-mono">edgeperf ingest cap.pcapng --run &lt;id&gt;</code>.
        </p>
      )}
    </section>
  );
}
