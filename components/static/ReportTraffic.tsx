// The Traffic and VM placement sections of the offline comparison report (CompareReport.tsx),
// the compare page's TrafficComparison and PlacementComparison as plain HTML: site × site
// matrices as tables shaded with inline styles (CSS variables, so they follow light and dark),
// the contenders' differences to the baseline, the services, the totals and the ratios per
// successful Rally iteration, and the share of the instances per site in % with the difference
// in percentage points. No script; React escapes every text (site, service and host names
// come from uploads). Full-precision numbers in each cell's `data-value`.
import type { CSSProperties } from 'react';
import { formatChange } from '@/components/compare/compareFormat';
import {
  formatMatrixDelta,
  formatMatrixValue,
  MATRIX_HUES,
} from '@/components/traffic/matrixParts';
import type {
  ComparePlacement,
  ComparePlacementSide,
  CompareSide,
  CompareTraffic,
  CompareTrafficSide,
} from '@/lib/compareTypes';
import { formatNumber } from '@/lib/format';
import {
  type CellKind,
  cellKind,
  colorScale,
  divergingScale,
  type MatrixMetric,
  UNMAPPED,
} from '@/lib/traffic';
import { PAGE_THEME } from './theme';

/** CSS of these sections, appended to the report's. */
export const TRAFFIC_CSS = `
.grid2{display:grid;grid-template-columns:repeat(auto-fit,minmax(min(100%,var(--min,420px)),1fr));gap:16px 24px}
h4{font-size:13px;margin:18px 0 8px}h4 .faint{font-weight:400}
figure.matrix{margin:0;min-width:0}figure.matrix figcaption{display:flex;flex-wrap:wrap;justify-content:space-between;gap:2px 12px;margin:0 0 6px;font-size:12px;color:var(--text-muted)}
figure.matrix figcaption b{color:var(--text);font-weight:600}
table.matrix{border-collapse:separate;border-spacing:2px;width:auto;font-size:12px}
table.matrix th,table.matrix td{border:0;padding:6px}
table.matrix thead th{background:none;font-size:11px;text-align:center;font-family:ui-monospace,"DejaVu Sans Mono",monospace;color:var(--text-muted)}
table.matrix thead th.corner{text-align:left;font-family:inherit;color:var(--text-faint);font-weight:400;line-height:1.25}
table.matrix tbody th{font-family:ui-monospace,"DejaVu Sans Mono",monospace;font-size:11px;font-weight:600;color:var(--text-muted);white-space:nowrap;text-align:right}
table.matrix td{min-width:60px;text-align:center;border-radius:4px;font-variant-numeric:tabular-nums;white-space:nowrap;-webkit-print-color-adjust:exact;print-color-adjust:exact}
td.diag{box-shadow:inset 0 0 0 1.5px color-mix(in oklab,var(--chart-3) 70%,transparent)}
.legend{display:flex;flex-wrap:wrap;align-items:center;gap:4px 16px;font-size:11px;color:var(--text-muted);margin-top:10px}
.legend .ramp{display:inline-flex;gap:2px;vertical-align:-2px;margin:0 4px}.legend .ramp i{display:inline-block;width:14px;height:10px;border-radius:2px;-webkit-print-color-adjust:exact;print-color-adjust:exact}
details{margin-top:12px}details>summary{cursor:pointer;color:var(--accent);font-size:12px;font-weight:600}
details[open]>summary{margin-bottom:6px}
.why{display:block;font-size:11px;color:var(--text-faint);white-space:normal;font-weight:400}
.chg{font-size:11px;color:var(--text-muted);margin-left:6px;font-weight:400}
td.num b{font-weight:600}
tbody.svc th[scope=rowgroup]{font-family:ui-monospace,"DejaVu Sans Mono",monospace;font-size:12px}
tr.sub th{background:var(--surface-2);font-size:11px;color:var(--text-muted);text-transform:uppercase;letter-spacing:.03em}
.track{display:inline-block;width:96px;height:8px;border-radius:2px;background:var(--surface-2);box-shadow:inset 0 0 0 1px var(--border);overflow:hidden;vertical-align:0;margin-right:8px}
.track i{display:block;height:100%;-webkit-print-color-adjust:exact;print-color-adjust:exact}
.pv{display:inline-block;min-width:3.8em;text-align:right;font-weight:600;font-variant-numeric:tabular-nums}
.pp{display:inline-block;min-width:5.5em;text-align:right;font-size:11px;color:var(--text-muted);font-variant-numeric:tabular-nums}
table.placement th[scope=row]{white-space:nowrap}
.host{display:inline-block;border:1px dashed var(--border);border-radius:4px;padding:0 5px;margin:2px 4px 2px 0;font-family:ui-monospace,"DejaVu Sans Mono",monospace;font-size:11px}
`;

