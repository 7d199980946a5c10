// Where a run's VMs went (DOMAIN.md: "how are VMs spread across sites"): from run metrics named
// `vms@<site>` (a summary table: count or %), else from captures, counting the RPC casts to
// `compute.<host>` (nova-conductor → nova-compute build requests) and mapping hosts to sites
// with the inventory. Null when the run tells nothing.
import type { Metric } from '@/lib/apiTypes';

export interface VmPlacement {
  source: 'metrics' | 'captures';
  /** What `value` counts: VMs, a share in %, or RPC casts to compute hosts. */
  unit: string;
  sites: { site: string; value: number; share: number }[];
  /** Compute hosts seen in captures with no known site. */
  unmapped: { host: string; value: number }[];
}

export function vmPlacement(
  metrics: Metric[],
  captures: { amqp?: { publishesByRoutingKey?: Record<string, number> } }[],
  hosts: { name: string; site: string | null }[],
): VmPlacement | null {
  const fromMetrics = metrics.filter((m) => m.name.startsWith('vms@'));
  if (fromMetrics.length) {
    const total = fromMetrics.reduce((n, m) => n + m.value, 0);
    return {
      source: 'metrics',
      unit: fromMetrics[0]!.unit,
      sites: fromMetrics.map((m) => ({
        site: m.name.slice(4),
        value: m.value,
        share: total ? (m.value / total) * 100 : 0,
      })),
      unmapped: [],
    };
  }
  const perHost = new Map<string, number>();
  for (const c of captures) {
    for (const [key, n] of Object.entries(c.amqp?.publishesByRoutingKey ?? {})) {
      if (key.startsWith('compute.'))
        perHost.set(key.slice(8), (perHost.get(key.slice(8)) ?? 0) + n);
    }
  }
  if (perHost.size === 0) return null;
  const siteOf = new Map(hosts.map((h) => [h.name, h.site]));
  const perSite = new Map<string, number>();
  const unmapped: VmPlacement['unmapped'] = [];
  for (const [host, n] of perHost) {
    const site = siteOf.get(host) ?? siteOf.get(host.split('.')[0]!) ?? null;
    if (site) perSite.set(site, (perSite.get(site) ?? 0) + n);
    else unmapped.push({ host, value: n });
  }
  const total = [...perHost.values()].reduce((a, b) => a + b, 0);
  return {
    source: 'captures',
    unit: 'casts',
    sites: [...perSite]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([site, value]) => ({ site, value, share: (value / total) * 100 })),
    unmapped: unmapped.sort((a, b) => a.host.localeCompare(b.host)),
  };
}
