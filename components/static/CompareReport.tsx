// The offline report of a comparison (GET /api/compare/report, /r/<slug>/report.html), like
// Rally's `--html-static`: one HTML document with its CSS inline and no script, font, image or
// stylesheet from anywhere, so it opens from a file:// URL years later. It holds what the compare
// page shows: the sides with their runs, the configuration diff and the warnings, per workload
// the table (median, 95%ile, mean, success, n per side; change of the median with its 95 %
// interval, p-value, verdict and basis) and the distribution of `total` as static SVG, the
// traffic of the captures and the VM placement when the comparison has them, the method, and
// the comparison itself as JSON for reuse. Light or dark with the reader's setting; printable. React escapes every text, so run names holding markup stay text.
import {
  compactArgs,
  formatChange,
  formatInterval,
  formatP,
  formatValue,
  rowLeaf,
} from '@/components/compare/compareFormat';
import type { CompareRow, CompareSide, Comparison, CompareVerdict } from '@/lib/compareTypes';
import { formatCount, formatFactorValue, formatPercent } from '@/lib/format';
import {
  CompareDistribution,
  type DistributionKind,
  defaultRowName,
  displaySides,
  presentSides,
  singleValues,
} from './CompareDistribution';
import { ReportPlacement, ReportTraffic, TRAFFIC_CSS } from './ReportTraffic';
import { StaticLogoMark } from './ShareImage';
import { PAGE_THEME } from './theme';

export interface CompareReportProps {
  data: Comparison;
  /** When the report was made (ISO 8601). */
  generatedAt: string;
  /** The distribution chart of each workload: the page's `chart` (ECDF by default). */
  chart?: DistributionKind;
}

