'use client';

import Link from 'next/link';
import { useCallback, useEffect, useRef, useState } from 'react';
import { isJobActive } from '@/components/hooks/queries/useJobQuery';
import { ApiError } from '@/components/hooks/useApi';
import { EmptyState } from '@/components/ui/States';
import { formatCount } from '@/lib/format';
import { DropZone } from './DropZone';
import { UploadCard, type UploadItem } from './UploadCard';
import { UploadSettings, type UploadSettingsValue } from './UploadSettings';
import { type UploadHandle, uploadFile } from './uploadFile';
import { useWriteToken } from './useWriteToken';
import { WriteTokenPanel } from './WriteTokenPanel';

let nextKey = 0;
/** Uploads in flight at once; the others wait their turn. */
const MAX_PARALLEL = 3;

export function UploadPage() {
  const [token, setToken, tokenReady] = useWriteToken();
  const [refused, setRefused] = useState<string | null>(null);
  const [settings, setSettings] = useState<UploadSettingsValue>({ campaign: '', factors: {} });
  const [items, setItems] = useState<UploadItem[]>([]);
  const [notice, setNotice] = useState<string | null>(null);
  const handles = useRef(new Map<string, UploadHandle>());

  const patch = useCallback((key: string, change: Partial<UploadItem>) => {
    setItems((list) => list.map((it) => (it.key === key ? { ...it, ...change } : it)));
  }, []);

  const start = useCallback(
    (item: UploadItem, withToken: string) => {
      patch(item.key, {
        phase: 'uploading',
        loaded: 0,
        total: item.file.size,
        error: null,
        jobId: null,
        jobState: undefined,
        startedAt: performance.now(),
      });
      const handle = uploadFile({
        file: item.file,
        token: withToken,
        campaign: item.campaign,
        factors: item.factors as Record<string, string>,
        onProgress: ({ loaded, total }) => patch(item.key, { loaded, total }),
      });
      handles.current.set(item.key, handle);
      handle.promise
        .then(
          ({ jobId }) => patch(item.key, { phase: 'uploaded', jobId }),
          (e: unknown) => {
            const error =
              e instanceof ApiError
                ? e
                : new ApiError('UPLOAD', e instanceof Error ? e.message : String(e), 0);
            patch(item.key, { phase: 'error', error });
            if (error.status === 401) {
              setRefused(
                `The server refused the saved token: ${error.message}. Enter the current one.`,
              );
            }
          },
        )
        .finally(() => handles.current.delete(item.key));
    },
    [patch],
  );

  const addFiles = (files: File[]) => {
    setNotice(null);
    const added: UploadItem[] = files.map((file) => ({
      key: `u${++nextKey}`,
      file,
      campaign: settings.campaign,
      factors: { ...settings.factors },
      phase: 'waiting',
      loaded: 0,
      total: file.size,
      jobId: null,
      error: null,
    }));
    setItems((list) => [...added, ...list]);
  };

  // Waiting files start, oldest first, a few at a time: a browser sends about six requests per
  // host at once, and a bar stuck at 0 % behind them would say nothing.
  const canSend = Boolean(token) && refused === null;
  useEffect(() => {
    if (!token || refused !== null) return;
    let free = MAX_PARALLEL - items.filter((it) => it.phase === 'uploading').length;
    for (let i = items.length - 1; i >= 0 && free > 0; i--) {
      const it = items[i];
      if (it?.phase !== 'waiting' || handles.current.has(it.key)) continue;
      start(it, token);
      free--;
    }
  }, [items, token, refused, start]);

  // A saved (or corrected) token starts what waited for it and resends what a 401 refused.
  const saveToken = (next: string | null) => {
    setToken(next);
    setRefused(null);
    if (!next) return;
    setItems((list) =>
      list.map((it) =>
        it.phase === 'error' && it.error?.status === 401
          ? { ...it, phase: 'waiting', error: null }
          : it,
      ),
    );
  };

  // Leaving the page aborts uploads in flight (their jobs, once created, run on regardless).
  useEffect(() => {
    const map = handles.current;
    return () => {
      for (const h of map.values()) h.abort();
    };
  }, []);

  // Warn before closing the tab while bytes are still on their way.
  const uploading = items.some((it) => it.phase === 'uploading');
  useEffect(() => {
    if (!uploading) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [uploading]);

  const isFinished = (it: UploadItem) =>
    it.phase === 'error' || (it.phase === 'uploaded' && !!it.jobState && !isJobActive(it.jobState));
  const clearFinished = () => setItems((list) => list.filter((it) => !isFinished(it)));
  const finishedCount = items.filter(isFinished).length;

  return (
    <div className="space-y-5">
      <div>
        <h1 className="text-xl font-semibold tracking-tight">Upload</h1>
        <p className="mt-0.5 text-[13px] text-muted">
          Bring results back from a campaign: each file becomes a job that reads it into runs with
          their factors. Uploading the same content twice stores nothing new.
        </p>
      </div>

      <div className="grid items-start gap-5 lg:grid-cols-[minmax(0,1fr)_360px]">
        <div className="space-y-4 lg:order-2">
          <WriteTokenPanel token={token} ready={tokenReady} onSave={saveToken} refused={refused} />
          <UploadSettings value={settings} onChange={setSettings} />
        </div>

        <div className="min-w-0 space-y-4 lg:order-1">
          <DropZone
            onFiles={addFiles}
            onRejectFolders={(names) =>
              setNotice(
                `${names.join(', ')}: a folder cannot be uploaded from the browser. Make an archive of it (tar czf run.tgz ${names[0]}/) and drop that, or run edgeperf ingest ${names[0]} on the server.`,
              )
            }
          />
          {notice && (
            <p role="alert" className="rounded-md bg-warn-soft px-3 py-2 text-[13px] text-fg">
              {notice}
            </p>
          )}
          {tokenReady && !token && items.length === 0 && (
            <p className="text-[13px] text-muted">
              You can drop files now: they wait until the write token is saved.
            </p>
          )}

          {items.length === 0 ? (
            <div className="rounded-lg border border-border bg-surface">
              <EmptyState title="No uploads yet" compact>
                <p>
                  Files you add show here with their upload and ingest progress, then the runs they
                  made. Stored runs are on the{' '}
                  <Link href="/" className="font-medium text-accent hover:underline">
                    Runs
                  </Link>{' '}
                  page.
                </p>
              </EmptyState>
            </div>
          ) : (
            <section aria-label="Uploads" className="space-y-2">
              <div className="flex flex-wrap items-center justify-between gap-2">
                <h2 className="text-[13px] font-semibold">
                  Uploads{' '}
                  <span className="font-normal text-muted">
                    ({formatCount(items.length)} file{items.length === 1 ? '' : 's'})
                  </span>
                </h2>
                {finishedCount > 0 && (
                  <button
                    type="button"
                    onClick={clearFinished}
                    className="rounded-md px-2 py-1 text-xs font-medium text-muted hover:bg-surface-2 hover:text-fg"
                  >
                    Clear finished
                  </button>
                )}
              </div>
              <ul className="space-y-3" data-testid="upload-list">
                {items.map((it) => (
                  <UploadCard
                    key={it.key}
                    item={it}
                    canSend={canSend}
                    onCancel={() => handles.current.get(it.key)?.abort()}
                    onRetry={() =>
                      // Sent again with the settings as they are now (a corrected factor).
                      patch(it.key, {
                        phase: 'waiting',
                        error: null,
                        campaign: settings.campaign,
                        factors: { ...settings.factors },
                      })
                    }
                    onJobState={(jobState) => patch(it.key, { jobState })}
                    onDismiss={() => setItems((list) => list.filter((x) => x.key !== it.key))}
                  />
                ))}
              </ul>
            </section>
          )}
        </div>
      </div>
    </div>
  );
}
