'use client';

import { useEffect, useId, useRef, useState } from 'react';

const KINDS = [
  { label: 'Archives', detail: '.tar · .tar.gz · .tgz · .zip (EnOS result folders, nested too)' },
  { label: 'Rally', detail: 'JSON reports (old and task format) · HTML reports' },
  { label: 'Captures', detail: '.pcap · .pcapng · .gz (tcpdump.tar.gz)' },
  { label: 'Other', detail: 'CSV summary tables · reservation.yaml · edgeperf.yaml' },
];

/** Drop files here, or pick them (click, or Tab to the zone and press Enter or Space). */
export function DropZone({
  onFiles,
  onRejectFolders,
  disabled = false,
}: {
  onFiles: (files: File[]) => void;
  /** Called with the names of dropped folders: the browser cannot send a folder as one file. */
  onRejectFolders: (names: string[]) => void;
  disabled?: boolean;
}) {
  const inputRef = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);
  const depth = useRef(0);
  const helpId = useId();
  const inputId = useId();

  // A file dropped next to the zone would make the browser leave the page to open it.
  useEffect(() => {
    const stop = (e: DragEvent) => {
      if (e.dataTransfer?.types.includes('Files')) e.preventDefault();
    };
    window.addEventListener('dragover', stop);
    window.addEventListener('drop', stop);
    return () => {
      window.removeEventListener('dragover', stop);
      window.removeEventListener('drop', stop);
    };
  }, []);

  const take = (dt: DataTransfer) => {
    const folders: string[] = [];
    const files: File[] = [];
    const items = Array.from(dt.items ?? []);
    const list = Array.from(dt.files ?? []);
    list.forEach((file, i) => {
      const entry = items[i]?.webkitGetAsEntry?.();
      if (entry?.isDirectory) folders.push(file.name);
      else files.push(file);
    });
    if (folders.length) onRejectFolders(folders);
    if (files.length) onFiles(files);
  };

  return (
    // A label: a click anywhere on the zone opens the picker. The input inside is visually
    // hidden but focusable, so Tab reaches it and Enter/Space open the picker; the zone shows
    // its focus ring.
    <label
      htmlFor={inputId}
      data-testid="drop-zone"
      data-dragover={over ? 'true' : undefined}
      onDragEnter={(e) => {
        e.preventDefault();
        depth.current += 1;
        if (!disabled) setOver(true);
      }}
      onDragOver={(e) => {
        e.preventDefault();
        e.dataTransfer.dropEffect = disabled ? 'none' : 'copy';
      }}
      onDragLeave={() => {
        depth.current = Math.max(0, depth.current - 1);
        if (depth.current === 0) setOver(false);
      }}
      onDrop={(e) => {
        e.preventDefault();
        depth.current = 0;
        setOver(false);
        if (!disabled) take(e.dataTransfer);
      }}
      className={`group relative block cursor-pointer rounded-lg border-2 border-dashed px-4 py-8 text-center transition-colors has-[:focus-visible]:border-accent has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-accent has-[:focus-visible]:ring-offset-2 has-[:focus-visible]:ring-offset-bg sm:px-8 sm:py-10 ${
        over
          ? 'border-accent bg-accent-soft ring-4 ring-accent/15'
          : 'border-border-strong bg-surface hover:border-accent/60 hover:bg-surface-2'
      }`}
    >
      <input
        id={inputId}
        ref={inputRef}
        type="file"
        multiple
        disabled={disabled}
        className="sr-only"
        data-testid="file-input"
        aria-label="Choose files to upload"
        aria-describedby={helpId}
        onChange={(e) => {
          const files = Array.from(e.target.files ?? []);
          if (files.length) onFiles(files);
          e.target.value = ''; // picking the same file again fires change again
        }}
      />
      <div
        className={`mx-auto flex h-12 w-12 items-center justify-center rounded-full transition-colors ${
          over ? 'bg-accent text-accent-fg' : 'bg-accent-soft text-accent'
        }`}
      >
        <svg viewBox="0 0 24 24" className="h-6 w-6" fill="none" aria-hidden="true">
          <path
            d="M12 15.5V4.5m0 0-4 4m4-4 4 4M5 14.5v3a2 2 0 0 0 2 2h10a2 2 0 0 0 2-2v-3"
            stroke="currentColor"
            strokeWidth="1.8"
            strokeLinecap="round"
            strokeLinejoin="round"
          />
        </svg>
      </div>
      <span className="mt-3 block text-[15px] font-semibold tracking-tight">
        {over ? 'Drop to upload' : 'Drop result files or archives here'}
      </span>
      <span className="mt-1 block text-[13px] text-muted">
        One or many at once; each file is uploaded and ingested on its own.
      </span>
      <span
        aria-hidden="true"
        className="mt-4 inline-flex items-center gap-1.5 rounded-md bg-accent px-3 py-1.5 text-[13px] font-medium text-accent-fg group-hover:bg-accent-hover"
      >
        Choose files…
      </span>
      <span id={helpId} className="block">
        <span className="mx-auto mt-6 grid max-w-2xl gap-x-6 gap-y-1.5 text-left text-xs sm:grid-cols-2">
          {KINDS.map((k) => (
            <span key={k.label} className="flex gap-2">
              <span className="w-16 shrink-0 font-medium text-fg">{k.label}</span>
              <span className="text-muted">{k.detail}</span>
            </span>
          ))}
        </span>
        <span className="mt-3 block text-[11px] text-faint">
          Recognised by content, not by extension. A folder? Tar it first (
          <code className="font-mono">tar czf run.tgz run/</code>) or use{' '}
          <code className="font-mono">edgeperf ingest DIR</code>.
        </span>
      </span>
    </label>
  );
}
