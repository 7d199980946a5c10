// Per-iteration values of a compare row, from the iterations API (pure; used in useMemo).
import type { AtomicOut, IterationOut } from '@/lib/apiTypes';

interface Merged {
  duration: number;
  children: AtomicOut[];
}

/** One level of atomic actions merged like Rally's table: a repeated name is "name (xN)". */
function mergeLevel(atomics: AtomicOut[]): Map<string, Merged> {
  const acc = new Map<string, { duration: number; n: number; children: AtomicOut[] }>();
  for (const a of atomics) {
    const m = acc.get(a.name) ?? { duration: 0, n: 0, children: [] };
    m.duration += a.duration;
    m.n += 1;
    m.children.push(...a.children);
    acc.set(a.name, m);
  }
  const out = new Map<string, Merged>();
  for (const [name, m] of acc) {
    out.set(m.n > 1 ? `${name} (x${m.n})` : name, { duration: m.duration, children: m.children });
  }
  return out;
}

/** Whether a row has per-iteration values (the load duration is one number per run). */
export function rowHasIterations(name: string): boolean {
  return name !== 'load duration';
}

/**
 * The value of a row of Rally's table in one iteration: `total` = duration + idle,
 * `total > duration`, `total > idle_duration`, or an atomic action by its path (`a > b`).
 * Null when the iteration did not run that action.
 */
export function rowValue(it: IterationOut, name: string): number | null {
  if (name === 'total') return it.duration + it.idleDuration;
  if (name === 'total > duration') return it.duration;
  if (name === 'total > idle_duration') return it.idleDuration;
  const path = name.split(' > ');
  let level = it.atomics;
  let value: number | null = null;
  for (const part of path) {
    const m = mergeLevel(level).get(part);
    if (!m) return null;
    value = m.duration;
    level = m.children;
  }
  return value;
}

