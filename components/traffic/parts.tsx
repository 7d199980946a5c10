import type { ReactNode } from 'react';
import { formatCount } from '@/lib/format';
import { formatLatency, type LatencyRow } from '@/lib/traffic';

/** A figure of a summary strip (as the workload summary's). */
export function Stat({
  label,
  children,
  sub,
  tone,
  hint,
  testId,
}: {
  label: string;
  children: ReactNode;
  sub?: ReactNode;
  tone?: 'good' | 'bad' | 'warn';
  hint?: string;
  testId?: string;
}) {
  return (
    <div className="min-w-0 px-4 py-3" title={hint} data-testid={testId}>
      <div className="text-[11px] font-medium tracking-wide text-muted uppercase">{label}</div>
      <div
        className={`mt-1 text-lg font-semibold tabular-nums ${
          tone === 'bad'
            ? 'text-bad'
            : tone === 'warn'
              ? 'text-warn'
              : tone === 'good'
                ? 'text-good'
                : 'text-fg'
        }`}
      >
        {children}
      </div>
      {sub != null && <div className="mt-0.5 text-xs leading-4 text-muted">{sub}</div>}
    </div>
  );
}

/** A row of small figures inside a panel ("12 connections · 3 errors"). */
export function MiniStats({
  items,
}: {
  items: {
    label: string;
    value: ReactNode;
    tone?: 'bad' | 'warn' | 'good';
    title?: string;
    /** Spans both columns on phones (long text). */
    wide?: boolean;
  }[];
}) {
  return (
    <dl className="grid grid-cols-2 gap-x-4 gap-y-2 sm:flex sm:flex-wrap sm:gap-x-6">
      {items.map((it) => (
        <div key={it.label} className={`min-w-0 ${it.wide ? 'col-span-2' : ''}`} title={it.title}>
          <dt className="text-[11px] text-muted">{it.label}</dt>
          <dd
            className={`text-[14px] font-semibold tabular-nums ${
              it.tone === 'bad'
                ? 'text-bad'
                : it.tone === 'warn'
                  ? 'text-warn'
                  : it.tone === 'good'
                    ? 'text-good'
                    : 'text-fg'
            }`}
          >
            {it.value}
          </dd>
        </div>
      ))}
    </dl>
  );
}

/** A heading inside a panel. */
export function SubHeading({ children, aside }: { children: ReactNode; aside?: ReactNode }) {
  return (
    <div className="mb-2 flex flex-wrap items-baseline justify-between gap-x-3">
      <h3 className="text-xs font-semibold whitespace-nowrap text-fg">{children}</h3>
      {aside && <div className="min-w-0 text-[11px] text-muted">{aside}</div>}
    </div>
  );
}

/**
 * A name from a capture (routing key, exchange, table): always text. The default exchange
 * (`""`) reads "(default)".
 */
export function DataName({ name, empty = '(default)' }: { name: string; empty?: string }) {
  if (name === '') return <span className="text-faint italic">{empty}</span>;
  return <span className="break-all">{name}</span>;
}

export function ShowAll({
  rest,
  expanded,
  onToggle,
  noun = 'rows',
}: {
  rest: number;
  expanded: boolean;
  onToggle: () => void;
  noun?: string;
}) {
  if (!expanded && rest <= 0) return null;
  return (
    <button
      type="button"
      onClick={onToggle}
      aria-expanded={expanded}
      className="no-print mt-2 rounded-md border border-border bg-surface px-2.5 py-1 text-xs font-medium text-muted hover:bg-surface-2 hover:text-fg"
    >
      {expanded ? 'Show fewer' : `Show all (${formatCount(rest)} more ${noun})`}
    </button>
  );
}

/** A muted line when a section has nothing to show. */
export function Nothing({ children }: { children: ReactNode }) {
  return <p className="py-3 text-[12px] text-faint italic">{children}</p>;
}

// ---------------------------------------------------------------------------------------------
// Latency: a table with a range bar per row (median ● to max, p95 tick) on a shared log axis.

function logDomain(rows: LatencyRow[]): [number, number] | null {
  let lo = Number.POSITIVE_INFINITY;
  let hi = 0;
  for (const r of rows) {
    for (const v of [r.median, r.p95, r.max]) {
      if (v != null && v > 0) {
        if (v < lo) lo = v;
        if (v > hi) hi = v;
      }
    }
  }
  if (!(hi > 0) || !Number.isFinite(lo)) return null;
  // Whole decades: the bars of two tables compare by eye.
  const a = 10 ** Math.floor(Math.log10(lo));
  const b = 10 ** Math.ceil(Math.log10(hi));
  return [a, b > a ? b : a * 10];
}

