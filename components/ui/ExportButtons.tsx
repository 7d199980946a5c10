'use client';

import { type ReactNode, type RefObject, useRef, useState } from 'react';
import { buildApiUrl, type QueryParams, useApi } from '@/components/hooks/useApi';
import { useShare } from '@/components/hooks/shareContext';
import { chartToPng } from '@/components/share/chartImage';
import { downloadBlob, downloadText } from '@/components/share/download';

/**
 * Small export buttons for panels and tables (issue 6, "Export"). Drop them in a Panel's
 * `actions` (hidden when printing, as the whole actions row is):
 *
 *   <ExportButtons
 *     csv={{ filename: 'run_x_durations.csv', build: () => tableToCsv(COLUMNS, rows) }}
 *     png={{ filename: 'run_x_durations.png' }}      // the first Recharts chart of the panel
 *     json={{ path: '/runs/run_x' }}                 // the API URL of the view
 *   />
 *
 * The PNG button finds its chart in the nearest <section> (a Panel) unless given `target`.
 */
export interface CsvExport {
  filename: string;
  /** The CSV text (lib/csv.ts); may fetch more data first. */
  build: () => string | Promise<string>;
  /** Tooltip, e.g. "Download the table as CSV". */
  title?: string;
}

export interface PngExport {
  filename: string;
  /** The element holding the chart; defaults to the panel the button sits in. */
  target?: RefObject<HTMLElement | null>;
  title?: string;
}

export interface JsonExport {
  /** API path without `/api`, e.g. `/runs/run_…`. */
  path: string;
  params?: QueryParams;
  /** File name when the JSON is saved (inside a shared view, where a plain link cannot send the share header). */
  filename?: string;
}

const BUTTON =
  'inline-flex h-7 items-center gap-1 rounded-md border border-border bg-surface px-1.5 text-[11px] font-medium text-muted transition-colors hover:bg-surface-2 hover:text-fg disabled:cursor-wait disabled:opacity-60';

function DownloadIcon() {
  return (
    <svg viewBox="0 0 16 16" aria-hidden="true" className="h-3.5 w-3.5 shrink-0">
      <path
        d="M8 2.5v7m0 0L5 6.8M8 9.5l3-2.7M3 11v1.5c0 .3.2.5.5.5h9c.3 0 .5-.2.5-.5V11"
        fill="none"
        stroke="currentColor"
        strokeWidth="1.4"
        strokeLinecap="round"
        strokeLinejoin="round"
      />
    </svg>
  );
}

function useAction(): [boolean, string | null, (fn: () => Promise<void>) => void] {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = (fn: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    fn()
      .catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)))
      .finally(() => setBusy(false));
  };
  return [busy, error, run];
}

function ActionButton({
  label,
  title,
  onClick,
  busy,
  error,
  testId,
  buttonRef,
}: {
  label: string;
  title: string;
  onClick: () => void;
  busy: boolean;
  error: string | null;
  testId: string;
  buttonRef?: RefObject<HTMLButtonElement | null>;
}) {
  return (
    <button
      ref={buttonRef}
      type="button"
      onClick={onClick}
      disabled={busy}
      title={error ? `${title}: failed (${error})` : title}
      aria-label={title}
      data-testid={testId}
      className={`${BUTTON} ${error ? 'border-bad text-bad' : ''}`}
    >
      <DownloadIcon />
      {label}
    </button>
  );
}

export function ExportCsvButton({ csv }: { csv: CsvExport }) {
  const [busy, error, run] = useAction();
  return (
    <ActionButton
      label="CSV"
      title={csv.title ?? 'Download as CSV'}
      testId="export-csv"
      busy={busy}
      error={error}
      onClick={() =>
        run(async () => downloadText(await csv.build(), csv.filename, 'text/csv;charset=utf-8'))
      }
    />
  );
}

export function ExportPngButton({ png }: { png: PngExport }) {
  const [busy, error, run] = useAction();
  const ref = useRef<HTMLButtonElement>(null);
  return (
    <ActionButton
      buttonRef={ref}
      label="PNG"
      title={png.title ?? 'Download the chart as PNG'}
      testId="export-png"
      busy={busy}
      error={error}
      onClick={() =>
        run(async () => {
          const root = png.target?.current ?? ref.current?.closest('section') ?? null;
          if (!root) throw new Error('no chart found');
          downloadBlob(await chartToPng(root), png.filename);
        })
      }
    />
  );
}

/**
 * "JSON": the API URL of the view. On the dashboard a plain link (the browser shows the JSON);
 * inside a shared view the request must carry the share header, so the button fetches it and
 * saves the file.
 */
export function ExportJsonButton({ json }: { json: JsonExport }) {
  const share = useShare();
  const { get } = useApi();
  const [busy, error, run] = useAction();
  const href = buildApiUrl(json.path, json.params);
  const title = 'The data of this view as the API returns it (JSON)';
  if (!share) {
    return (
      <a
        href={href}
        target="_blank"
        rel="noopener"
        className={BUTTON}
        title={title}
        data-testid="export-json"
      >
        <JsonIcon />
        JSON
      </a>
    );
  }
  return (
    <button
      type="button"
      disabled={busy}
      onClick={() =>
        run(async () => {
          const data = await get<unknown>(json.path, json.params);
          const name =
            json.filename ??
            `${json.path.replace(/^\/+/, '').replace(/[^\w.-]+/g, '_') || 'edgeperf'}.json`;
          downloadText(`${JSON.stringify(data, null, 2)}\n`, name, 'application/json');
        })
      }
      className={`${BUTTON} ${error ? 'border-bad text-bad' : ''}`}
      title={error ? `${title}: failed (${error})` : title}
      data-testid="export-json"
    >
      <JsonIcon />
      JSON
    </button>
  );
}

function JsonIcon() {
  return (
    <svg viewBox="0 0 16 16" aria-hidden="true" className="h-3.5 w-3.5 shrink-0">
      <path
        d="M5.5 2.5c-1.5 0-2 .6-2 1.8v1.6c0 .9-.5 1.6-1.5 2.1 1 .5 1.5 1.2 1.5 2.1v1.6c0 1.2.5 1.8 2 1.8m5-11c1.5 0 2 .6 2 1.8v1.6c0 .9.5 1.6 1.5 2.1-1 .5-1.5 1.2-1.5 2.1v1.6c0 1.2-.5 1.8-2 1.8"
        fill="none"
        stroke="currentColor"
        strokeWidth="1.3"
        strokeLinecap="round"
      />
    </svg>
  );
}

/** The export buttons a panel offers, side by side; hidden when printing. */
export function ExportButtons({
  csv,
  png,
  json,
  children,
}: {
  csv?: CsvExport;
  png?: PngExport;
  json?: JsonExport;
  children?: ReactNode;
}) {
  return (
    <span className="no-print inline-flex items-center gap-1" data-export>
      {children}
      {png && <ExportPngButton png={png} />}
      {csv && <ExportCsvButton csv={csv} />}
      {json && <ExportJsonButton json={json} />}
    </span>
  );
}
