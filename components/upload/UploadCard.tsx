'use client';

import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import {
  isJobActive,
  type Job,
  type JobState,
  useJobQuery,
} from '@/components/hooks/queries/useJobQuery';
import type { ApiError } from '@/components/hooks/useApi';
import { Badge } from '@/components/ui/Badge';
import { FACTORS, type FactorKey } from '@/lib/factors';
import { formatBytes, formatDuration } from '@/lib/format';
import { JobSummary } from './JobSummary';
import { ProgressBar } from './ProgressBar';

export type UploadPhase = 'waiting' | 'uploading' | 'uploaded' | 'error';

export interface UploadItem {
  key: string;
  file: File;
  campaign: string;
  factors: Partial<Record<FactorKey, string>>;
  phase: UploadPhase;
  loaded: number;
  total: number;
  /** performance.now() when the current upload attempt started. */
  startedAt?: number;
  jobId: string | null;
  /** The job's state as last polled (the card reports it; the page counts finished files). */
  jobState?: JobState;
  error: ApiError | null;
}

/** A file the server found unreadable or too big stays so; other refusals may pass later. */
function retryable(error: ApiError): boolean {
  return error.code !== 'UNRECOGNISED' && error.status !== 413 && error.status !== 415;
}

function percent(loaded: number, total: number): number {
  return total > 0 ? Math.min(100, Math.floor((loaded / total) * 100)) : 0;
}

/** One file: its upload, then its ingest job, then what the job did. */
export function UploadCard({
  item,
  canSend,
  onCancel,
  onRetry,
  onDismiss,
  onJobState,
}: {
  item: UploadItem;
  /** False while there is no accepted write token: waiting files say why they wait. */
  canSend: boolean;
  onCancel: () => void;
  onRetry: () => void;
  onDismiss: () => void;
  onJobState: (state: JobState) => void;
}) {
  const job = useJobQuery(item.jobId);
  const state = job.data?.state;
  const queryClient = useQueryClient();

  useEffect(() => {
    if (state && state !== item.jobState) onJobState(state);
  }, [state, item.jobState, onJobState]);

  // A finished job changed the store: lists of runs elsewhere in the app are stale now.
  useEffect(() => {
    if (state === 'done' || state === 'failed') {
      void queryClient.invalidateQueries({ queryKey: ['runs'] });
    }
  }, [state, queryClient]);

  const settings = [
    item.campaign.trim() ? `campaign ${item.campaign.trim()}` : null,
    ...Object.entries(item.factors)
      .filter(([, v]) => v?.trim())
      .map(([k, v]) => `${FACTORS[k as FactorKey]?.label ?? k} ${v?.trim()}`),
  ].filter(Boolean);

  return (
    <li
      data-testid="upload-item"
      data-file={item.file.name}
      data-phase={item.phase}
      data-job-state={state}
      className="min-w-0 rounded-lg border border-border bg-surface shadow-[0_1px_2px_rgba(16,24,40,0.04)]"
    >
      <header className="flex flex-wrap items-start gap-x-3 gap-y-1.5 px-4 pt-3">
        <FileIcon name={item.file.name} />
        <div className="min-w-0 flex-1">
          <p className="font-mono text-[13px] font-medium break-all text-fg">{item.file.name}</p>
          <p className="text-xs text-muted">
            {formatBytes(item.file.size)}
            {settings.length > 0 && <span className="text-faint"> · {settings.join(' · ')}</span>}
          </p>
        </div>
        {/* On a phone the status and buttons take their own line under the name. */}
        <div className="flex w-full items-center gap-1.5 pl-[52px] sm:w-auto sm:pl-0">
          <StatusBadge item={item} job={job.data} canSend={canSend} />
          {item.phase === 'uploading' && (
            <CardButton onClick={onCancel} label={`Cancel upload of ${item.file.name}`}>
              Cancel
            </CardButton>
          )}
          {item.phase === 'error' && item.error && retryable(item.error) && (
            <CardButton onClick={onRetry} label={`Retry ${item.file.name}`} accent>
              Retry
            </CardButton>
          )}
          {(item.phase === 'error' ||
            item.phase === 'waiting' ||
            (item.phase === 'uploaded' && !isJobActive(state) && state)) && (
            <CardButton onClick={onDismiss} label={`Remove ${item.file.name} from the list`}>
              <svg viewBox="0 0 20 20" className="h-3.5 w-3.5" aria-hidden="true">
                <path
                  d="m5.5 5.5 9 9m0-9-9 9"
                  stroke="currentColor"
                  strokeWidth="1.8"
                  strokeLinecap="round"
                />
              </svg>
            </CardButton>
          )}
        </div>
      </header>

      <div className="space-y-3 px-4 pt-2.5 pb-4">
        {item.phase === 'waiting' &&
          (canSend ? (
            <Step
              label="Upload"
              detail="waiting for a free slot…"
              pct={0}
              testId="upload-progress"
            />
          ) : (
            <p className="text-[13px] text-muted">
              Waiting for the write token: enter it above and the upload starts.
            </p>
          ))}

        {(item.phase === 'uploading' || item.phase === 'uploaded') && <UploadStep item={item} />}

        {item.phase === 'error' && item.error && <UploadError error={item.error} />}

        {item.phase === 'uploaded' && (
          <>
            {job.isPending ? (
              <Step label="Ingest" detail="starting…" pct={null} testId="job-progress" />
            ) : job.isError && !job.data ? (
              <p role="alert" className="text-[13px] text-bad">
                Could not follow the ingest job {item.jobId}: {job.error.message}{' '}
                <button
                  type="button"
                  onClick={() => void job.refetch()}
                  className="font-medium text-accent hover:underline"
                >
                  Try again
                </button>
              </p>
            ) : job.data ? (
              <IngestStep job={job.data} />
            ) : null}
            {job.data && !isJobActive(job.data.state) && <JobSummary job={job.data} />}
          </>
        )}
      </div>
    </li>
  );
}