function RangeBar({ row, domain }: { row: LatencyRow; domain: [number, number] }) {
  const [a, b] = domain;
  const pos = (v: number) =>
    Math.max(
      0,
      Math.min(100, ((Math.log10(v) - Math.log10(a)) / (Math.log10(b) - Math.log10(a))) * 100),
    );
  const med = row.median != null && row.median > 0 ? pos(row.median) : null;
  const p95 = row.p95 != null && row.p95 > 0 ? pos(row.p95) : null;
  const max = row.max != null && row.max > 0 ? pos(row.max) : null;
  if (med == null) return null;
  return (
    <div className="relative h-3 w-full" aria-hidden="true">
      <div className="absolute top-1/2 right-0 left-0 h-px bg-border" />
      {max != null && (
        <div
          className="absolute top-1/2 h-[3px] -translate-y-1/2 rounded-full"
          style={{
            left: `${med}%`,
            width: `${Math.max(0, max - med)}%`,
            background: 'color-mix(in oklab, var(--chart-1) 45%, transparent)',
          }}
        />
      )}
      {p95 != null && (
        <div
          className="absolute top-0 h-3 w-[2px] -translate-x-1/2 rounded-sm"
          style={{ left: `${p95}%`, background: 'var(--chart-2)' }}
        />
      )}
      <div
        className="absolute top-1/2 h-2 w-2 -translate-x-1/2 -translate-y-1/2 rounded-full border border-surface"
        style={{ left: `${med}%`, background: 'var(--chart-1)' }}
      />
    </div>
  );
}

function decadeLabel(v: number): string {
  return formatLatency(v).replace(/\.0+ /, ' ');
}

/** Latency per name: count, median, 95th percentile, max, and the spread on a log axis. */
export function LatencyTable({
  rows,
  nameHeader,
  testId,
  renderName = (n) => <DataName name={n} />,
}: {
  rows: LatencyRow[];
  nameHeader: string;
  testId?: string;
  renderName?: (name: string) => ReactNode;
}) {
  const domain = logDomain(rows);
  return (
    <div className="overflow-x-auto">
      <table className="w-full border-collapse text-[12px] sm:min-w-[520px]" data-testid={testId}>
        <thead>
          <tr className="border-b border-border text-[11px] text-muted">
            <th scope="col" className="py-1.5 pr-3 text-left font-medium">
              {nameHeader}
            </th>
            <th scope="col" className="px-1 py-1.5 text-right font-medium sm:px-2">
              Count
            </th>
            <th scope="col" className="px-1 py-1.5 text-right font-medium sm:px-2">
              Median
            </th>
            <th scope="col" className="px-1 py-1.5 text-right font-medium sm:px-2">
              95%ile
            </th>
            <th scope="col" className="px-1 py-1.5 text-right font-medium sm:px-2">
              Max
            </th>
            <th
              scope="col"
              className="hidden w-[30%] py-1.5 pl-3 text-left font-medium sm:table-cell"
            >
              {domain ? (
                <span className="flex justify-between gap-2 font-normal text-faint">
                  <span>{decadeLabel(domain[0])}</span>
                  <span className="hidden sm:inline">log scale</span>
                  <span>{decadeLabel(domain[1])}</span>
                </span>
              ) : null}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr
              key={r.name}
              className="border-b border-border last:border-b-0 hover:bg-surface-2/50"
              data-row-name={r.name}
            >
              <th
                scope="row"
                className="max-w-[260px] min-w-[80px] py-1.5 pr-3 text-left font-mono text-[12px] font-normal"
              >
                {renderName(r.name)}
              </th>
              <td className="px-1 py-1.5 text-right whitespace-nowrap tabular-nums sm:px-2">
                {formatCount(r.count)}
              </td>
              <td
                className="px-1 py-1.5 text-right whitespace-nowrap tabular-nums sm:px-2"
                title={r.median == null ? undefined : `${r.median} s`}
              >
                {formatLatency(r.median)}
              </td>
              <td
                className="px-1 py-1.5 text-right whitespace-nowrap tabular-nums sm:px-2"
                title={r.p95 == null ? undefined : `${r.p95} s`}
              >
                {formatLatency(r.p95)}
              </td>
              <td
                className="px-1 py-1.5 text-right whitespace-nowrap tabular-nums sm:px-2"
                title={r.max == null ? undefined : `${r.max} s`}
              >
                {formatLatency(r.max)}
              </td>
              <td className="hidden py-1.5 pl-3 sm:table-cell">
                {domain && <RangeBar row={r} domain={domain} />}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {domain && (
        <p className="mt-1.5 hidden flex-wrap items-center gap-x-3 gap-y-1 text-[11px] text-muted sm:flex">
          <span className="inline-flex items-center gap-1">
            <span
              className="inline-block h-2 w-2 rounded-full"
              style={{ background: 'var(--chart-1)' }}
            />
            median
          </span>
          <span className="inline-flex items-center gap-1">
            <span
              className="inline-block h-3 w-[2px] rounded-sm"
              style={{ background: 'var(--chart-2)' }}
            />
            95%ile
          </span>
          <span className="inline-flex items-center gap-1">
            <span
              className="inline-block h-[3px] w-4 rounded-full"
              style={{ background: 'color-mix(in oklab, var(--chart-1) 45%, transparent)' }}
            />
            median to max
          </span>
        </p>
      )}
    </div>
  );
}
