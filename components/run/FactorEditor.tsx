'use client';

import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useReadOnly } from '@/components/hooks/shareContext';
import { ApiError, useApi } from '@/components/hooks/useApi';
import { factorLabel } from '@/components/runs/factorKeys';
import { useWriteToken } from '@/components/upload/useWriteToken';
import type { Factor } from '@/lib/apiTypes';
import { formatFactorValue, SCALAR_FACTORS } from '@/lib/factors';

/**
 * Corrects a run's factors by hand (PATCH /api/runs/:id/factors, write token): a value nobody
 * stated, or a wrong one. Empty makes a factor unknown again. The fingerprint follows.
 */
export function FactorEditor({ runId, factors }: { runId: string; factors: Record<string, Factor> }) {
  const readOnly = useReadOnly();
  const api = useApi();
  const queryClient = useQueryClient();
  const [token, setToken] = useWriteToken();
  const [open, setOpen] = useState(false);
  const [values, setValues] = useState<Record<string, string>>({});
  const [tokenDraft, setTokenDraft] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  if (readOnly) return null;
  const current = (k: string) => {
    const v = factors[k]?.value ?? null;
    return v === null ? '' : formatFactorValue(v);
  };

  const start = () => {
    setValues(Object.fromEntries(SCALAR_FACTORS.map((k) => [k, current(k)])));
    setError(null);
    setOpen(true);
  };

  const save = async () => {
    const useToken = token ?? tokenDraft.trim();
    if (!useToken) {
      setError('The write token is needed (printed by npm start, kept in <data dir>/write-token).');
      return;
    }
    const changed: Record<string, string | number | null> = {};
    for (const k of SCALAR_FACTORS) {
      const text = (values[k] ?? '').trim();
      if (text === current(k)) continue;
      if (text === '') changed[k] = null;
      else changed[k] = /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : text;
    }
    if (Object.keys(changed).length === 0) {
      setOpen(false);
      return;
    }
    setSaving(true);
    setError(null);
    try {
      await api.patch(`/runs/${runId}/factors`, changed, { token: useToken });
      if (!token) setToken(useToken);
      await queryClient.invalidateQueries({ queryKey: ['runs:detail', { runId }] });
      await queryClient.invalidateQueries({ queryKey: ['runs'] });
      setOpen(false);
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) setToken(null);
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setSaving(false);
    }
  };

  if (!open) {
    return (
      <button
        type="button"
        onClick={start}
        className="no-print rounded-md border border-border px-2 py-1 text-xs font-medium text-muted hover:border-accent hover:text-accent"
      >
        Edit factors
      </button>
    );
  }

  return (
    <div
      role="dialog"
      aria-label="Edit factors"
      className="fixed inset-0 z-40 flex items-start justify-center overflow-y-auto bg-black/40 p-4 sm:items-center"
    >
      <form
        className="w-full max-w-lg space-y-3 rounded-lg border border-border bg-surface p-4 shadow-xl"
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <h2 className="text-base font-semibold">Edit factors</h2>
        <p className="text-xs text-muted">
          Empty means unknown. Values you set here are marked as edited; the run&apos;s fingerprint
          (its group of repetitions) follows.
        </p>
        <div className="grid gap-2 sm:grid-cols-2">
          {SCALAR_FACTORS.map((k) => (
            <label key={k} className="text-xs text-muted">
              {factorLabel(k)}
              <input
                name={k}
                value={values[k] ?? ''}
                onChange={(e) => setValues({ ...values, [k]: e.target.value })}
                placeholder="unknown"
                className="mt-0.5 block w-full rounded-md border border-border bg-surface-2 px-2 py-1 font-mono text-[13px] text-fg"
              />
            </label>
          ))}
        </div>
        {!token && (
          <label className="block text-xs text-muted">
            Write token
            <input
              type="password"
              value={tokenDraft}
              onChange={(e) => setTokenDraft(e.target.value)}
              className="mt-0.5 block w-full rounded-md border border-border bg-surface-2 px-2 py-1 font-mono text-[13px] text-fg"
            />
          </label>
        )}
        {error && (
          <p role="alert" className="text-xs text-bad">
            {error}
          </p>
        )}
        <div className="flex justify-end gap-2">
          <button
            type="button"
            onClick={() => setOpen(false)}
            className="rounded-md px-3 py-1.5 text-xs font-medium text-muted hover:text-fg"
          >
            Cancel
          </button>
          <button
            type="submit"
            disabled={saving}
            className="rounded-md bg-accent px-3 py-1.5 text-xs font-medium text-accent-fg disabled:opacity-60"
          >
            {saving ? 'Saving…' : 'Save'}
          </button>
        </div>
      </form>
    </div>
  );
}
