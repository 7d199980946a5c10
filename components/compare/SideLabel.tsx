import { seriesColor } from '@/components/charts/chartTheme';
import type { CompareSide } from '@/lib/compareTypes';

/** A side's colour dot + label; the baseline says so. Colours match every chart of the page. */
export function SideLabel({
  side,
  index,
  maxWidth = 200,
  showKind = false,
}: {
  side: CompareSide;
  index: number;
  maxWidth?: number;
  showKind?: boolean;
}) {
  return (
    <span className="inline-flex min-w-0 items-center gap-1.5">
      <span
        aria-hidden="true"
        className="inline-block h-2.5 w-2.5 shrink-0 rounded-sm"
        style={{ background: seriesColor(index) }}
      />
      <span className="truncate" style={{ maxWidth }} title={`${side.label}\n${side.id}`}>
        {side.label}
      </span>
      {showKind && side.kind === 'group' && (
        <span className="shrink-0 rounded border border-border px-1 text-[10px] text-muted">
          {side.runs.length} runs
        </span>
      )}
      {index === 0 && (
        <span className="shrink-0 rounded bg-accent-soft px-1 text-[10px] font-medium text-accent">
          baseline
        </span>
      )}
    </span>
  );
}