/** Colours of app/globals.css, light and dark, with a print set (black on white). */
const CSS = `
:root{color-scheme:light dark;--bg:#f6f7f9;--surface:#fff;--surface-2:#f1f3f6;--border:#e1e5eb;--text:#161b22;--text-muted:#586170;--text-faint:#8a93a1;--accent:#1f5fbf;--accent-fg:#fff;--good:#17733a;--good-soft:#e3f4e8;--bad:#b3261e;--bad-soft:#fbe7e5;--warn:#98600a;--warn-soft:#fdf1dc;--chart-1:#0072b2;--chart-2:#e69f00;--chart-3:#009e73;--chart-4:#cc79a7;--chart-5:#56b4e9;--chart-6:#d55e00;--chart-7:#8c6d00;--chart-8:#5d5d5d;--chart-fail:#d55e00;--chart-grid:#e6e9ee;--chart-axis:#6b7482}
@media screen and (prefers-color-scheme:dark){:root{--bg:#0e1116;--surface:#151a21;--surface-2:#1b212a;--border:#272f3a;--text:#e6e9ef;--text-muted:#a1aab8;--text-faint:#6f7988;--accent:#5b9bf0;--accent-fg:#0b1220;--good:#5fcf86;--good-soft:#14301f;--bad:#ff8a80;--bad-soft:#3a1a18;--warn:#f0b84f;--warn-soft:#33270f;--chart-1:#3ea0e6;--chart-2:#f0b23c;--chart-3:#2fc196;--chart-4:#e08fbe;--chart-5:#8fd0f5;--chart-6:#ff7a2f;--chart-7:#e3cf52;--chart-8:#a4acb8;--chart-fail:#ff7a2f;--chart-grid:#242c37;--chart-axis:#8b95a4}}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--text);font:14px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif}
header.top{display:flex;align-items:center;gap:10px;padding:14px 28px;border-bottom:1px solid var(--border);background:var(--surface)}
header.top b{font-size:16px}header.top span{color:var(--text-muted);font-size:13px}
main{max-width:1180px;margin:0 auto;padding:24px 28px 48px}
h1{font-size:24px;line-height:1.25;margin:0 0 6px;overflow-wrap:anywhere}
h2{font-size:17px;margin:0 0 10px}
h3{font-size:15px;margin:0 0 4px;font-family:ui-monospace,"DejaVu Sans Mono",monospace;overflow-wrap:anywhere}
.meta,.muted{color:var(--text-muted)}.faint{color:var(--text-faint)}
section,article{background:var(--surface);border:1px solid var(--border);border-radius:10px;padding:16px 18px;margin:16px 0}
table{border-collapse:collapse;width:100%;font-size:13px}
th,td{padding:5px 8px;border-bottom:1px solid var(--border);text-align:left;vertical-align:top}
thead th{color:var(--text-muted);font-weight:600;font-size:12px;background:var(--surface-2)}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
tbody.row th{font-family:ui-monospace,"DejaVu Sans Mono",monospace;font-weight:600;font-size:12px;white-space:nowrap}
tbody.row:nth-of-type(even){background:color-mix(in srgb,var(--surface-2) 45%,transparent)}
.scroll{overflow-x:auto}
.swatch{display:inline-block;width:10px;height:10px;border-radius:2px;margin-right:6px;vertical-align:-1px}
.tag{display:inline-block;font-size:11px;padding:0 6px;border-radius:999px;border:1px solid var(--border);color:var(--text-muted);margin-left:6px}
.v{display:inline-block;font-size:12px;font-weight:600;padding:1px 8px;border-radius:999px;white-space:nowrap}
.v-better{background:var(--good-soft);color:var(--good)}.v-worse{background:var(--bad-soft);color:var(--bad)}
.v-same{background:var(--surface-2);color:var(--text)}.v-none{color:var(--text-faint);border:1px dashed var(--border)}
.side{white-space:nowrap}.verdict{min-width:10em}
.basis{display:block;font-size:11px;color:var(--text-faint);margin-top:2px;white-space:normal}
.better{color:var(--good)}.worse{color:var(--bad)}
tr.differs td,tr.differs th{background:var(--warn-soft)}
table.factors{table-layout:fixed}table.factors th[scope=row]{width:13em}table.factors td{overflow-wrap:anywhere}.nf{display:table;margin:2px 0 0}
.warnings{border-color:var(--warn);background:var(--warn-soft)}.warnings li{margin:2px 0}
figure{margin:14px 0}figure svg{max-width:100%;height:auto;display:block}
figcaption{color:var(--text-muted);font-size:12px;margin-top:4px}
code{font-family:ui-monospace,"DejaVu Sans Mono",monospace;font-size:12px}
ul.runs{margin:0;padding-left:18px}
@media print{:root{--bg:#fff;--surface:#fff;--surface-2:#f3f3f3;--border:#ccc;--text:#000;--text-muted:#333;--text-faint:#555}
body{font-size:11px}header.top{border:0;padding:0 0 8px}main{padding:0;max-width:none}
section,article{border:0;border-top:1px solid #ccc;border-radius:0;padding:10px 0;margin:10px 0}
figure,tbody,tr{break-inside:avoid}article{break-before:auto}h2,h3{break-after:avoid}.scroll{overflow:visible}
@page{margin:14mm}}
`;

function sideKind(side: CompareSide): string {
  return side.kind === 'group' ? `group of ${side.runs.length} repetitions` : 'run';
}

function Swatch({ index }: { index: number }) {
  return (
    <span className="swatch" style={{ background: PAGE_THEME.series[index % 8] }} aria-hidden />
  );
}

function VerdictCell({ c }: { c: CompareVerdict }) {
  const cls =
    c.verdict === 'better'
      ? 'v v-better'
      : c.verdict === 'worse'
        ? 'v v-worse'
        : c.verdict === 'no significant change'
          ? 'v v-same'
          : 'v v-none';
  return (
    <td className="verdict" data-verdict={c.verdict}>
      <span className={cls}>{c.verdict}</span>
      {c.underpowered && <span className="tag">underpowered</span>}
      <span className="basis">
        {c.basis}
        {c.reason ? ` · ${c.reason}` : ''}
      </span>
    </td>
  );
}

