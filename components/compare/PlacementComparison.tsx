'use client';

import { seriesColor } from '@/components/charts/chartTheme';
import { GroupedBarChart } from '@/components/charts/GroupedBarChart';
import { formatShare } from '@/components/topology/VmPlacementPanel';
import { Panel } from '@/components/ui/Panel';
import type { ComparePlacement, ComparePlacementSide, CompareSide } from '@/lib/compareTypes';
import { formatNumber } from '@/lib/format';
import { formatChange } from './compareFormat';
import { SideLabel } from './SideLabel';

const NOT_MAPPED = 'not mapped';

function sourceText(p: ComparePlacementSide): string {
  const runs = p.runs.length > 1 ? `mean of ${p.runs.length} runs, ` : '';
  const from =
    p.source === 'metrics'
      ? 'from the summary table'
      : p.source === 'captures'
        ? 'from RPC casts to compute.<host> in the captures'
        : 'from summary tables and captures';
  return `${runs}${from}`;
}

/**
 * VM placement compared: per site, the share of the instances on each side (grouped bars in
 * the sides' colours) and the difference to the baseline in percentage points.
 */
export function PlacementComparison({
  placement,
  sides,
}: {
  placement: ComparePlacement;
  sides: CompareSide[];
}) {
  const withUnmapped = placement.sides.some((p) => p != null && p.unmappedShare > 0);
  const categories = withUnmapped ? [...placement.sites, NOT_MAPPED] : placement.sites;
  const shareAt = (p: ComparePlacementSide, i: number): number | null =>
    i < placement.sites.length ? (p.shares[i] ?? null) : p.unmappedShare;
  const series = sides
    .map((side, k) => ({ side, k, p: placement.sides[k] }))
    .filter((x): x is { side: CompareSide; k: number; p: ComparePlacementSide } => x.p != null)
    .map(({ side, k, p }) => ({
      key: `s${k}`,
      name: side.label,
      color: seriesColor(k),
      values: categories.map((_, i) => shareAt(p, i)),
    }));
  const base = placement.sides[0] ?? null;
  const unmappedHosts = sides
    .map((side, k) => ({ side, k, p: placement.sides[k] }))
    .filter((x) => (x.p?.unmapped.length ?? 0) > 0);

  return (
    <Panel
      title="VM placement across sites"
      subtitle="Share of the instances per site on each side, and the difference to the baseline in percentage points (pp)"
      bodyClassName="p-4"
    >
      <div className="space-y-5" data-testid="compare-placement">
        <div className="grid gap-x-8 gap-y-6 xl:grid-cols-2">
          <div className="min-w-0">
            {placement.sites.length === 0 && !withUnmapped ? (
              <p className="text-[12px] text-faint italic">No instance could be put on a site.</p>
            ) : (
              <GroupedBarChart
                ariaLabel="Share of the instances per site and side"
                categories={categories}
                series={series}
                yLabel="Share of instances (%)"
                formatValue={(v) => formatShare(v)}
                formatTick={(v) => `${formatNumber(v, 0)}`}
              />
            )}
          </div>
          <div className="min-w-0 overflow-x-auto">
            <table className="w-full border-collapse text-[12px]" data-testid="placement-table">
              <thead>
                <tr className="border-b border-border text-[11px] text-muted">
                  <th scope="col" className="py-1.5 pr-3 text-left font-medium">
                    Site
                  </th>
                  {sides.map((s, k) => (
                    <th key={s.id} scope="col" className="px-2 py-1.5 text-right font-medium">
                      <span className="inline-flex justify-end">
                        <SideLabel side={s} index={k} maxWidth={120} />
                      </span>
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {categories.map((site, i) => (
                  <tr
                    key={site}
                    className="border-b border-border last:border-b-0"
                    data-site={site}
                  >
                    <th
                      scope="row"
                      className={`py-1.5 pr-3 text-left font-normal whitespace-nowrap ${site === NOT_MAPPED ? 'text-muted italic' : 'font-mono'}`}
                    >
                      {site}
                    </th>
                    {sides.map((s, k) => {
                      const p = placement.sides[k];
                      const v = p ? shareAt(p, i) : null;
                      const diff =
                        k > 0 && i < placement.sites.length
                          ? (placement.differences[k - 1]?.[i] ?? null)
                          : k > 0 && p && base
                            ? p.unmappedShare - base.unmappedShare
                            : null;
                      return (
                        <td key={s.id} className="px-2 py-1.5 text-right tabular-nums">
                          {p == null ? (
                            <span className="text-faint">–</span>
                          ) : v == null ? (
                            <span className="text-faint" title="Not a site of this side">
                              –
                            </span>
                          ) : (
                            <span className="font-medium text-fg">{formatShare(v)}</span>
                          )}
                          {diff != null && (
                            <span
                              className={`ml-1.5 inline-block min-w-[58px] text-[11px] ${Math.abs(diff) < 0.05 ? 'text-faint' : 'text-muted'}`}
                              data-testid="placement-diff"
                            >
                              {formatChange(diff, ' pp')}
                            </span>
                          )}
                        </td>
                      );
                    })}
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr className="border-t border-border text-[11px] text-muted">
                  <th scope="row" className="pt-1.5 pr-3 text-left font-normal">
                    Source
                  </th>
                  {sides.map((s, k) => {
                    const p = placement.sides[k];
                    return (
                      <td key={s.id} className="px-2 pt-1.5 text-right align-top">
                        {p ? (
                          sourceText(p)
                        ) : (
                          <span data-testid="placement-none">no placement known</span>
                        )}
                      </td>
                    );
                  })}
                </tr>
              </tfoot>
            </table>
            {!base && (
              <p className="mt-2 text-[11px] text-muted">
                The baseline tells no placement: no difference in percentage points.
              </p>
            )}
          </div>
        </div>
        {unmappedHosts.length > 0 && (
          <div className="text-[11px] text-muted" data-testid="placement-unmapped">
            <p className="mb-1">
              Compute hosts with no known site (map them with the Kolla inventory of the run):
            </p>
            <ul className="space-y-1">
              {unmappedHosts.map(({ side, k, p }) => (
                <li key={side.id} className="flex flex-wrap items-center gap-1.5">
                  <SideLabel side={side} index={k} maxWidth={180} />
                  {p!.unmapped.map((h) => (
                    <span
                      key={h.host}
                      className="rounded border border-dashed border-border-strong px-1.5 py-px font-mono text-[11px]"
                    >
                      {h.host} <span className="text-faint">· {formatNumber(h.value, 1)}</span>
                    </span>
                  ))}
                </li>
              ))}
            </ul>
          </div>
        )}
      </div>
    </Panel>
  );
}
