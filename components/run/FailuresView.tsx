'use client';

import { Fragment, useMemo, useState } from 'react';
import { useIterationPagesQuery } from '@/components/hooks/queries/useIterationsQuery';
import { Badge } from '@/components/ui/Badge';
import { Panel } from '@/components/ui/Panel';
import { TableSkeleton } from '@/components/ui/Skeleton';
import { EmptyState, ErrorState } from '@/components/ui/States';
import { formatCount, formatDateTime, formatSecondsAuto } from '@/lib/format';
import type { IterationOut, IterationPage, Run, Workload } from '@/lib/apiTypes';

const PAGE = 10_000;

/**
 * Failed iterations. The chart sample already holds every iteration when the workload is small;
 * otherwise the iterations are scanned page by page (10,000 at a time) on demand.
 */
export function FailuresView({
  run,
  workload,
  sample,
}: {
  run: Run;
  workload: Workload;
  sample: IterationPage | undefined;
}) {
  const sampleIsComplete = sample != null && sample.data.length >= sample.total;
  const needScan = workload.failures > 0 && sample != null && !sampleIsComplete;
  const pages = useIterationPagesQuery(
    { runId: run.id, workloadId: workload.id, limit: PAGE },
    { enabled: needScan },
  );

  const { failures, scanned, total } = useMemo(() => {
    if (sampleIsComplete && sample)
      return {
        failures: sample.data.filter((it) => it.error),
        scanned: sample.total,
        total: sample.total,
      };
    const all = pages.data?.pages ?? [];
    const rows = all.flatMap((p) => p.data.filter((it) => it.error));
    const seen = all.reduce((a, p) => a + p.data.length, 0);
    return { failures: rows, scanned: seen, total: all[0]?.total ?? workload.iterations };
  }, [sampleIsComplete, sample, pages.data, workload.iterations]);

  const byType = useMemo(() => {
    const m = new Map<string, number>();
    for (const f of failures) m.set(f.error?.type ?? '?', (m.get(f.error?.type ?? '?') ?? 0) + 1);
    return [...m.entries()].sort((a, b) => b[1] - a[1]);
  }, [failures]);

  if (workload.failures === 0) {
    return (
      <Panel bodyClassName="">
        <EmptyState
          title="No failed iterations"
          icon={
            <svg
              viewBox="0 0 24 24"
              className="mb-1 h-8 w-8 text-good"
              fill="none"
              aria-hidden="true"
            >
              <circle cx="12" cy="12" r="9" stroke="currentColor" strokeWidth="1.6" />
              <path
                d="m8 12.5 2.8 2.8L16.5 9.5"
                stroke="currentColor"
                strokeWidth="1.8"
                strokeLinecap="round"
              />
            </svg>
          }
        >
          All {formatCount(workload.iterations)} iterations of this workload succeeded.
        </EmptyState>
      </Panel>
    );
  }

  const loading = sample == null || (needScan && pages.isPending);
  const error = needScan ? pages.error : null;
  const start = workload.startTime ?? sample?.data[0]?.timestamp ?? null;

  return (
    <Panel
      title="Failed iterations"
      subtitle={
        scanned < total
          ? `${formatCount(failures.length)} found in the first ${formatCount(scanned)} of ${formatCount(total)} iterations (${formatCount(workload.failures)} in all)`
          : `${formatCount(failures.length)} of ${formatCount(total)} iterations failed`
      }
      actions={byType.map(([type, n]) => (
        <Badge key={type} tone="bad">
          {type} × {formatCount(n)}
        </Badge>
      ))}
      bodyClassName=""
    >
      {loading ? (
        <div className="p-4">
          <TableSkeleton rows={5} cols={5} />
        </div>
      ) : error ? (
        <ErrorState
          compact
          error={error}
          title="Could not load the iterations"
          onRetry={() => void pages.refetch()}
        />
      ) : (
        <>
          <FailuresTable rows={failures} start={start} />
          {scanned < total && (
            <div className="no-print flex items-center justify-center gap-3 border-t border-border px-4 py-3 text-[13px] text-muted">
              <span>
                Scanned {formatCount(scanned)} of {formatCount(total)} iterations
              </span>
              <button
                type="button"
                disabled={pages.isFetchingNextPage}
                onClick={() => void pages.fetchNextPage()}
                className="rounded-md border border-border-strong bg-surface px-3 py-1 font-medium text-fg hover:bg-surface-2 disabled:opacity-50"
              >
                {pages.isFetchingNextPage
                  ? 'Scanning…'
                  : `Scan the next ${formatCount(Math.min(PAGE, total - scanned))}`}
              </button>
            </div>
          )}
        </>
      )}
    </Panel>
  );
}