/**
 * Bytes of the file sent so far. The browser counts the multipart body (the file plus a few
 * hundred bytes of headers and fields); the bar speaks of the file the user picked.
 */
function UploadStep({ item }: { item: UploadItem }) {
  const size = item.file.size;
  const body = item.total || size;
  const sent = body > 0 ? Math.min(size, Math.round((item.loaded / body) * size)) : 0;
  const pct = percent(item.loaded, body);
  if (item.phase === 'uploaded') {
    return (
      <Step
        label="Upload"
        done
        detail={`${formatBytes(size)} sent`}
        pct={100}
        testId="upload-progress"
      />
    );
  }
  // Speed and time left once there is a second of history (files of several GB take a while).
  const elapsed = item.startedAt != null ? (performance.now() - item.startedAt) / 1000 : 0;
  const rate = elapsed >= 1 && sent > 0 ? sent / elapsed : null;
  const eta = rate ? (size - sent) / rate : null;
  const speed =
    rate && sent < size
      ? ` · ${formatBytes(rate)}/s${eta != null && eta >= 1 ? ` · ${formatDuration(Math.ceil(eta))} left` : ''}`
      : '';
  return (
    <Step
      label="Upload"
      detail={
        item.loaded >= body && body > 0
          ? `${formatBytes(size)} sent · waiting for the server…`
          : `${formatBytes(sent)} of ${formatBytes(size)}${speed}`
      }
      pct={pct}
      testId="upload-progress"
    />
  );
}

function IngestStep({ job }: { job: Job }) {
  if (job.state === 'queued') {
    return (
      <Step
        label="Ingest"
        detail="queued, waiting for the worker…"
        pct={null}
        testId="job-progress"
      />
    );
  }
  if (job.state === 'running') {
    const pct = Math.floor(job.progress * 100);
    return <Step label="Ingest" detail={job.stage || 'working'} pct={pct} testId="job-progress" />;
  }
  const failed = job.state === 'failed';
  return (
    <Step
      label="Ingest"
      done
      failed={failed}
      detail={
        failed
          ? 'failed'
          : `${job.runs.length} run${job.runs.length === 1 ? '' : 's'} · ${job.members.length} member${job.members.length === 1 ? '' : 's'}`
      }
      pct={100}
      testId="job-progress"
    />
  );
}

/** A labelled progress line: "Ingest  reading report.json  42 %" over a bar. */
function Step({
  label,
  detail,
  pct,
  done = false,
  failed = false,
  testId,
}: {
  label: string;
  detail: string;
  pct: number | null;
  done?: boolean;
  failed?: boolean;
  testId: string;
}) {
  return (
    <div data-testid={testId} data-done={done ? 'true' : undefined}>
      <div className="flex items-baseline gap-2 text-[13px]">
        <span className="w-14 shrink-0 text-xs font-medium text-muted">{label}</span>
        <span className="min-w-0 flex-1 truncate text-fg" title={detail}>
          {detail}
        </span>
        {pct != null && !done && (
          <span className="shrink-0 font-mono text-xs tabular-nums text-muted">{pct} %</span>
        )}
        {done &&
          (failed ? (
            <span className="shrink-0 text-xs font-medium text-bad">✕</span>
          ) : (
            <span className="shrink-0 text-xs font-medium text-good">✓</span>
          ))}
      </div>
      <div className="mt-1 sm:pl-16">
        <ProgressBar
          value={pct == null ? null : pct / 100}
          label={`${label} progress`}
          tone={done ? (failed ? 'bad' : 'good') : 'accent'}
        />
      </div>
    </div>
  );
}

