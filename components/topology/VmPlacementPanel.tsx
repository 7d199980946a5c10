import { BarList } from '@/components/charts/BarList';
import { seriesColor } from '@/components/charts/chartTheme';
import { Panel } from '@/components/ui/Panel';
import type { Run } from '@/lib/apiTypes';
import { formatNumber } from '@/lib/format';

export type VmPlacement = NonNullable<Run['vmPlacement']>;

/** "26 %" with at most one decimal. */
export function formatShare(share: number): string {
  return `${Number(share.toFixed(1))} %`;
}

/** How a run's VMs spread over its sites: a bar per site (share in %), unmapped hosts listed. */
export function VmPlacementPanel({ placement }: { placement: VmPlacement }) {
  const { sites, unmapped, unit, source } = placement;
  const total = sites.reduce((a, s) => a + s.value, 0);
  const even = sites.length > 0 ? 100 / sites.length : null;
  const valueIsShare = unit.trim() === '%';
  const from =
    source === 'metrics'
      ? 'from the summary table'
      : 'from RPC casts to compute.<host> seen in the captures, hosts mapped to sites';
  return (
    <Panel
      title="VM placement across sites"
      subtitle={
        <>
          Share of the instances per site, {from}
          {even != null && <> · an even spread would be {formatShare(even)} per site</>}
        </>
      }
      bodyClassName="p-4 space-y-4"
    >
      <div data-testid="vm-placement">
        {sites.length === 0 ? (
          <p className="py-4 text-center text-[13px] text-muted">
            No instance could be attributed to a site.
          </p>
        ) : (
          <BarList
            ariaLabel="VM share per site"
            labelHeader="Site"
            valueHeader={valueIsShare ? 'Share' : `Share · ${unit}`}
            max={Math.max(...sites.map((s) => s.share))}
            items={sites.map((s, i) => ({
              key: s.site,
              label: s.site,
              value: s.share,
              display: formatShare(s.share),
              detail: valueIsShare ? undefined : `${formatNumber(s.value)} ${unit}`,
              color: seriesColor(i),
              title: `${s.site}: ${formatShare(s.share)}${valueIsShare ? '' : ` (${formatNumber(s.value)} ${unit})`}`,
            }))}
          />
        )}
        {!valueIsShare && sites.length > 0 && (
          <p className="mt-2 text-xs text-muted">
            Total attributed to sites: {formatNumber(total)} {unit}
          </p>
        )}
      </div>
      {unmapped.length > 0 && (
        <div data-testid="vm-placement-unmapped">
          <h3 className="mb-1 text-xs font-medium text-muted">
            Hosts not mapped to a site ({unmapped.length})
          </h3>
          <ul className="flex flex-wrap gap-1.5">
            {unmapped.map((h) => (
              <li
                key={h.host}
                className="rounded border border-dashed border-border-strong px-1.5 py-px font-mono text-[11px] text-muted"
              >
                {h.host} <span className="text-faint">· {formatNumber(h.value)}</span>
              </li>
            ))}
          </ul>
          <p className="mt-1.5 text-xs text-faint">
            Map their addresses to sites with{' '}
            <code className="font-mono">edgeperf ingest --sites name=cidr,…</code> to count them.
          </p>
        </div>
      )}
    </Panel>
  );
}
