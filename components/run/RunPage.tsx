'use client';

import Link from 'next/link';
import { notFound } from 'next/navigation';
import { useEffect } from 'react';
import { useRunQuery } from '@/components/hooks/queries/useRunQuery';
import { isNotFound } from '@/components/hooks/useApi';
import { useRunViewState } from '@/components/hooks/useRunViewState';
import { TopologyView } from '@/components/topology/TopologyView';
import { TrafficView } from '@/components/traffic/TrafficView';
import { ErrorState } from '@/components/ui/States';
import { RunHeader } from './RunHeader';
import { RunPageSkeleton } from './RunPageSkeleton';
import { WorkloadPicker } from './WorkloadPicker';
import { WorkloadView } from './WorkloadView';

export function RunPage({ runId }: { runId: string }) {
  const run = useRunQuery(runId);
  const [view, setView] = useRunViewState();

  useEffect(() => {
    if (run.data) document.title = `${run.data.name} · edgeperf`;
  }, [run.data]);

  if (run.isPending) return <RunPageSkeleton />;
  if (run.isError) {
    // An unknown run id renders app/runs/[runId]/not-found.tsx.
    if (isNotFound(run.error)) notFound();
    return (
      <div className="mx-auto max-w-xl">
        <ErrorState
          error={run.error}
          title="Could not load this run"
          onRetry={() => void run.refetch()}
        />
        <p className="text-center text-[13px]">
          <Link href="/" className="text-accent hover:underline">
            Back to the runs
          </Link>
        </p>
      </div>
    );
  }

  const data = run.data;
  const workloads = data.workloads;
  const selected = workloads.find((w) => w.id === view.w) ?? workloads[0] ?? null;
  const siteCount = Array.isArray(data.measurements.sites)
    ? data.measurements.sites.length
    : (data.vmPlacement?.sites.length ?? 0);

  return (
    <div className="space-y-6">
      <RunHeader run={data} />

      <div role="tablist" aria-label="Run sections" className="flex gap-1 border-b border-border">
        {(
          [
            ['workloads', `Workloads (${workloads.length})`],
            ['traffic', `Traffic (${data.captures.length})`],
            ['topology', siteCount ? `Topology (${siteCount})` : 'Topology'],
          ] as const
        ).map(([section, label]) => (
          <button
            key={section}
            type="button"
            role="tab"
            aria-selected={view.section === section}
            onClick={() => void setView({ section }, { history: 'push' })}
            className={`-mb-px border-b-2 px-3 py-2 text-[13px] font-medium transition-colors ${
              view.section === section
                ? 'border-accent text-fg'
                : 'border-transparent text-muted hover:text-fg'
            }`}
          >
            {label}
          </button>
        ))}
      </div>

      {view.section === 'traffic' ? (
        <TrafficView captures={data.captures} runId={data.id} />
      ) : view.section === 'topology' ? (
        <TopologyView run={data} />
      ) : (
        <section aria-labelledby="workloads-heading" className="space-y-3">
          <div className="flex items-baseline justify-between gap-3">
            <h2 id="workloads-heading" className="text-base font-semibold tracking-tight">
              Workloads <span className="font-normal text-muted">({workloads.length})</span>
            </h2>
          </div>
          {workloads.length === 0 || !selected ? (
            <div className="rounded-lg border border-dashed border-border-strong bg-surface px-4 py-10 text-center text-[13px] text-muted">
              This run has no Rally workloads
              {data.captures.length ? '; it holds traffic captures only.' : '.'}
            </div>
          ) : (
            <div
              className={
                workloads.length > 1 ? 'grid gap-4 lg:grid-cols-[260px_minmax(0,1fr)]' : ''
              }
            >
              {workloads.length > 1 && (
                <WorkloadPicker
                  workloads={workloads}
                  selectedId={selected.id}
                  onSelect={(id) => void setView({ w: id, hm: null }, { history: 'push' })}
                />
              )}
              <WorkloadView key={selected.id} run={data} workload={selected} />
            </div>
          )}
        </section>
      )}
    </div>
  );
}
