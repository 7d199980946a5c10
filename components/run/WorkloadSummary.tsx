import type { ReactNode } from 'react';
import {
  formatCount,
  formatDateTime,
  formatDuration,
  formatNumber,
  formatPercent,
  formatSeconds,
} from '@/lib/format';
import type { Workload } from '@/lib/apiTypes';

/** The runner's parameters that matter, "times 500 · concurrency 10". */
export function runnerParams(runner: Workload['runner']): string[] {
  const keys = ['times', 'concurrency', 'rps', 'duration', 'timeout', 'max_concurrency'];
  const out: string[] = [];
  for (const k of keys) {
    const v = runner[k];
    if (v == null) continue;
    const text =
      typeof v === 'number'
        ? k === 'duration' || k === 'timeout'
          ? `${formatNumber(v)} s`
          : formatNumber(v)
        : typeof v === 'object'
          ? JSON.stringify(v)
          : String(v);
    out.push(`${k.replace('_', ' ')} ${text}`);
  }
  return out;
}

export function WorkloadSummary({ workload: w }: { workload: Workload }) {
  const success = w.iterations > 0 ? ((w.iterations - w.failures) / w.iterations) * 100 : null;
  const params = runnerParams(w.runner);
  return (
    <div
      className="grid grid-cols-2 divide-border rounded-lg border border-border bg-surface sm:grid-cols-3 lg:grid-cols-6 lg:divide-x"
      data-testid="workload-summary"
    >
      <Stat label="Iterations">{formatCount(w.iterations)}</Stat>
      <Stat label="Failures" tone={w.failures > 0 ? 'bad' : undefined}>
        {formatCount(w.failures)}
      </Stat>
      <Stat
        label="Success rate"
        tone={success == null ? undefined : success < 100 ? 'bad' : 'good'}
      >
        {formatPercent(success)}
      </Stat>
      <Stat
        label="Load duration"
        hint={w.loadDuration != null ? `${formatNumber(w.loadDuration, 3)} s` : undefined}
      >
        {formatDuration(w.loadDuration)}
        {w.loadDuration != null && w.loadDuration >= 60 && (
          <span className="mt-0.5 block text-xs font-normal text-muted">
            {formatSeconds(w.loadDuration)} s
          </span>
        )}
      </Stat>
      <Stat
        label="Full duration"
        hint={w.fullDuration != null ? `${formatNumber(w.fullDuration, 3)} s` : undefined}
      >
        {formatDuration(w.fullDuration)}
        {w.fullDuration != null && w.fullDuration >= 60 && (
          <span className="mt-0.5 block text-xs font-normal text-muted">
            {formatSeconds(w.fullDuration)} s
          </span>
        )}
      </Stat>
      <Stat
        label="Runner"
        hint={
          w.startTime != null
            ? `started ${formatDateTime(w.startTime, { seconds: true })}`
            : undefined
        }
      >
        <span className="font-mono text-[13px] break-all">{w.runner.type}</span>
        {params.length > 0 && (
          <span className="mt-0.5 block text-xs font-normal text-muted">{params.join(' · ')}</span>
        )}
      </Stat>
    </div>
  );
}

function Stat({
  label,
  children,
  tone,
  hint,
}: {
  label: string;
  children: ReactNode;
  tone?: 'good' | 'bad';
  hint?: string;
}) {
  return (
    <div className="min-w-0 border-b border-border px-4 py-3 lg:border-b-0" title={hint}>
      <div className="text-[11px] font-medium tracking-wide text-muted uppercase">{label}</div>
      <div
        className={`mt-1 text-lg font-semibold tabular-nums ${tone === 'bad' ? 'text-bad' : tone === 'good' ? 'text-good' : 'text-fg'}`}
      >
        {children}
      </div>
    </div>
  );
}