function UploadError({ error }: { error: ApiError }) {
  if (error.code === 'ABORTED') {
    return (
      <p data-testid="upload-cancelled" className="text-[13px] text-muted">
        Upload cancelled. Retry sends the file again.
      </p>
    );
  }
  const hint =
    error.status === 401
      ? 'Enter the current write token above; this file is sent again when you save it.'
      : error.status === 413
        ? 'The server’s limit is EDGEPERF_MAX_UPLOAD_BYTES (default 20 GiB).'
        : error.code === 'UNRECOGNISED'
          ? 'edgeperf reads archives, Rally JSON/HTML, captures, CSV and YAML: this file is none of them.'
          : error.code === 'INVALID_FACTOR'
            ? 'Correct the factor override in Upload settings, then retry.'
            : null;
  return (
    <div
      role="alert"
      data-testid="upload-error"
      className="rounded-md bg-bad-soft px-3 py-2 text-[13px]"
    >
      <div className="flex flex-wrap items-center gap-2">
        <span className="font-semibold text-bad">
          {error.status === 0 ? 'Upload interrupted' : 'The server refused this file'}
        </span>
        <code className="rounded bg-surface/60 px-1.5 py-px font-mono text-[11px] text-bad">
          {error.code}
          {error.status ? ` · HTTP ${error.status}` : ''}
        </code>
      </div>
      <p className="mt-1 break-words text-fg">{error.message}</p>
      {hint && <p className="mt-1 text-xs text-muted">{hint}</p>}
    </div>
  );
}

function StatusBadge({
  item,
  job,
  canSend,
}: {
  item: UploadItem;
  job: Job | undefined;
  canSend: boolean;
}) {
  if (item.phase === 'waiting')
    return canSend ? <Badge>waiting</Badge> : <Badge tone="warn">needs token</Badge>;
  if (item.phase === 'uploading') return <Badge tone="accent">uploading</Badge>;
  if (item.phase === 'error')
    return item.error?.code === 'ABORTED' ? (
      <Badge>cancelled</Badge>
    ) : (
      <Badge tone="bad">{item.error?.status === 0 ? 'interrupted' : 'refused'}</Badge>
    );
  if (!job || job.state === 'queued') return <Badge tone="accent">queued</Badge>;
  if (job.state === 'running') return <Badge tone="accent">ingesting</Badge>;
  if (job.state === 'failed') return <Badge tone="bad">failed</Badge>;
  return job.warnings.length > 0 ? (
    <Badge tone="warn">
      done · {job.warnings.length} warning{job.warnings.length === 1 ? '' : 's'}
    </Badge>
  ) : (
    <Badge tone="good">done</Badge>
  );
}

function CardButton({
  onClick,
  label,
  accent = false,
  children,
}: {
  onClick: () => void;
  label: string;
  accent?: boolean;
  children: React.ReactNode;
}) {
  return (
    <button
      type="button"
      onClick={onClick}
      aria-label={label}
      title={label}
      className={`inline-flex h-6 items-center rounded-md px-2 text-xs font-medium ${
        accent ? 'text-accent hover:bg-accent-soft' : 'text-muted hover:bg-surface-2 hover:text-fg'
      }`}
    >
      {children}
    </button>
  );
}

/** A small badge with the kind of file, from its name (the server decides by content). */
function FileIcon({ name }: { name: string }) {
  const lower = name.toLowerCase();
  const kind = /\.(tar|tgz|zip)$|\.tar\.gz$/.test(lower)
    ? 'ARC'
    : /\.pcapng?$|\.pcap\.gz$/.test(lower)
      ? 'PCAP'
      : /\.json$/.test(lower)
        ? 'JSON'
        : /\.html?$/.test(lower)
          ? 'HTML'
          : /\.csv$/.test(lower)
            ? 'CSV'
            : /\.ya?ml$/.test(lower)
              ? 'YAML'
              : /\.gz$/.test(lower)
                ? 'GZ'
                : 'FILE';
  return (
    <span
      aria-hidden="true"
      className="mt-0.5 flex h-8 w-10 shrink-0 items-center justify-center rounded-md border border-border bg-surface-2 font-mono text-[9px] font-semibold tracking-wide text-muted"
    >
      {kind}
    </span>
  );
}
