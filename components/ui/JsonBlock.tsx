'use client';

import { useState } from 'react';

/** Pretty-printed JSON with a copy button. */
export function JsonBlock({ value, label }: { value: unknown; label: string }) {
  const text = JSON.stringify(value ?? null, null, 2);
  const [copied, setCopied] = useState(false);
  return (
    <div className="relative">
      <button
        type="button"
        aria-label={`Copy ${label}`}
        onClick={() => {
          void navigator.clipboard?.writeText(text).then(() => {
            setCopied(true);
            setTimeout(() => setCopied(false), 1200);
          });
        }}
        className="no-print absolute top-2 right-2 rounded border border-border bg-surface px-2 py-0.5 text-[11px] text-muted hover:text-fg"
      >
        {copied ? 'Copied' : 'Copy'}
      </button>
      <pre className="max-h-[420px] overflow-auto rounded-md border border-border bg-surface-2 p-3 pr-16 font-mono text-[12px] leading-5 text-fg">
        {text}
      </pre>
    </div>
  );
}
