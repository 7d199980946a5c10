'use client';

import { Badge } from '@/components/ui/Badge';
import { formatCount } from '@/lib/format';
import type { Workload } from '@/lib/apiTypes';

export function workloadTitle(w: Workload): string {
  return w.scenario;
}

export function WorkloadPicker({
  workloads,
  selectedId,
  onSelect,
}: {
  workloads: Workload[];
  selectedId: string;
  onSelect: (id: string) => void;
}) {
  return (
    <>
      {/* Phones and tablets: a select. */}
      <label className="no-print block lg:hidden">
        <span className="mb-1 block text-xs text-muted">Workload</span>
        <select
          value={selectedId}
          onChange={(e) => onSelect(e.target.value)}
          className="h-9 w-full rounded-md border border-border bg-surface px-2 text-[13px]"
        >
          {workloads.map((w, i) => (
            <option key={w.id} value={w.id}>
              {i + 1}. {w.scenario} · {w.runner.type} · {w.iterations} it.
              {w.failures ? ` · ${w.failures} failed` : ''}
            </option>
          ))}
        </select>
      </label>
      {/* Desktop: a list. */}
      <nav aria-label="Workloads" className="no-print hidden lg:block">
        <ul className="sticky top-20 space-y-1">
          {workloads.map((w, i) => {
            const active = w.id === selectedId;
            return (
              <li key={w.id}>
                <button
                  type="button"
                  onClick={() => onSelect(w.id)}
                  aria-current={active ? 'true' : undefined}
                  className={`w-full rounded-md border px-3 py-2 text-left transition-colors ${
                    active
                      ? 'border-accent bg-accent-soft'
                      : 'border-transparent hover:border-border hover:bg-surface'
                  }`}
                >
                  <div className="flex items-center gap-2">
                    <span className="text-[11px] font-medium text-faint">{i + 1}</span>
                    <span
                      className={`min-w-0 flex-1 truncate font-mono text-[12px] ${active ? 'text-accent' : 'text-fg'}`}
                      title={w.scenario}
                    >
                      {w.scenario}
                    </span>
                  </div>
                  <div className="mt-1 flex flex-wrap items-center gap-1.5 pl-4 text-[11px] text-muted">
                    <span>{w.runner.type}</span>
                    <span className="text-faint">·</span>
                    <span>{formatCount(w.iterations)} it.</span>
                    {w.failures > 0 && <Badge tone="bad">{formatCount(w.failures)} failed</Badge>}
                    {w.sla.some((s) => !s.success) && <Badge tone="warn">SLA</Badge>}
                  </div>
                </button>
              </li>
            );
          })}
        </ul>
      </nav>
    </>
  );
}