const LESS = 'var(--chart-1)';
const MORE = 'var(--chart-6)';

const METRICS: { metric: MatrixMetric; noun: string; note: string }[] = [
  { metric: 'bytes', noun: 'bytes', note: 'Bytes on the wire, SI units (1 kB = 1,000 B).' },
  {
    metric: 'messages',
    noun: 'messages',
    note: 'AMQP content messages, MySQL and Redis commands.',
  },
  { metric: 'frames', noun: 'frames', note: 'Frames (packets) on the wire.' },
];

function color(k: number): string {
  return PAGE_THEME.series[k % PAGE_THEME.series.length]!;
}

function Swatch({ index }: { index: number }) {
  return <span className="swatch" style={{ background: color(index) }} aria-hidden />;
}

function SideName({ side, index }: { side: CompareSide; index: number }) {
  return (
    <span className="side">
      <Swatch index={index} />
      {side.label}
    </span>
  );
}

/** Two matrices a row when they fit side by side, else one (wide tables scroll). */
function gridStyle(sites: number): CSSProperties {
  return { '--min': `${Math.max(380, 84 + sites * 72)}px` } as CSSProperties;
}

/** The page's heat fill (components/charts/HeatMap heatFill) as an inline style. */
function heat(hue: string, t: number): CSSProperties {
  if (t <= 0) return { background: 'var(--surface-2)', color: 'var(--text-faint)' };
  return {
    background: `color-mix(in oklab, ${hue} ${Math.round(14 + 86 * t)}%, var(--surface))`,
    color: t > 0.62 ? 'var(--accent-fg)' : 'var(--text)',
  };
}

function basisNote(t: CompareTrafficSide): string {
  const n = t.runs.length;
  const caps = `${t.captures} capture${t.captures === 1 ? '' : 's'}`;
  const base = n > 1 ? `mean of ${n} runs (${caps})` : caps;
  return t.runsWithout.length
    ? `${base}; ${t.runsWithout.length} run${t.runsWithout.length === 1 ? '' : 's'} without capture left out`
    : base;
}

const total = (m: number[][]) => m.reduce((a, r) => a + r.reduce((b, v) => b + v, 0), 0);

