'use client';

import { useMemo } from 'react';
import { ChartTooltipBox } from '@/components/charts/ChartTooltip';
import { HeatMap, HeatMapLegend } from '@/components/charts/HeatMap';
import { useSiteMatrixState } from '@/components/hooks/useTrafficState';
import { Panel } from '@/components/ui/Panel';
import { Segmented } from '@/components/ui/Segmented';
import { formatBytes, formatCount } from '@/lib/format';
import { colorScale, pivotMatrix, topPairs, UNMAPPED } from '@/lib/traffic';
import type { SiteMatrixCell } from '@/ingest/pcap';
import { formatMatrixValue, MATRIX_HUES, MATRIX_METRICS } from './matrixParts';
import { Nothing } from './parts';

const METRICS = MATRIX_METRICS;
const HUES = MATRIX_HUES;
const formatValue = formatMatrixValue;

function pct(part: number, total: number): string {
  return total > 0 ? `${((part / total) * 100).toFixed(1)}%` : '–';
}

/** Site × site heat map of bytes, messages or frames, for all services or one. */
export function SiteMatrixPanel({
  cells,
  colors,
}: {
  cells: SiteMatrixCell[];
  colors: Map<string, string>;
}) {
  // In the URL (`tm`, `tsvc`): a link reproduces the matrix. A service the capture lacks
  // (another capture picked) falls back to all services.
  const [{ tm: metric, tsvc: service }, setState] = useSiteMatrixState();
  const setService = (v: string | null) => void setState({ tsvc: v });
  const all = useMemo(() => pivotMatrix(cells, metric, null), [cells, metric]);
  const svc = service != null && all.services.includes(service) ? service : null;
  const m = useMemo(
    () => (svc == null ? all : pivotMatrix(cells, metric, svc)),
    [all, cells, metric, svc],
  );
  const label = (s: string | null) => s ?? UNMAPPED;
  const metricLabel = METRICS.find((x) => x.value === metric)!.label.toLowerCase();
  const hasUnmapped = m.sites.includes(UNMAPPED);
  const kinds = new Set(m.kinds.flat());
  const scale = useMemo(() => colorScale(m.values.flat()), [m]);
  const pairs = useMemo(() => topPairs(cells, metric, svc, 8), [cells, metric, svc]);

  const serviceOptions = [
    { value: '\u0000all', label: 'All' },
    ...all.services.map((s) => ({ value: s, label: s })),
  ];
  const serviceFilter =
    serviceOptions.length <= 6 ? (
      <Segmented
        label="Service"
        size="xs"
        value={svc ?? '\u0000all'}
        onChange={(v) => setService(v === '\u0000all' ? null : v)}
        options={serviceOptions}
      />
    ) : (
      <select
        aria-label="Service"
        value={svc ?? '\u0000all'}
        onChange={(e) => setService(e.target.value === '\u0000all' ? null : e.target.value)}
        className="h-7 max-w-[200px] rounded-md border border-border bg-surface px-1.5 font-mono text-[11px]"
      >
        {serviceOptions.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label === 'All' ? 'All services' : o.label}
          </option>
        ))}
      </select>
    );

  const tooltip = (r: number, c: number) => {
    const src = m.sites[r]!;
    const dst = m.sites[c]!;
    const here = cells.filter(
      (x) => label(x.src) === src && label(x.dst) === dst && (svc == null || x.service === svc),
    );
    const kind = m.kinds[r]![c]!;
    const rows = here
      .sort((x, y) => y[metric] - x[metric])
      .map((x) => ({
        color: colors.get(x.service) ?? 'var(--chart-8)',
        name: x.service,
        value: formatValue(metric, x[metric]),
      }));
    const sums = here.reduce(
      (a, x) => ({
        bytes: a.bytes + x.bytes,
        frames: a.frames + x.frames,
        messages: a.messages + x.messages,
      }),
      { bytes: 0, frames: 0, messages: 0 },
    );
    return (
      <ChartTooltipBox
        title={
          <span>
            {src} → {dst}{' '}
            <span className="font-normal text-muted">· {HUES[kind].name.toLowerCase()}</span>
          </span>
        }
        rows={rows.length ? rows : [{ color: 'var(--surface-3)', name: 'no traffic', value: '0' }]}
        footer={`${formatBytes(sums.bytes)} · ${formatCount(sums.frames)} frames · ${formatCount(sums.messages)} messages`}
      />
    );
  };

  const ticks =
    scale.kind === 'linear'
      ? [0, 0.5, 1].map((t) => ({
          t,
          label: formatValue(metric, Math.round(scale.value(t))),
        }))
      : [0.08, 0.54, 1].map((t) => ({
          t,
          label: formatValue(metric, Math.round(scale.value(t))),
        }));

  return (
    <Panel
      title="Site × site traffic"
      subtitle={`${METRICS.find((x) => x.value === metric)!.label} sent from the row's site to the column's site${svc ? `, ${svc} only` : ', all services'}`}
      actions={
        <>
          <Segmented
            label="Matrix metric"
            size="xs"
            value={metric}
            onChange={(v) => void setState({ tm: v })}
            options={METRICS}
          />
          {all.services.length > 0 && serviceFilter}
        </>
      }
    >
      {all.sites.length === 0 ? (
        <Nothing>
          No site matrix for this capture (no TCP or UDP traffic was attributed to sites).
        </Nothing>
      ) : (
        <div className="space-y-3" data-testid="site-matrix">
          <dl className="flex flex-wrap gap-x-5 gap-y-1 text-[12px]">
            {(['wan', 'local', 'unmapped'] as const)
              .filter((k) => k !== 'unmapped' || hasUnmapped)
              .map((k) => (
                <div key={k} className="flex items-center gap-1.5" title={HUES[k].description}>
                  <span
                    className="inline-block h-2.5 w-2.5 rounded-sm"
                    style={{ background: HUES[k].color }}
                    aria-hidden="true"
                  />
                  <dt className="text-muted">{HUES[k].name}</dt>
                  <dd className="font-medium tabular-nums">
                    {formatValue(metric, m[k])}{' '}
                    <span className="font-normal text-muted">({pct(m[k], m.total)})</span>
                  </dd>
                </div>
              ))}
            {!hasUnmapped && m.sites.length > 0 && (
              <div className="text-faint">every address is in a site</div>
            )}
          </dl>
          {m.total === 0 ? (
            <Nothing>
              No {metricLabel} for {svc ?? 'any service'} between sites.
            </Nothing>
          ) : null}
          <div className="grid gap-x-6 gap-y-4 xl:grid-cols-[minmax(0,1fr)_300px]">
            <div className="min-w-0 space-y-3">
              <HeatMap
                ariaLabel={`Site × site ${metricLabel}${svc ? ` (${svc})` : ''}`}
                rows={m.sites}
                cols={m.sites}
                values={m.values}
                rowTotals={m.rowTotals}
                colTotals={m.colTotals}
                total={m.total}
                totalsLabel={{ row: 'Sent', col: 'Received' }}
                rowAxis="from ↓"
                colAxis="to →"
                hue={(r, c) => HUES[m.kinds[r]![c]!].color}
                scale={scale.t}
                outline={(r, c) =>
                  r === c && m.kinds[r]![c] === 'local'
                    ? 'color-mix(in oklab, var(--chart-3) 70%, transparent)'
                    : null
                }
                formatCell={(v, compact) => formatValue(metric, v, compact)}
                tooltip={tooltip}
                cellLabel={(r, c) =>
                  `${m.sites[r]} to ${m.sites[c]}: ${formatValue(metric, m.values[r]![c]!)} (${HUES[m.kinds[r]![c]!].name})`
                }
              />
              <HeatMapLegend
                hues={(['wan', 'local', 'unmapped'] as const)
                  .filter((k) => kinds.has(k))
                  .map((k) => HUES[k])}
                ticks={ticks}
                note={`${
                  scale.kind === 'log'
                    ? 'Logarithmic colour scale from the smallest to the largest cell (they differ by more than 50×).'
                    : 'Linear colour scale from 0 to the largest cell.'
                } The dashed diagonal is traffic within a site; "${UNMAPPED}" gathers addresses outside every site of the map.`}
              />
            </div>
            {pairs.length > 0 && (
              <section
                className="min-w-0 xl:border-l xl:border-border xl:pl-6"
                aria-labelledby="site-pairs-heading"
              >
                <h3 id="site-pairs-heading" className="mb-2 text-xs font-semibold text-fg">
                  Largest site pairs
                </h3>
                <ol className="space-y-2" data-testid="site-pairs">
                  {pairs.map((p) => (
                    <li key={`${p.src}\u0000${p.dst}`} className="text-[12px]">
                      <div className="flex items-baseline justify-between gap-2">
                        <span className="min-w-0 truncate font-mono" title={`${p.src} → ${p.dst}`}>
                          {p.src} <span className="text-faint">→</span> {p.dst}
                        </span>
                        <span className="shrink-0 tabular-nums">
                          <span className="font-medium">{formatValue(metric, p.value)}</span>{' '}
                          <span className="text-[11px] text-muted">{pct(p.value, m.total)}</span>
                        </span>
                      </div>
                      <div
                        className="mt-1 flex h-1.5 overflow-hidden rounded-full bg-surface-2"
                        title={p.services
                          .map((x) => `${x.service}: ${formatValue(metric, x.value)}`)
                          .join(', ')}
                      >
                        {p.services.map((x) => (
                          <span
                            key={x.service}
                            style={{
                              width: `${(x.value / (pairs[0]?.value || 1)) * 100}%`,
                              background: colors.get(x.service) ?? 'var(--chart-8)',
                            }}
                          />
                        ))}
                      </div>
                    </li>
                  ))}
                </ol>
                <p className="mt-2 text-[11px] text-muted">
                  Bars split by service, scaled to the largest pair.
                </p>
              </section>
            )}
          </div>
        </div>
      )}
    </Panel>
  );
}
