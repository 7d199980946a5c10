// Shaping iterations into chart series (pure; the views call these inside useMemo).

import type { AtomicPoint } from '@/components/charts/AtomicActionsChart';
import type { DurationPoint } from '@/components/charts/DurationChart';
import type { AtomicOut, IterationOut } from '@/lib/apiTypes';

/**
 * Top-level atomic actions of one iteration, merged like Rally's `merge_atomic_actions`:
 * durations of a repeated name are summed under "name (xN)".
 */
export function mergedAtomics(atomics: AtomicOut[]): Map<string, number> {
  const sums = new Map<string, { total: number; n: number }>();
  for (const a of atomics) {
    const s = sums.get(a.name) ?? { total: 0, n: 0 };
    s.total += a.duration;
    s.n += 1;
    sums.set(a.name, s);
  }
  const out = new Map<string, number>();
  for (const [name, s] of sums) out.set(s.n > 1 ? `${name} (x${s.n})` : name, s.total);
  return out;
}

/** Rally's main stacked chart: a failed iteration shows as "failed" (duration + idle). */
export function durationSeries(data: IterationOut[]): DurationPoint[] {
  return data.map((it) =>
    it.error
      ? { iteration: it.i + 1, duration: 0, idle: 0, failed: it.duration + it.idleDuration }
      : { iteration: it.i + 1, duration: it.duration, idle: it.idleDuration, failed: 0 },
  );
}

/** Atomic action names in table order first, then any other name the iterations carry. */
export function atomicNames(tableNames: string[], data: IterationOut[]): string[] {
  const names = [...tableNames];
  const seen = new Set(names);
  for (const it of data) {
    for (const name of mergedAtomics(it.atomics).keys()) {
      if (!seen.has(name)) {
        seen.add(name);
        names.push(name);
      }
    }
  }
  return names;
}

export function atomicSeries(data: IterationOut[]): AtomicPoint[] {
  return data.map((it) => ({
    iteration: it.i + 1,
    values: Object.fromEntries(mergedAtomics(it.atomics)),
  }));
}

/** Values for the histogram: durations of successful iterations, or of one atomic action. */
export function histogramValues(data: IterationOut[], metric: string | null): number[] {
  if (!metric) return data.filter((it) => !it.error).map((it) => it.duration);
  const out: number[] = [];
  for (const it of data) {
    const v = mergedAtomics(it.atomics).get(metric);
    if (v !== undefined) out.push(v);
  }
  return out;
}