/** Full precision in `data-value`, Rally's rounding on screen (as the compare page). */
function Num({ v, unit, className }: { v: number | null; unit: string; className?: string }) {
  return (
    <td className={`num${className ? ` ${className}` : ''}`} data-value={v ?? undefined}>
      {formatValue(v, unit)}
    </td>
  );
}

function RowsTable({
  rows,
  sides,
  present,
  firstColumn,
}: {
  rows: CompareRow[];
  sides: CompareSide[];
  present?: boolean[];
  firstColumn: string;
}) {
  const shown = sides
    .map((side, k) => ({ side, k }))
    .filter(({ k }) => k === 0 || (present?.[k] ?? true));
  return (
    <div className="scroll">
      <table className="rows">
        <thead>
          <tr>
            <th scope="col">{firstColumn}</th>
            <th scope="col">Side</th>
            <th scope="col" className="num">
              Median
            </th>
            <th scope="col" className="num">
              95%ile
            </th>
            <th scope="col" className="num">
              Mean
            </th>
            <th scope="col" className="num">
              Success
            </th>
            <th scope="col" className="num" title="values (runs)">
              n
            </th>
            <th scope="col" className="num" title="Change of the median vs the baseline">
              Δ median
            </th>
            <th scope="col" className="num">
              95 % CI
            </th>
            <th scope="col" className="num">
              p-value
            </th>
            <th scope="col">Verdict (basis)</th>
          </tr>
        </thead>
        {rows.map((row) => (
          <tbody key={row.name} className="row" data-row-name={row.name}>
            {shown.map(({ side, k }) => {
              const s = row.sides[k] ?? null;
              const c = k === 0 ? null : (row.comparisons[k - 1] ?? null);
              return (
                <tr key={side.id} data-side={side.id}>
                  {k === 0 && (
                    <th
                      scope="rowgroup"
                      rowSpan={shown.length}
                      style={{ paddingLeft: 8 + row.depth * 14 }}
                    >
                      {row.depth > 0 ? `└ ${rowLeaf(row.name)}` : row.name}
                      <span className="faint"> ({row.unit || 'no unit'})</span>
                    </th>
                  )}
                  <td className="side">
                    <Swatch index={k} />
                    {side.label}
                  </td>
                  {s === null || s.n === 0 ? (
                    <td colSpan={5} className="num faint">
                      not on this side
                    </td>
                  ) : (
                    <>
                      <Num v={s.median} unit={row.unit} />
                      <Num v={s.p95} unit={row.unit} />
                      <Num v={s.mean} unit={row.unit} />
                      <td className="num" data-value={s.success ?? undefined}>
                        {s.success === null ? 'n/a' : formatPercent(s.success)}
                      </td>
                      <td className="num" data-value={s.n}>
                        {formatCount(s.n)}
                        {s.runs > 1 ? ` (${s.runs} runs)` : ''}
                      </td>
                    </>
                  )}
                  {k === 0 ? (
                    <td colSpan={4} className="faint">
                      baseline
                    </td>
                  ) : c === null ? (
                    <td colSpan={4} className="faint">
                      {s === null ? 'no counterpart' : 'not compared (no baseline value)'}
                    </td>
                  ) : (
                    <>
                      <td
                        className={`num ${c.verdict === 'better' ? 'better' : c.verdict === 'worse' ? 'worse' : ''}`}
                        data-value={c.change ?? undefined}
                      >
                        {formatChange(c.change)}
                      </td>
                      <td className="num">{c.ci ? formatInterval(c.ci) : 'n/a'}</td>
                      <td className="num" data-value={c.pValue ?? undefined}>
                        {formatP(c.pValue)}
                      </td>
                      <VerdictCell c={c} />
                    </>
                  )}
                </tr>
              );
            })}
          </tbody>
        ))}
      </table>
    </div>
  );
}

