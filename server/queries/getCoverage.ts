// GET /api/coverage: the design grid of a campaign (or of all runs): the combinations of two
// factors with the number of runs (repetitions) in each cell, so a user sees what is missing.
import type { Factor } from '@/lib/apiTypes';
import { FACTORS, formatFactorValue, isFactorKey } from '@/lib/factors';
import { ApiError } from '../http/errors';
import { database } from '../database';

export interface Coverage {
  rows: { key: string; label: string; values: string[] };
  cols: { key: string; label: string; values: string[] };
  /** One per (row value, column value) pair, empty cells included. */
  cells: { row: string; col: string; runs: string[]; groups: number }[];
  campaign: { id: string; name: string } | null;
}

export async function getCoverage(req: {
  rows: string;
  cols: string;
  campaign?: string | null;
  allowedRuns?: Set<string> | null;
}): Promise<Coverage> {
  for (const [what, key] of [
    ['rows', req.rows],
    ['cols', req.cols],
  ] as const) {
    if (!isFactorKey(key))
      throw new ApiError(422, 'INVALID_REQUEST', `${what}: unknown factor "${key}"`);
  }
  const db = await database();
  let campaign: Coverage['campaign'] = null;
  if (req.campaign) {
    campaign =
      (await db.get<{ id: string; name: string }>(
        'SELECT id, name FROM Campaign WHERE id = ? OR name = ?',
        [req.campaign, req.campaign],
      )) ?? null;
    if (!campaign) throw new ApiError(404, 'NOT_FOUND', `no campaign ${req.campaign}`);
  }
  type Row = { id: string; fingerprint: string; factors: string };
  let runs = campaign
    ? await db.all<Row>(
        'SELECT id, fingerprint, factors FROM Run WHERE campaignId = ? ORDER BY createdAt, id',
        [campaign.id],
      )
    : await db.all<Row>('SELECT id, fingerprint, factors FROM Run ORDER BY createdAt, id');
  if (req.allowedRuns) runs = runs.filter((r) => req.allowedRuns!.has(r.id));
  const factorText = (factors: Record<string, Factor>, key: string) =>
    formatFactorValue(factors[key]?.value ?? null);
  const cells = new Map<string, { runs: string[]; groups: Set<string> }>();
  const rowValues = new Set<string>();
  const colValues = new Set<string>();
  for (const run of runs) {
    const factors = JSON.parse(run.factors) as Record<string, Factor>;
    const row = factorText(factors, req.rows);
    const col = factorText(factors, req.cols);
    rowValues.add(row);
    colValues.add(col);
    const cell = cells.get(`${row}\u0000${col}`) ?? { runs: [], groups: new Set<string>() };
    cell.runs.push(run.id);
    cell.groups.add(run.fingerprint);
    cells.set(`${row}\u0000${col}`, cell);
  }
  const order = (values: Set<string>) =>
    [...values].sort((a, b) => {
      if (a === 'unknown' || b === 'unknown') return a === 'unknown' ? 1 : -1;
      const na = Number(a);
      const nb = Number(b);
      return Number.isFinite(na) && Number.isFinite(nb) ? na - nb : a.localeCompare(b);
    });
  const rows = order(rowValues);
  const cols = order(colValues);
  return {
    rows: { key: req.rows, label: FACTORS[req.rows as keyof typeof FACTORS].label, values: rows },
    cols: { key: req.cols, label: FACTORS[req.cols as keyof typeof FACTORS].label, values: cols },
    cells: rows.flatMap((row) =>
      cols.map((col) => {
        const cell = cells.get(`${row}\u0000${col}`);
        return { row, col, runs: cell?.runs ?? [], groups: cell?.groups.size ?? 0 };
      }),
    ),
    campaign,
  };
}