function MatrixTable({
  sites,
  values,
  kinds,
  style,
  format,
  attrs,
  label,
}: {
  sites: string[];
  values: number[][];
  kinds: CellKind[][];
  style: (v: number, i: number, j: number) => CSSProperties;
  format: (v: number) => string;
  attrs: Record<string, string>;
  label: string;
}) {
  return (
    <div className="scroll">
      <table className="matrix" aria-label={label} {...attrs}>
        <thead>
          <tr>
            <th scope="col" className="corner">
              from ↓<br />
              to →
            </th>
            {sites.map((s) => (
              <th key={s} scope="col">
                {s}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {sites.map((src, i) => (
            <tr key={src} data-site={src}>
              <th scope="row">{src}</th>
              {sites.map((dst, j) => {
                const v = values[i]?.[j] ?? 0;
                return (
                  <td
                    key={dst}
                    data-value={v}
                    className={kinds[i]![j] === 'local' ? 'diag' : undefined}
                    style={style(v, i, j)}
                    title={`${src} → ${dst}: ${format(v)}`}
                  >
                    {format(v)}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function NoCapture({ side, index }: { side: CompareSide; index: number }) {
  return (
    <figure className="matrix" data-side={side.id} data-no-capture="">
      <figcaption>
        <SideName side={side} index={index} />
      </figcaption>
      <p className="muted">
        No traffic capture on this side (attach one to a run with{' '}
        <code>edgeperf ingest cap.pcapng --run &lt;id&gt; --sites …</code>).
      </p>
    </figure>
  );
}

/** The matrices of one metric for every side, on one colour scale, with their legend. */
function SideMatrices({
  traffic,
  sides,
  metric,
  kinds,
}: {
  traffic: CompareTraffic;
  sides: CompareSide[];
  metric: MatrixMetric;
  kinds: CellKind[][];
}) {
  const { sites } = traffic;
  const scale = colorScale(traffic.sides.flatMap((t) => (t ? t.matrix[metric].flat() : [])));
  const noun = METRICS.find((m) => m.metric === metric)!;
  const used = new Set<CellKind>();
  for (const t of traffic.sides) {
    if (!t) continue;
    for (const [i, r] of t.matrix[metric].entries())
      for (const [j, v] of r.entries()) if (v !== 0) used.add(kinds[i]![j]!);
  }
  const fmt = (v: number) => formatMatrixValue(metric, v);
  return (
    <>
      <div className="grid2" style={gridStyle(sites.length)}>
        {sides.map((side, k) => {
          const t = traffic.sides[k];
          if (!t) return <NoCapture key={side.id} side={side} index={k} />;
          const m = t.matrix[metric];
          const all = total(m);
          const wan = m.reduce(
            (a, r, i) => a + r.reduce((b, v, j) => b + (kinds[i]![j] === 'wan' ? v : 0), 0),
            0,
          );
          return (
            <figure key={side.id} className="matrix" data-side={side.id}>
              <figcaption>
                <SideName side={side} index={k} />
                <span>
                  <b>{fmt(all)}</b> in all · WAN <b>{fmt(wan)}</b>
                  {all > 0 ? ` (${((wan / all) * 100).toFixed(1)} %)` : ''}
                </span>
              </figcaption>
              <MatrixTable
                sites={sites}
                values={m}
                kinds={kinds}
                style={(v, i, j) => heat(MATRIX_HUES[kinds[i]![j]!].color, scale.t(v))}
                format={fmt}
                attrs={{ 'data-traffic-matrix': metric, 'data-side': side.id }}
                label={`Site × site ${noun.noun} of ${side.label}`}
              />
              <p className="faint" style={{ fontSize: 11, margin: '4px 0 0' }}>
                {basisNote(t)}
              </p>
            </figure>
          );
        })}
      </div>
      <div className="legend">
        {(['wan', 'local', 'unmapped'] as const)
          .filter((k) => used.has(k))
          .map((k) => (
            <span key={k}>
              {MATRIX_HUES[k].name}
              <span className="ramp" aria-hidden>
                {[0.15, 0.45, 0.75, 1].map((x) => (
                  <i key={x} style={{ background: heat(MATRIX_HUES[k].color, x).background }} />
                ))}
              </span>
              <span className="faint">{MATRIX_HUES[k].description.toLowerCase()}</span>
            </span>
          ))}
        <span>
          {noun.note}{' '}
          {scale.kind === 'log'
            ? `Logarithmic colour scale, ${fmt(scale.value(0.08))} to ${fmt(scale.value(1))}, one for every side.`
            : `Linear colour scale, 0 to ${fmt(scale.value(1))}, one for every side.`}
          {sites.includes(UNMAPPED) ? ` “${UNMAPPED}” gathers addresses outside every site.` : ''}
        </span>
      </div>
    </>
  );
}

/** Each contender's matrix minus the baseline's, on one diverging scale. */
function DifferenceMatrices({
  traffic,
  sides,
  metric,
  kinds,
}: {
  traffic: CompareTraffic;
  sides: CompareSide[];
  metric: MatrixMetric;
  kinds: CellKind[][];
}) {
  const { sites } = traffic;
  const scale = divergingScale(traffic.differences.flatMap((d) => (d ? d[metric].flat() : [])));
  const fmt = (v: number) => formatMatrixDelta(metric, v);
  const noun = METRICS.find((m) => m.metric === metric)!.noun;
  return (
    <>
      <div className="grid2" style={gridStyle(sites.length)}>
        {sides.slice(1).map((side, i) => {
          const k = i + 1;
          const d = traffic.differences[i];
          if (!d) return <NoCapture key={side.id} side={side} index={k} />;
          const m = d[metric];
          const wan = m.reduce(
            (a, r, x) => a + r.reduce((b, v, y) => b + (kinds[x]![y] === 'wan' ? v : 0), 0),
            0,
          );
          return (
            <figure key={side.id} className="matrix" data-side={side.id}>
              <figcaption>
                <span>
                  <SideName side={side} index={k} /> − baseline
                </span>
                <span>
                  in all <b>{fmt(total(m))}</b> · WAN <b>{fmt(wan)}</b>
                </span>
              </figcaption>
              <MatrixTable
                sites={sites}
                values={m}
                kinds={kinds}
                style={(v) =>
                  v === 0
                    ? { background: 'var(--surface-2)', color: 'var(--text-faint)' }
                    : heat(v < 0 ? LESS : MORE, Math.abs(scale.t(v)))
                }
                format={fmt}
                attrs={{ 'data-traffic-diff': metric, 'data-side': side.id }}
                label={`Difference of ${noun}: ${side.label} minus the baseline`}
              />
            </figure>
          );
        })}
      </div>
      <div className="legend">
        <span>
          less than the baseline
          <span className="ramp" aria-hidden>
            {[1, 0.6, 0.3].map((x) => (
              <i key={x} style={{ background: heat(LESS, x).background }} />
            ))}
            <i style={{ background: 'var(--surface-2)' }} />
            {[0.3, 0.6, 1].map((x) => (
              <i key={x} style={{ background: heat(MORE, x).background }} />
            ))}
          </span>
          more than the baseline
        </span>
        <span>
          Contender minus baseline; linear, symmetric around 0 (±
          {scale.max > 0 ? formatMatrixValue(metric, scale.max) : '0'} at the ends). A site one side
          lacks counts 0 there.
        </span>
      </div>
    </>
  );
}

function ServicesTable({ traffic, sides }: { traffic: CompareTraffic; sides: CompareSide[] }) {
  const base = traffic.sides[0] ?? null;
  return (
    <div className="scroll">
      <table className="services" data-traffic-services="">
        <thead>
          <tr>
            <th scope="col">Service</th>
            <th scope="col">Side</th>
            <th scope="col" className="num">
              Frames
            </th>
            <th scope="col" className="num">
              Bytes
            </th>
            <th scope="col" className="num" title="AMQP content messages, MySQL and Redis commands">
              Messages
            </th>
            <th scope="col" className="num" title="Bytes of the service, contender − baseline">
              Δ bytes
            </th>
          </tr>
        </thead>
        {traffic.services.map((svc) => {
          const baseRow = base?.services.find((s) => s.service === svc) ?? null;
          return (
            <tbody key={svc} className="row svc" data-service={svc}>
              {sides.map((side, k) => {
                const t = traffic.sides[k];
                const row = t
                  ? (t.services.find((s) => s.service === svc) ?? {
                      service: svc,
                      frames: 0,
                      bytes: 0,
                      messages: 0,
                    })
                  : null;
                return (
                  <tr key={side.id} data-side={side.id}>
                    {k === 0 && (
                      <th scope="rowgroup" rowSpan={sides.length}>
                        {svc}
                      </th>
                    )}
                    <td>
                      <SideName side={side} index={k} />
                    </td>
                    {row === null ? (
                      <td colSpan={4} className="num faint">
                        no capture
                      </td>
                    ) : (
                      <>
                        <td className="num" data-value={row.frames}>
                          {formatMatrixValue('frames', row.frames)}
                        </td>
                        <td className="num" data-value={row.bytes}>
                          {formatMatrixValue('bytes', row.bytes)}
                        </td>
                        <td className="num" data-value={row.messages}>
                          {formatMatrixValue('messages', row.messages)}
                        </td>
                        <td className="num faint">
                          {k === 0
                            ? 'baseline'
                            : base
                              ? formatMatrixDelta('bytes', row.bytes - (baseRow?.bytes ?? 0))
                              : 'n/a'}
                        </td>
                      </>
                    )}
                  </tr>
                );
              })}
            </tbody>
          );
        })}
      </table>
    </div>
  );
}

const RATIOS: {
  key: 'amqpMessages' | 'dbQueries' | 'wanBytes';
  label: string;
  unit: string;
  hint: string;
  format: (v: number) => string;
}[] = [
  {
    key: 'amqpMessages',
    label: 'AMQP messages',
    unit: 'messages / iteration',
    hint: 'Content-carrying AMQP methods: Basic.Publish, Deliver, Get-Ok, Return',
    format: (v) => formatNumber(v, v < 10 ? 2 : 1),
  },
  {
    key: 'dbQueries',
    label: 'Database queries',
    unit: 'queries / iteration',
    hint: 'MySQL COM_QUERY and Redis commands',
    format: (v) => formatNumber(v, v < 10 ? 2 : 1),
  },
  {
    key: 'wanBytes',
    label: 'WAN bytes',
    unit: 'bytes / iteration (SI units)',
    hint: 'Bytes between two different sites',
    format: (v) => formatMatrixValue('bytes', v),
  },
];

const TOTALS: {
  key: keyof CompareTrafficSide['totals'];
  label: string;
  format: (v: number) => string;
}[] = [
  { key: 'bytes', label: 'Bytes', format: (v) => formatMatrixValue('bytes', v) },
  { key: 'packets', label: 'Frames', format: (v) => formatMatrixValue('frames', v) },
  { key: 'amqpMessages', label: 'AMQP messages', format: (v) => formatMatrixValue('frames', v) },
  { key: 'mysqlQueries', label: 'MySQL queries', format: (v) => formatMatrixValue('frames', v) },
  { key: 'redisCommands', label: 'Redis commands', format: (v) => formatMatrixValue('frames', v) },
  { key: 'wanBytes', label: 'WAN bytes', format: (v) => formatMatrixValue('bytes', v) },
  { key: 'localBytes', label: 'Local bytes', format: (v) => formatMatrixValue('bytes', v) },
  { key: 'unmappedBytes', label: 'Unmapped bytes', format: (v) => formatMatrixValue('bytes', v) },
];

/** Why a side has no ratio. */
function noRatio(t: CompareTrafficSide | null): string {
  if (!t) return 'no capture on this side';
  if (t.successfulIterations === null) return 'no Rally iterations in the captured runs';
  return 'no successful Rally iteration';
}

function RatiosTable({ traffic, sides }: { traffic: CompareTraffic; sides: CompareSide[] }) {
  const base = traffic.sides[0]?.perIteration ?? null;
  const head = (text: string) => (
    <tr className="sub">
      <th scope="colgroup" colSpan={sides.length + 1}>
        {text}
      </th>
    </tr>
  );
  return (
    <div className="scroll">
      <table data-traffic-ratios="">
        <thead>
          <tr>
            <th scope="col">Quantity</th>
            {sides.map((s, k) => (
              <th key={s.id} scope="col" className="num">
                <SideName side={s} index={k} />
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {head('Per successful Rally iteration')}
          <tr data-ratio="successfulIterations">
            <th scope="row">
              Successful iterations<span className="why">iterations − failures, per run</span>
            </th>
            {sides.map((s, k) => {
              const t = traffic.sides[k] ?? null;
              const v = t?.successfulIterations ?? null;
              return (
                <td key={s.id} className="num" data-side={s.id} data-value={v ?? undefined}>
                  {v === null ? (
                    <>
                      n/a<span className="why">{noRatio(t)}</span>
                    </>
                  ) : (
                    formatNumber(v, 1)
                  )}
                </td>
              );
            })}
          </tr>
          {RATIOS.map((r) => (
            <tr key={r.key} data-ratio={r.key}>
              <th scope="row" title={r.hint}>
                {r.label}
                <span className="why">{r.unit}</span>
              </th>
              {sides.map((s, k) => {
                const t = traffic.sides[k] ?? null;
                const v = t?.perIteration?.[r.key] ?? null;
                const b = base?.[r.key] ?? null;
                const change =
                  k > 0 && v !== null && b !== null && b !== 0 ? ((v - b) / b) * 100 : null;
                return (
                  <td key={s.id} className="num" data-side={s.id} data-value={v ?? undefined}>
                    {v === null ? (
                      <>
                        n/a<span className="why">{noRatio(t)}</span>
                      </>
                    ) : (
                      <>
                        <b>{r.format(v)}</b>
                        {change !== null && <span className="chg">{formatChange(change)}</span>}
                      </>
                    )}
                  </td>
                );
              })}
            </tr>
          ))}
          {head('Per run (totals of the captures)')}
          {TOTALS.map((r) => (
            <tr key={r.key} data-total={r.key}>
              <th scope="row">{r.label}</th>
              {sides.map((s, k) => {
                const t = traffic.sides[k] ?? null;
                return t ? (
                  <td key={s.id} className="num" data-side={s.id} data-value={t.totals[r.key]}>
                    {r.format(t.totals[r.key])}
                  </td>
                ) : (
                  <td key={s.id} className="num faint" data-side={s.id}>
                    no capture
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The Traffic section: what each side's captures carried, compared. */
export function ReportTraffic({
  traffic,
  sides,
}: {
  traffic: CompareTraffic;
  sides: CompareSide[];
}) {
  const kinds = traffic.sites.map((s) => traffic.sites.map((d) => cellKind(s, d)));
  const baseline = traffic.sides[0] ?? null;
  const more = (diff: boolean) =>
    METRICS.slice(1).map(({ metric, noun }) => (
      <div key={metric}>
        <h4>
          {diff ? `Difference of ${noun} to the baseline` : `Site × site ${noun}`}{' '}
          <span className="faint">
            {diff ? 'contender − baseline' : "from the row's site to the column's"}
          </span>
        </h4>
        {diff ? (
          <DifferenceMatrices traffic={traffic} sides={sides} metric={metric} kinds={kinds} />
        ) : (
          <SideMatrices traffic={traffic} sides={sides} metric={metric} kinds={kinds} />
        )}
      </div>
    ));
  return (
    <section id="traffic" data-traffic="">
      <h2>Traffic</h2>
      <p className="muted">
        What each side&apos;s captures carried: bytes between sites, their difference to the
        baseline, per service, in all and per successful Rally iteration. A side of several runs
        shows the {traffic.aggregation} over its captured runs.
      </p>
      <h4>
        Site × site bytes{' '}
        <span className="faint">from the row&apos;s site to the column&apos;s</span>
      </h4>
      <SideMatrices traffic={traffic} sides={sides} metric="bytes" kinds={kinds} />
      <details>
        <summary>Messages and frames between sites</summary>
        {more(false)}
      </details>

      {sides.length > 1 && (
        <>
          <h4>
            Difference to the baseline <span className="faint">contender − baseline, bytes</span>
          </h4>
          {baseline ? (
            <>
              <DifferenceMatrices traffic={traffic} sides={sides} metric="bytes" kinds={kinds} />
              <details>
                <summary>Differences of messages and frames</summary>
                {more(true)}
              </details>
            </>
          ) : (
            <p className="muted">
              The baseline has no capture: there is nothing to subtract. Make a side with captures
              the baseline to see differences.
            </p>
          )}
        </>
      )}

      <h4>
        Per service <span className="faint">by server port&apos;s service name, per run</span>
      </h4>
      {traffic.services.length === 0 ? (
        <p className="muted">No TCP or UDP traffic in the captures.</p>
      ) : (
        <ServicesTable traffic={traffic} sides={sides} />
      )}

      <h4>
        Totals and ratios <span className="faint">per successful Rally iteration, and per run</span>
      </h4>
      <RatiosTable traffic={traffic} sides={sides} />
    </section>
  );
}

const NOT_MAPPED = 'not mapped';

function placementSource(p: ComparePlacementSide): string {
  const runs = p.runs.length > 1 ? `mean of ${p.runs.length} runs, ` : '';
  const from =
    p.source === 'metrics'
      ? 'from the summary table'
      : p.source === 'captures'
        ? 'from RPC casts to compute.<host> in the captures'
        : 'from summary tables and captures';
  return `${runs}${from}`;
}

/** "26 %": shares as the page prints them (one decimal at most). */
export function formatShare(v: number): string {
  return `${Number(v.toFixed(1))} %`;
}

/** The VM placement section: share of the instances per site and side, differences in pp. */
export function ReportPlacement({
  placement,
  sides,
}: {
  placement: ComparePlacement;
  sides: CompareSide[];
}) {
  const withUnmapped = placement.sides.some((p) => p != null && p.unmappedShare > 0);
  const rows = withUnmapped ? [...placement.sites, NOT_MAPPED] : placement.sites;
  const shareAt = (p: ComparePlacementSide, i: number): number | null =>
    i < placement.sites.length ? (p.shares[i] ?? null) : p.unmappedShare;
  const base = placement.sides[0] ?? null;
  return (
    <section id="placement" data-placement="">
      <h2>VM placement</h2>
      <p className="muted">
        Share of the instances per site on each side (%), and each contender&apos;s difference to
        the baseline in percentage points (pp).
      </p>
      <div className="scroll">
        <table className="placement" data-placement-table="">
          <thead>
            <tr>
              <th scope="col">Site</th>
              {sides.map((s, k) => (
                <th key={s.id} scope="col">
                  <SideName side={s} index={k} />
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((site, i) => (
              <tr key={site} data-site={site}>
                <th scope="row" className={site === NOT_MAPPED ? 'muted' : undefined}>
                  {site === NOT_MAPPED ? <i>{site}</i> : <code>{site}</code>}
                </th>
                {sides.map((s, k) => {
                  const p = placement.sides[k] ?? null;
                  const v = p ? shareAt(p, i) : null;
                  const diff =
                    k === 0
                      ? null
                      : i < placement.sites.length
                        ? (placement.differences[k - 1]?.[i] ?? null)
                        : p && base
                          ? p.unmappedShare - base.unmappedShare
                          : null;
                  return (
                    <td
                      key={s.id}
                      data-side={s.id}
                      data-value={v ?? undefined}
                      style={{ whiteSpace: 'nowrap' }}
                    >
                      {p === null ? (
                        <span className="faint">no placement known</span>
                      ) : v === null ? (
                        <span className="faint">not a site of this side</span>
                      ) : (
                        <>
                          <span className="track" aria-hidden>
                            <i
                              style={{
                                width: `${Math.max(0, Math.min(100, v))}%`,
                                background: color(k),
                              }}
                            />
                          </span>
                          <b className="pv">{formatShare(v)}</b>
                        </>
                      )}
                      {diff !== null && (
                        <span className="pp" data-pp={diff}>
                          {formatChange(diff, ' pp')}
                        </span>
                      )}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row" className="muted">
                Source
              </th>
              {sides.map((s, k) => {
                const p = placement.sides[k] ?? null;
                return (
                  <td key={s.id} className="muted" style={{ fontSize: 12 }}>
                    {p
                      ? `${placementSource(p)} · ${p.unit === '%' ? 'shares' : `counted in ${p.unit}`}`
                      : 'no placement known'}
                  </td>
                );
              })}
            </tr>
          </tfoot>
        </table>
      </div>
      {!base && (
        <p className="muted">
          The baseline tells no placement: no difference in percentage points.
        </p>
      )}
      {placement.sides.some((p) => (p?.unmapped.length ?? 0) > 0) && (
        <div className="muted" style={{ fontSize: 12, marginTop: 10 }}>
          Compute hosts with no known site (map them with the Kolla inventory of the run):
          <ul className="runs">
            {sides.map((side, k) => {
              const p = placement.sides[k];
              if (!p || p.unmapped.length === 0) return null;
              return (
                <li key={side.id}>
                  <SideName side={side} index={k} />{' '}
                  {p.unmapped.map((h) => (
                    <span key={h.host} className="host">
                      {h.host} <span className="faint">· {formatNumber(h.value, 1)}</span>
                    </span>
                  ))}
                </li>
              );
            })}
          </ul>
        </div>
      )}
    </section>
  );
}