function FailuresTable({ rows, start }: { rows: IterationOut[]; start: number | null }) {
  const [open, setOpen] = useState<Set<number>>(new Set());
  const toggle = (i: number) =>
    setOpen((s) => {
      const n = new Set(s);
      if (n.has(i)) n.delete(i);
      else n.add(i);
      return n;
    });
  if (rows.length === 0)
    return (
      <p className="px-4 py-6 text-center text-[13px] text-muted">
        No failed iteration in the part scanned so far.
      </p>
    );
  return (
    <div className="overflow-x-auto">
      <table className="w-full min-w-[640px] text-[13px]" data-testid="failures-table">
        <thead>
          <tr className="border-b border-border text-left text-xs text-muted">
            <th className="w-8 px-2 py-2" />
            <th className="px-3 py-2 text-right font-medium">Iteration</th>
            <th className="px-3 py-2 font-medium">Time (UTC)</th>
            <th className="px-3 py-2 font-medium">Type</th>
            <th className="px-3 py-2 font-medium">Message</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((it) => {
            const isOpen = open.has(it.i);
            return (
              <Fragment key={it.i}>
                <tr
                  className="cursor-pointer border-b border-border align-top hover:bg-surface-2/60"
                  onClick={() => toggle(it.i)}
                >
                  <td className="px-2 py-2 text-center">
                    <button
                      type="button"
                      aria-expanded={isOpen}
                      aria-label={`${isOpen ? 'Hide' : 'Show'} traceback of iteration ${it.i + 1}`}
                      onClick={(e) => {
                        e.stopPropagation();
                        toggle(it.i);
                      }}
                      className="text-muted hover:text-fg"
                    >
                      <svg
                        viewBox="0 0 12 12"
                        className={`h-3 w-3 transition-transform ${isOpen ? 'rotate-90' : ''}`}
                        aria-hidden="true"
                      >
                        <path
                          d="M4 2l4 4-4 4"
                          fill="none"
                          stroke="currentColor"
                          strokeWidth="1.6"
                        />
                      </svg>
                    </button>
                  </td>
                  <td className="px-3 py-2 text-right font-medium tabular-nums">{it.i + 1}</td>
                  <td className="px-3 py-2 whitespace-nowrap tabular-nums">
                    {formatDateTime(it.timestamp, { millis: true, zone: false })}
                    {start != null && (
                      <span className="ml-2 text-xs text-faint">
                        +{formatSecondsAuto(it.timestamp - start)} s
                      </span>
                    )}
                  </td>
                  <td className="px-3 py-2">
                    <span className="font-mono text-[12px] text-bad">{it.error?.type}</span>
                  </td>
                  <td className="max-w-[520px] px-3 py-2 break-words text-fg">
                    {it.error?.message}
                  </td>
                </tr>
                {isOpen && (
                  <tr className="border-b border-border bg-surface-2/50">
                    <td />
                    <td colSpan={4} className="px-3 py-2">
                      {it.error?.traceback ? (
                        <pre className="max-h-80 overflow-auto rounded-md border border-border bg-surface p-3 font-mono text-[11.5px] leading-5 whitespace-pre text-fg">
                          {it.error.traceback}
                        </pre>
                      ) : (
                        <span className="text-xs text-muted">No traceback recorded.</span>
                      )}
                    </td>
                  </tr>
                )}
              </Fragment>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