function Distribution({
  row,
  sides,
  chart,
}: {
  row: CompareRow;
  sides: CompareSide[];
  chart: DistributionKind;
}) {
  const present = presentSides(row, sides);
  if (present.length === 0) return null;
  const kind = singleValues(present) ? 'box' : chart;
  return (
    <figure>
      <CompareDistribution
        row={row}
        sides={sides}
        kind={kind}
        width={1000}
        height={kind === 'box' ? Math.max(200, 110 + present.length * 56) : 340}
        theme={PAGE_THEME}
        fontSize={13}
        withChanges
      />
      <figcaption>
        {kind === 'box'
          ? `Distribution of ${row.name}: Tukey box plots (box: quartiles; bar: median; diamond: mean; whiskers: 1.5 × IQR; circles: values beyond).`
          : `Distribution of ${row.name}: empirical CDF, the share of values ≤ x; a curve to the left is faster.`}
      </figcaption>
    </figure>
  );
}

/** "2026-11-24 15:00:00 UTC": the same text wherever the report is opened. */
function utc(iso: string): string {
  return `${iso.slice(0, 19).replace('T', ' ')} UTC`;
}

/** The comparison as JSON that is safe inside <script>: no `<`, `>`, `&`, U+2028/9 left raw. */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

export function reportTitle(data: Comparison): string {
  const sides = displaySides(data);
  return `${sides[0]?.label ?? ''} vs ${sides
    .slice(1)
    .map((s) => s.label)
    .join(', ')}`;
}

