import type { ReactNode } from 'react';

export interface TooltipRow {
  color: string;
  name: string;
  value: string;
}

/** The box every chart's tooltip renders: a title and coloured rows. */
export function ChartTooltipBox({
  title,
  rows,
  footer,
}: {
  title: ReactNode;
  rows: TooltipRow[];
  footer?: ReactNode;
}) {
  return (
    <div className="pointer-events-none min-w-[160px] rounded-md border border-border bg-surface px-3 py-2 text-xs shadow-lg">
      <div className="mb-1 font-medium text-fg">{title}</div>
      <table className="w-full">
        <tbody>
          {rows.map((r) => (
            <tr key={r.name}>
              <td className="pr-2 align-middle">
                <span
                  className="inline-block h-2 w-2 rounded-full"
                  style={{ background: r.color }}
                />
              </td>
              <td className="pr-4 text-muted">{r.name}</td>
              <td className="text-right font-mono text-fg">{r.value}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {footer && <div className="mt-1 text-[11px] text-faint">{footer}</div>}
    </div>
  );
}

/** The legend every chart renders above its plot (HTML, so it wraps on phones). */
export function ChartLegend({
  items,
}: {
  items: { name: string; color: string; dashed?: boolean }[];
}) {
  return (
    <ul className="mb-2 flex flex-wrap gap-x-4 gap-y-1 text-xs text-muted" aria-label="Legend">
      {items.map((it) => (
        <li key={it.name} className="flex items-center gap-1.5">
          {it.dashed ? (
            <span
              className="inline-block w-3 border-t-2 border-dashed"
              style={{ borderColor: it.color }}
            />
          ) : (
            <span
              className="inline-block h-2.5 w-2.5 rounded-sm"
              style={{ background: it.color }}
            />
          )}
          {it.name}
        </li>
      ))}
    </ul>
  );
}
