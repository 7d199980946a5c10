'use client';

import { seriesColor } from '@/components/charts/chartTheme';
import { useReadOnly } from '@/components/hooks/shareContext';
import type { CompareSide } from '@/lib/compareTypes';
import { RunSearch } from './RunSearch';

function shortId(id: string): string {
  return id.length > 14 ? `${id.slice(0, 11)}…` : id;
}

/**
 * The sides being compared as chips: the baseline first, then the contenders in the order of the
 * tables and charts. A contender can become the baseline (swap) or be removed.
 */
export function SidePicker({
  ids,
  sides,
  onRemove,
  onMakeBaseline,
  onAdd,
}: {
  /** Baseline first. */
  ids: string[];
  /** The API's sides when loaded (labels, kinds); matched by id. */
  sides: CompareSide[] | null;
  onRemove: (id: string) => void;
  onMakeBaseline: (id: string) => void;
  onAdd: (id: string) => void;
}) {
  // A shared view shows the sides it was shared with: nothing to add, remove or swap.
  const readOnly = useReadOnly();
  return (
    <div className="space-y-3">
      <ul className="flex flex-wrap items-center gap-2" aria-label="Sides">
        {ids.map((id, i) => {
          const side = sides?.find((s) => s.id === id);
          const group = id.startsWith('fp_');
          const label = side?.label ?? (group ? `group ${shortId(id)}` : shortId(id));
          return (
            <li
              key={id}
              data-side-chip={id}
              className={`flex max-w-full items-center gap-1.5 rounded-full border py-1 pr-1 pl-2.5 text-[12.5px] ${
                i === 0 ? 'border-accent bg-accent-soft/60' : 'border-border bg-surface'
              }`}
            >
              <span
                aria-hidden="true"
                className="h-2.5 w-2.5 shrink-0 rounded-sm"
                style={{ background: seriesColor(i) }}
              />
              <span className="min-w-0 truncate font-medium" title={`${label}\n${id}`}>
                {label}
              </span>
              {group && (
                <span className="shrink-0 rounded border border-border px-1 text-[10px] text-muted">
                  {side ? `${side.runs.length} runs` : 'group'}
                </span>
              )}
              {i === 0 ? (
                <span className="shrink-0 rounded bg-accent px-1.5 text-[10px] font-medium text-accent-fg">
                  baseline
                </span>
              ) : readOnly ? null : (
                <button
                  type="button"
                  onClick={() => onMakeBaseline(id)}
                  aria-label={`Make ${label} the baseline`}
                  title="Make this the baseline (the current baseline becomes a contender)"
                  className="no-print shrink-0 rounded-full px-1.5 text-[11px] text-muted hover:bg-surface-2 hover:text-accent"
                >
                  ⇄<span className="hidden sm:inline"> baseline</span>
                </button>
              )}
              {!readOnly && (
                <button
                  type="button"
                  onClick={() => onRemove(id)}
                  aria-label={`Remove ${label}`}
                  title="Remove"
                  className="no-print flex h-5 w-5 shrink-0 items-center justify-center rounded-full text-muted hover:bg-bad-soft hover:text-bad"
                >
                  <svg viewBox="0 0 12 12" className="h-3 w-3" aria-hidden="true">
                    <path
                      d="M3 3l6 6M9 3l-6 6"
                      stroke="currentColor"
                      strokeWidth="1.6"
                      strokeLinecap="round"
                    />
                  </svg>
                </button>
              )}
            </li>
          );
        })}
      </ul>
      {!readOnly && (
        <div className="no-print">
          <RunSearch exclude={ids} onAdd={onAdd} />
        </div>
      )}
    </div>
  );
}
