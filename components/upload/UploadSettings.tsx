'use client';

import { useId, useState } from 'react';
import { Panel } from '@/components/ui/Panel';
import { FACTORS, type FactorKey, parseFactorText, SCALAR_FACTORS } from '@/lib/factors';

/** The factors the form offers: every scalar one, plus tags (comma-separated). */
export const FORM_FACTORS: FactorKey[] = [...SCALAR_FACTORS, 'tags'];

const NUMERIC = new Set<FactorKey>([
  'backend_nodes',
  'replication',
  'bus_nodes',
  'sites',
  'rtt_ms',
  'computes',
]);

const PLACEHOLDERS: Partial<Record<FactorKey, string>> = {
  backend: 'mysql, redis…',
  bus: 'rabbitmq…',
  openstack_release: 'stein…',
  rally_version: '3.3.0',
  tags: 'a, b',
};

export interface UploadSettingsValue {
  campaign: string;
  factors: Partial<Record<FactorKey, string>>;
}

/** Checks a typed factor value the way the server will (lib/factors.ts); null when fine. */
export function factorError(key: FactorKey, raw: string): string | null {
  if (!raw.trim()) return null;
  try {
    parseFactorText(key, raw);
    return null;
  } catch (e) {
    // Zod's own wording ("expected number, received NaN") is for developers.
    if (key === 'rtt_ms') return 'A number of milliseconds, 0 or more';
    if (NUMERIC.has(key)) return 'A whole number, 0 or more';
    const issues = (e as { issues?: { message: string }[] }).issues;
    return issues?.[0]?.message ?? (e as Error).message;
  }
}

export function UploadSettings({
  value,
  onChange,
}: {
  value: UploadSettingsValue;
  onChange: (next: UploadSettingsValue) => void;
}) {
  const id = useId();
  const setCount = FORM_FACTORS.filter((k) => value.factors[k]?.trim()).length;
  const [open, setOpen] = useState(false);
  const [touched, setTouched] = useState<Partial<Record<FactorKey, boolean>>>({});
  const expanded = open;

  return (
    <Panel
      title="Upload settings"
      subtitle="Applied to the files you add next. All optional."
      bodyClassName="p-4 space-y-4"
    >
      <div>
        <label htmlFor={`${id}-campaign`} className="block text-xs font-medium text-muted">
          Campaign
        </label>
        <input
          id={`${id}-campaign`}
          value={value.campaign}
          onChange={(e) => onChange({ ...value, campaign: e.target.value })}
          placeholder="e.g. g5k-2026-11 (none if empty)"
          className="mt-1 h-8 w-full rounded-md border border-border bg-surface px-2.5 text-[13px] placeholder:text-faint focus:border-accent focus:outline-none"
        />
      </div>

      <div>
        <button
          type="button"
          aria-expanded={expanded}
          aria-controls={`${id}-factors`}
          onClick={() => setOpen((o) => !o)}
          className="flex w-full items-center justify-between gap-2 rounded-md text-left text-xs font-medium text-muted hover:text-fg"
        >
          <span>
            Factor overrides
            {setCount > 0 && (
              <span className="ml-1.5 rounded-full bg-accent-soft px-1.5 py-px text-[11px] text-accent">
                {setCount} set
              </span>
            )}
          </span>
          <svg
            viewBox="0 0 20 20"
            aria-hidden="true"
            className={`h-3.5 w-3.5 transition-transform ${expanded ? 'rotate-180' : ''}`}
          >
            <path
              d="m5 8 5 5 5-5"
              fill="none"
              stroke="currentColor"
              strokeWidth="1.8"
              strokeLinecap="round"
            />
          </svg>
        </button>
        <p className="mt-1 text-xs text-faint">
          Win over what the files say. Empty means: read from the files, else unknown.
        </p>
        {expanded && (
          <div
            id={`${id}-factors`}
            className="mt-3 grid grid-cols-2 gap-x-3 gap-y-2.5 sm:grid-cols-3 lg:grid-cols-2"
            data-testid="factor-fields"
          >
            {FORM_FACTORS.map((key) => {
              const raw = value.factors[key] ?? '';
              const error = touched[key] ? factorError(key, raw) : null;
              return (
                <div
                  key={key}
                  className={key === 'tags' ? 'col-span-2 sm:col-span-3 lg:col-span-2' : ''}
                >
                  <label
                    htmlFor={`${id}-${key}`}
                    className="block truncate text-[11px] font-medium text-muted"
                    title={key}
                  >
                    {FACTORS[key].label}
                  </label>
                  <input
                    id={`${id}-${key}`}
                    name={key}
                    value={raw}
                    inputMode={
                      NUMERIC.has(key) ? (key === 'rtt_ms' ? 'decimal' : 'numeric') : 'text'
                    }
                    onChange={(e) =>
                      onChange({ ...value, factors: { ...value.factors, [key]: e.target.value } })
                    }
                    onBlur={() => setTouched((t) => ({ ...t, [key]: true }))}
                    placeholder={PLACEHOLDERS[key] ?? 'from files'}
                    aria-invalid={error ? true : undefined}
                    aria-describedby={error ? `${id}-${key}-error` : undefined}
                    className={`mt-0.5 h-7 w-full rounded-md border bg-surface px-2 text-[13px] placeholder:text-faint focus:outline-none ${
                      error ? 'border-bad focus:border-bad' : 'border-border focus:border-accent'
                    }`}
                  />
                  {error && (
                    <p id={`${id}-${key}-error`} className="mt-0.5 text-[11px] text-bad">
                      {error}
                    </p>
                  )}
                </div>
              );
            })}
            {setCount > 0 && (
              <button
                type="button"
                onClick={() => {
                  onChange({ ...value, factors: {} });
                  setTouched({});
                  setOpen(true);
                }}
                className="col-span-2 justify-self-start sm:col-span-3 lg:col-span-2 rounded-md text-xs font-medium text-accent hover:underline"
              >
                Clear overrides
              </button>
            )}
          </div>
        )}
      </div>
    </Panel>
  );
}
