'use client';

import Link from 'next/link';
import { useMemo, useState } from 'react';
import type { Job, JobMember } from '@/components/hooks/queries/useJobQuery';
import { useRunQuery } from '@/components/hooks/queries/useRunQuery';
import { Badge } from '@/components/ui/Badge';
import { Skeleton } from '@/components/ui/Skeleton';
import { formatCount } from '@/lib/format';
import type { Run } from '@/lib/apiTypes';

const MEMBER_PREVIEW = 8;
const STATUS_TONE = { used: 'good', skipped: 'neutral', failed: 'bad' } as const;
const STATUS_ORDER = { failed: 0, used: 1, skipped: 2 } as const;

/** What a finished job did: its runs, every member of the upload, warnings and the error. */
export function JobSummary({ job }: { job: Job }) {
  return (
    <div className="space-y-4" data-testid="job-summary">
      {job.error && <JobError error={job.error} />}
      <RunsList job={job} />
      {job.warnings.length > 0 && <Warnings warnings={job.warnings} />}
      {job.members.length > 0 && <MembersTable members={job.members} />}
    </div>
  );
}

function JobError({ error }: { error: NonNullable<Job['error']> }) {
  return (
    <div
      role="alert"
      data-testid="job-error"
      className="rounded-md border border-bad/30 bg-bad-soft px-3 py-2.5 text-[13px]"
    >
      <div className="flex flex-wrap items-center gap-2">
        <span className="font-semibold text-bad">Ingest failed</span>
        <code className="rounded bg-surface/60 px-1.5 py-px font-mono text-[11px] text-bad">
          {error.code}
        </code>
      </div>
      <p className="mt-1 break-words text-fg">{error.message}</p>
      {error.member && (
        <p className="mt-1 text-xs text-muted">
          in <code className="font-mono break-all text-fg">{error.member}</code>
        </p>
      )}
      <p className="mt-1.5 text-xs text-muted">Nothing of a failed run is kept in the store.</p>
    </div>
  );
}

function RunsList({ job }: { job: Job }) {
  return (
    <div>
      <h4 className="text-xs font-semibold tracking-wide text-muted uppercase">
        Runs <span className="font-normal text-faint">({job.runs.length})</span>
      </h4>
      {job.runs.length === 0 ? (
        <p className="mt-1.5 text-[13px] text-muted">
          {job.state === 'failed'
            ? 'No run was stored.'
            : 'No run in this upload: nothing in it is a result file edgeperf reads (see the members below).'}
        </p>
      ) : (
        <ul
          className="mt-1.5 divide-y divide-border rounded-md border border-border"
          data-testid="job-runs"
        >
          {job.runs.map((id) => (
            <RunRow key={id} runId={id} jobCreatedAt={job.createdAt} />
          ))}
        </ul>
      )}
    </div>
  );
}

function RunRow({ runId, jobCreatedAt }: { runId: string; jobCreatedAt?: string }) {
  const run = useRunQuery(runId);
  const href = `/runs/${encodeURIComponent(runId)}`;
  // The job does not say whether a run is new; a run older than the job was already stored
  // (an identical upload: content identifies what is stored).
  const existed =
    run.data && jobCreatedAt ? Date.parse(run.data.createdAt) < Date.parse(jobCreatedAt) : null;
  return (
    <li className="flex flex-wrap items-center gap-x-3 gap-y-1 px-3 py-2 text-[13px]">
      <div className="min-w-0 basis-full sm:basis-0 sm:flex-1">
        {run.isPending ? (
          <Skeleton className="h-4 w-48" />
        ) : (
          <Link
            href={href}
            className="font-medium break-all text-accent hover:underline"
            data-testid="job-run-link"
          >
            {run.data?.name ?? runId}
          </Link>
        )}
        <div className="mt-0.5 flex flex-wrap gap-x-3 text-xs text-muted">
          <span className="font-mono">{runId}</span>
          {run.data && (
            <>
              <span>{describeRun(run.data)}</span>
              {run.data.campaign && <span>campaign {run.data.campaign.name}</span>}
            </>
          )}
          {run.isError && (
            <span className="text-bad">details unavailable: {run.error.message}</span>
          )}
        </div>
      </div>
      <div className="flex items-center gap-2">
        {existed === true && (
          <Badge
            tone="neutral"
            title="The same content was uploaded before: nothing new was stored"
          >
            already present
          </Badge>
        )}
        {existed === false && <Badge tone="good">new</Badge>}
        <Link
          href={href}
          className="rounded-md border border-border bg-surface px-2.5 py-1 text-xs font-medium text-muted hover:bg-surface-2 hover:text-fg"
          aria-label={`Open run ${run.data?.name ?? runId}`}
        >
          Open →
        </Link>
      </div>
    </li>
  );
}

