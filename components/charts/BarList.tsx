import type { ReactNode } from 'react';

export interface BarListItem {
  key: string;
  /** Rendered as text (names from captures are data, never markup). */
  label: ReactNode;
  value: number;
  /** The value as printed on the right; defaults to the number. */
  display?: ReactNode;
  /** Smaller text after the value (other metrics). */
  detail?: ReactNode;
  /** A CSS colour for this row's bar; defaults to the list's colour. */
  color?: string;
  title?: string;
}

/**
 * A sorted list of horizontal bars, label over the bar and value on the right (HTML, so long
 * names wrap or truncate cleanly on phones). Bars are proportional to `max` (default: the
 * largest value).
 */
export function BarList({
  items,
  color = 'var(--chart-1)',
  max,
  ariaLabel,
  valueHeader,
  labelHeader,
  mono = true,
}: {
  items: BarListItem[];
  color?: string;
  max?: number;
  ariaLabel: string;
  /** Column captions shown above the list. */
  labelHeader?: string;
  valueHeader?: string;
  mono?: boolean;
}) {
  const top = max ?? Math.max(0, ...items.map((i) => i.value));
  return (
    <div className="min-w-0">
      {(labelHeader || valueHeader) && (
        <div className="mb-1 flex justify-between gap-3 text-[11px] font-medium text-muted">
          <span>{labelHeader}</span>
          <span>{valueHeader}</span>
        </div>
      )}
      <ul aria-label={ariaLabel} className="space-y-1">
        {items.map((it) => {
          const pct = top > 0 ? Math.max(0, Math.min(100, (it.value / top) * 100)) : 0;
          const c = it.color ?? color;
          return (
            <li
              key={it.key}
              className="flex min-w-0 items-center gap-3 text-[12px]"
              title={it.title}
              data-bar-key={it.key}
            >
              <div className="relative min-w-0 flex-1 overflow-hidden rounded-[4px]">
                <div
                  aria-hidden="true"
                  className="absolute inset-y-0 left-0 rounded-[4px]"
                  style={{
                    width: `${pct}%`,
                    minWidth: it.value > 0 ? 2 : 0,
                    background: `color-mix(in oklab, ${c} 22%, transparent)`,
                    borderLeft: it.value > 0 ? `2px solid ${c}` : undefined,
                  }}
                />
                <div
                  className={`relative truncate px-2 py-[3px] leading-5 text-fg ${mono ? 'font-mono text-[12px]' : ''}`}
                >
                  {it.label}
                </div>
              </div>
              <div className="shrink-0 text-right tabular-nums">
                <span className="font-medium text-fg">{it.display ?? it.value}</span>
                {it.detail != null && (
                  <span className="ml-1.5 hidden text-[11px] text-muted sm:inline">
                    {it.detail}
                  </span>
                )}
              </div>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