export function CompareReport({ data, generatedAt, chart = 'ecdf' }: CompareReportProps) {
  const sides = displaySides(data);
  const title = reportTitle(data);
  const matched = data.workloads.filter((w) => w.present[0] && w.present.slice(1).some(Boolean));
  const unmatched = data.workloads.filter((w) => !matched.includes(w));
  const factors = data.factors.filter(
    (f) => f.differs || f.values.some((v) => v !== null && !(Array.isArray(v) && v.length === 0)),
  );
  // As the page's FactorDiffTable: a group whose runs disagree lists its distinct values.
  const fmt = (v: unknown) =>
    Array.isArray(v) && v.length > 1 && v.some((x) => x === null || typeof x !== 'object')
      ? `${v.map((x) => formatFactorValue(x) ?? 'unknown').join(' / ')} (varies)`
      : (formatFactorValue(v) ?? 'unknown');
  return (
    <html lang="en">
      {/* biome-ignore lint/style/noHeadElement: a standalone document, not a Next.js page */}
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="generator" content="edgeperf" />
        <meta name="color-scheme" content="light dark" />
        <title>{`edgeperf comparison: ${title}`}</title>
        <style>{CSS + TRAFFIC_CSS}</style>
      </head>
      <body>
        <header className="top">
          <svg width={28} height={28} viewBox="0 0 32 32" aria-hidden>
            <StaticLogoMark x={0} y={0} size={32} theme={PAGE_THEME} />
          </svg>
          <b>edgeperf</b>
          <span>offline comparison report</span>
        </header>
        <main>
          <h1>{title}</h1>
          <p className="meta">
            Generated <time dateTime={generatedAt}>{utc(generatedAt)}</time> · {matched.length}{' '}
            workload{matched.length === 1 ? '' : 's'} compared
            {data.metrics.length ? ` · ${data.metrics.length} run metrics` : ''} · bootstrap seed{' '}
            {data.method.seed} · α = {data.method.alpha}
          </p>

          <section id="sides">
            <h2>Sides</h2>
            <table>
              <thead>
                <tr>
                  <th scope="col">Side</th>
                  <th scope="col">Kind</th>
                  <th scope="col">Runs</th>
                </tr>
              </thead>
              <tbody>
                {sides.map((s, k) => (
                  <tr key={s.id} data-side={s.id}>
                    <td>
                      <Swatch index={k} />
                      <b>{s.label}</b>
                      <span className="tag">{k === 0 ? 'baseline' : `contender ${k}`}</span>
                      <div className="faint">
                        <code>{s.id}</code>
                      </div>
                    </td>
                    <td>{sideKind(s)}</td>
                    <td>
                      <ul className="runs">
                        {s.runs.map((r) => (
                          <li key={r.id}>
                            {r.name} <code className="faint">{r.id}</code>
                          </li>
                        ))}
                      </ul>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>

          <section id="factors">
            <h2>Configuration</h2>
            <p className="muted">
              The factors of each side; highlighted where the sides differ. Factors nobody stated on
              any side are left out.
            </p>
            <div className="scroll">
              <table className="factors">
                <thead>
                  <tr>
                    <th scope="col" style={{ width: '13em' }}>
                      Factor
                    </th>
                    {sides.map((s, k) => (
                      <th scope="col" key={s.id}>
                        <Swatch index={k} />
                        {s.label}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {factors.map((f) => (
                    <tr
                      key={f.key}
                      data-factor={f.key}
                      className={f.differs ? 'differs' : undefined}
                    >
                      <th scope="row">
                        {f.label}
                        {f.inFingerprint ? '' : <span className="tag nf">not in fingerprint</span>}
                      </th>
                      {f.values.map((v, k) => (
                        // biome-ignore lint/suspicious/noArrayIndexKey: one cell per side
                        <td key={k}>{fmt(v)}</td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>

          {data.warnings.length > 0 && (
            <section className="warnings" id="warnings">
              <h2>Warnings</h2>
              <ul>
                {data.warnings.map((w) => (
                  <li key={w}>{w}</li>
                ))}
              </ul>
            </section>
          )}

          {matched.map((w) => {
            const total = w.rows.find((r) => r.name === defaultRowName(w.rows)) ?? null;
            return (
              <article key={w.key} className="workload" data-workload={w.scenario}>
                <h3>{w.scenario}</h3>
                <p className="muted">
                  {compactArgs(w.args) || 'no arguments'} · runner {compactArgs(w.runner)}
                  {w.present.some((p) => !p)
                    ? ` · not on: ${sides
                        .filter((_, k) => !w.present[k])
                        .map((s) => s.label)
                        .join(', ')}`
                    : ''}
                </p>
                {total && <Distribution row={total} sides={sides} chart={chart} />}
                <RowsTable rows={w.rows} sides={sides} present={w.present} firstColumn="Action" />
              </article>
            );
          })}

          {data.metrics.length > 0 && (
            <article className="workload" data-workload="metrics">
              <h3>Run metrics</h3>
              <p className="muted">Run-level numbers (summary tables, ombt), one value per run.</p>
              {data.metrics[0] && <Distribution row={data.metrics[0]} sides={sides} chart="box" />}
              <RowsTable rows={data.metrics} sides={sides} firstColumn="Metric" />
            </article>
          )}

          {unmatched.length > 0 && (
            <section id="unmatched">
              <h2>Workloads with no counterpart</h2>
              <ul>
                {unmatched.map((w) => (
                  <li key={w.key}>
                    <code>{w.scenario}</code> {compactArgs(w.args)} · on{' '}
                    {sides
                      .filter((_, k) => w.present[k])
                      .map((s) => s.label)
                      .join(', ')}{' '}
                    only
                  </li>
                ))}
              </ul>
            </section>
          )}

          {data.traffic && <ReportTraffic traffic={data.traffic} sides={sides} />}
          {data.placement && <ReportPlacement placement={data.placement} sides={sides} />}

          <section id="method">
            <h2>Method</h2>
            <p>{data.method.description}</p>
            <p className="muted">
              α = {data.method.alpha} · confidence {Math.round(data.method.confidence * 100)} % ·{' '}
              {formatCount(data.method.resamples)} bootstrap resamples · seed {data.method.seed}.
              The same request gives the same numbers.
            </p>
          </section>

          <section id="data">
            <h2>Data</h2>
            <p className="muted">
              The comparison as the edgeperf API answered it is in this file, in the{' '}
              <code>script#edgeperf-comparison</code> element (JSON): read it with{' '}
              <code>JSON.parse(document.getElementById('edgeperf-comparison').textContent)</code>.
            </p>
          </section>
        </main>
        <script type="application/json" id="edgeperf-comparison">
          {scriptJson(data)}
        </script>
      </body>
    </html>
  );
}
