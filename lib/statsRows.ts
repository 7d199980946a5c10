// Finding a row of Rally's table by its path (`nova.boot_server`, `a > b`, `total > duration`).
import type { StatsRow, WorkloadStats } from './apiTypes';

export function findStatsRow(stats: WorkloadStats, path: string[]): StatsRow | null {
  let rows = path[0] === 'total' ? [stats.total] : stats.actions;
  let row: StatsRow | null = null;
  for (const name of path) {
    row = rows.find((r) => r.name === name) ?? null;
    if (!row) return null;
    rows = row.children;
  }
  return row;
}