/** What a run holds, in a few words: "2 workloads · 250 iterations · 1 capture". */
function describeRun(run: Run): string {
  const plural = (n: number, word: string) => `${formatCount(n)} ${word}${n === 1 ? '' : 's'}`;
  const parts: string[] = [];
  if (run.workloads.length > 0) {
    const iterations = run.workloads.reduce((n, w) => n + w.iterations, 0);
    parts.push(plural(run.workloads.length, 'workload'), plural(iterations, 'iteration'));
  }
  if (run.captures.length > 0) parts.push(plural(run.captures.length, 'capture'));
  if (run.metrics.length > 0 && run.workloads.length === 0)
    parts.push(plural(run.metrics.length, 'metric'));
  return parts.join(' · ') || 'no results yet';
}

function Warnings({ warnings }: { warnings: string[] }) {
  return (
    <div>
      <h4 className="text-xs font-semibold tracking-wide text-muted uppercase">
        Warnings <span className="font-normal text-faint">({warnings.length})</span>
      </h4>
      <ul className="mt-1.5 space-y-1" data-testid="job-warnings">
        {warnings.map((w, i) => (
          <li
            // biome-ignore lint/suspicious/noArrayIndexKey: warnings may repeat; order is stable
            key={i}
            className="flex gap-2 rounded-md bg-warn-soft px-2.5 py-1.5 text-[13px] text-fg"
          >
            <span aria-hidden="true" className="text-warn">
              ⚠
            </span>
            <span className="min-w-0 break-words">{w}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}

function MembersTable({ members }: { members: JobMember[] }) {
  const [all, setAll] = useState(false);
  const sorted = useMemo(
    () =>
      members
        .map((m, i) => ({ m, i }))
        .sort((a, b) => STATUS_ORDER[a.m.status] - STATUS_ORDER[b.m.status] || a.i - b.i)
        .map((x) => x.m),
    [members],
  );
  const counts = { used: 0, skipped: 0, failed: 0 };
  for (const m of members) counts[m.status] += 1;
  const shown = all ? sorted : sorted.slice(0, MEMBER_PREVIEW);
  return (
    <div>
      <div className="flex flex-wrap items-baseline gap-x-3 gap-y-1">
        <h4 className="text-xs font-semibold tracking-wide text-muted uppercase">
          Members <span className="font-normal text-faint">({members.length})</span>
        </h4>
        <span className="text-xs text-muted">
          <span className="text-good">{formatCount(counts.used)} used</span> ·{' '}
          {formatCount(counts.skipped)} skipped ·{' '}
          <span className={counts.failed ? 'text-bad' : ''}>
            {formatCount(counts.failed)} failed
          </span>
        </span>
      </div>
      <div className="mt-1.5 overflow-x-auto rounded-md border border-border">
        <table className="w-full text-[13px]" data-testid="job-members">
          <thead>
            <tr className="border-b border-border bg-surface-2 text-left text-xs text-muted">
              <th className="px-3 py-1.5 font-medium">Path</th>
              <th className="px-3 py-1.5 font-medium">Status</th>
              <th className="hidden px-3 py-1.5 font-medium sm:table-cell">Parser</th>
              <th className="hidden px-3 py-1.5 font-medium md:table-cell">Reason</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((m) => (
              <tr
                key={`${m.path}:${m.status}`}
                data-status={m.status}
                className="border-b border-border align-top last:border-b-0"
              >
                <td className="px-3 py-1.5">
                  <span className="font-mono text-[12px] break-all">{m.path}</span>
                  {/* On narrow screens the parser and the reason go under the path. */}
                  {(m.parser || m.reason) && (
                    <span className="mt-0.5 block text-xs text-muted md:hidden">
                      {m.parser && <span className="font-mono sm:hidden">{m.parser}</span>}
                      {m.parser && m.reason && <span className="sm:hidden"> · </span>}
                      {m.reason}
                    </span>
                  )}
                </td>
                <td className="px-3 py-1.5">
                  <Badge tone={STATUS_TONE[m.status]}>{m.status}</Badge>
                </td>
                <td className="hidden px-3 py-1.5 font-mono text-[12px] text-muted sm:table-cell">
                  {m.parser ?? <span className="text-faint">—</span>}
                </td>
                <td className="hidden px-3 py-1.5 text-muted md:table-cell">
                  {m.reason ?? <span className="text-faint">—</span>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {sorted.length > MEMBER_PREVIEW && (
        <button
          type="button"
          onClick={() => setAll((a) => !a)}
          className="mt-1.5 text-xs font-medium text-accent hover:underline"
        >
          {all ? 'Show fewer' : `Show all ${formatCount(sorted.length)} members`}
        </button>
      )}
    </div>
  );
}
