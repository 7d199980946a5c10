'use client';

import { useMemo } from 'react';
import { Badge } from '@/components/ui/Badge';
import { Panel } from '@/components/ui/Panel';
import { EmptyState } from '@/components/ui/States';
import type { Run } from '@/lib/apiTypes';
import {
  buildTopology,
  formatDiff,
  formatMs,
  formatRate,
  groupServices,
  RTT_TOLERANCE_PCT,
  type TopoLink,
  type TopoSite,
} from './model';
import { VmPlacementPanel } from './VmPlacementPanel';

/** A run's sites, the services placed in them, and the links between them (declared by tc,
 *  measured by fping), then how its VMs spread over the sites. */
export function TopologyView({ run }: { run: Run }) {
  const topo = useMemo(() => buildTopology(run), [run]);
  const flagged = topo.links.filter((l) => l.flagged).length;
  const measuredLinks = topo.links.filter((l) => l.measuredRtt != null).length;

  return (
    <section aria-labelledby="topology-heading" className="space-y-4" data-testid="topology-view">
      <h2 id="topology-heading" className="text-base font-semibold tracking-tight">
        Topology{' '}
        {topo.sites.length > 0 && (
          <span className="font-normal text-muted">
            ({topo.sites.length} site{topo.sites.length === 1 ? '' : 's'})
          </span>
        )}
      </h2>

      {topo.sites.length === 0 ? (
        <div className="rounded-lg border border-dashed border-border-strong bg-surface px-4">
          <EmptyState title="No site information for this run" compact>
            The topology comes from the experiment description: add a{' '}
            <code className="font-mono">reservation.yaml</code> or an{' '}
            <code className="font-mono">edgeperf.yaml</code> next to the results (sites, their roles
            and the network constraints), and the Kolla inventory for the services.
            {run.vmPlacement ? ' The VM placement below comes from the run itself.' : ''}
          </EmptyState>
        </div>
      ) : (
        <Panel
          title="Sites, services and links"
          subtitle={
            <>
              {topo.sites.length} site{topo.sites.length === 1 ? '' : 's'} · {topo.links.length}{' '}
              link{topo.links.length === 1 ? '' : 's'} · delays as declared (one-way, tc), RTT = sum
              of both directions
              {topo.hasRtt ? ' · measured RTT from fping' : ' · no fping measurement'}
            </>
          }
          actions={
            topo.hasRtt && measuredLinks > 0 ? (
              flagged > 0 ? (
                <Badge tone="warn">
                  {flagged} link{flagged === 1 ? '' : 's'} off by more than {RTT_TOLERANCE_PCT} %
                </Badge>
              ) : (
                <Badge tone="good">measured RTT within {RTT_TOLERANCE_PCT} % of declared</Badge>
              )
            ) : undefined
          }
          bodyClassName=""
        >
          <div className="hidden border-b border-border p-4 sm:block">
            <TopologyDiagram sites={topo.sites} links={topo.links} />
          </div>
          <ul className="grid gap-3 border-b border-border p-4 sm:hidden" aria-label="Sites">
            {topo.sites.map((s) => (
              <SiteCard key={s.name} site={s} />
            ))}
          </ul>
          {topo.links.length > 0 ? (
            <LinksTable links={topo.links} />
          ) : (
            <p className="px-4 py-4 text-[13px] text-muted">
              No network constraints declared between the sites and no RTT measured.
            </p>
          )}
          {topo.provenance.length > 0 && (
            <dl
              className="grid gap-x-4 gap-y-1 border-t border-border px-4 py-3 text-xs sm:grid-cols-[max-content_minmax(0,1fr)]"
              data-testid="topology-provenance"
            >
              {topo.provenance.map((p) => (
                <div key={p.label} className="contents">
                  <dt className="text-muted">{p.label}</dt>
                  <dd className="mb-1 font-mono text-[11px] break-all text-muted sm:mb-0">
                    {p.source}
                  </dd>
                </div>
              ))}
            </dl>
          )}
        </Panel>
      )}

      {run.vmPlacement ? (
        <VmPlacementPanel placement={run.vmPlacement} />
      ) : topo.sites.length > 0 ? (
        <p className="text-[13px] text-muted">
          VM placement: not known for this run (a summary table with{' '}
          <code className="font-mono">vms@&lt;site&gt;</code> metrics, or captures of the RPC casts
          to <code className="font-mono">compute.&lt;host&gt;</code>, would tell).
        </p>
      ) : null}
    </section>
  );
}

// --- services -------------------------------------------------------------------------------

function serviceLines(site: TopoSite): { label: string; text: string }[] {
  const g = groupServices(site.services);
  const lines: { label: string; text: string }[] = [];
  if (g.db.length) lines.push({ label: 'DB', text: g.db.join(', ') });
  if (g.bus.length) lines.push({ label: 'Bus', text: g.bus.join(', ') });
  if (g.api.length) lines.push({ label: `APIs (${g.api.length})`, text: g.api.join(', ') });
  if (g.conductor.length) lines.push({ label: 'Conductor', text: g.conductor.join(', ') });
  const computes = site.computes ?? (g.compute.length ? null : null);
  if (computes != null) lines.push({ label: 'Computes', text: String(computes) });
  else if (g.compute.length) lines.push({ label: 'Computes', text: g.compute.join(', ') });
  if (g.other.length) lines.push({ label: 'Other', text: g.other.join(', ') });
  return lines;
}

function rolesText(site: TopoSite): string {
  return site.roles.map((r) => `${r.role} ${r.count}`).join(' · ');
}

function SiteCard({ site }: { site: TopoSite }) {
  const lines = serviceLines(site);
  return (
    <li className="rounded-md border border-border-strong bg-surface-2 px-3 py-2.5 text-[12px]">
      <div className="flex flex-wrap items-baseline justify-between gap-x-2">
        <span className="font-mono text-[13px] font-semibold break-all">{site.name}</span>
        {site.nodes != null && (
          <span className="text-muted">
            {site.nodes} node{site.nodes === 1 ? '' : 's'}
          </span>
        )}
      </div>
      {site.roles.length > 0 && <div className="mt-0.5 text-muted">{rolesText(site)}</div>}
      {lines.length > 0 && (
        <dl className="mt-1.5 grid grid-cols-[max-content_minmax(0,1fr)] gap-x-2 gap-y-0.5">
          {lines.map((l) => (
            <div key={l.label} className="contents">
              <dt className="text-muted">{l.label}</dt>
              <dd className="font-mono text-[11px] break-words">{l.text}</dd>
            </div>
          ))}
        </dl>
      )}
      {site.localRtt != null && (
        <div className="mt-1 text-[11px] text-faint">
          RTT inside the site {formatMs(site.localRtt)}
        </div>
      )}
    </li>
  );
}

// --- diagram --------------------------------------------------------------------------------

const W = 960;
const BOX_W = 280;
const LINE = 17;
const MAX_DIAGRAM_SITES = 10;

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

function TopologyDiagram({ sites, links }: { sites: TopoSite[]; links: TopoLink[] }) {
  if (sites.length > MAX_DIAGRAM_SITES) {
    return (
      <p className="text-[13px] text-muted">
        {sites.length} sites are too many for a readable diagram; the table below lists every pair.
      </p>
    );
  }
  const boxes = sites.map((s) => {
    const lines = serviceLines(s);
    const h =
      30 + (s.roles.length ? LINE : 0) + (lines.length + (s.localRtt != null ? 1 : 0)) * LINE + 10;
    return { site: s, lines, h };
  });
  const boxH = Math.max(...boxes.map((b) => b.h));
  const n = sites.length;
  const rx = n <= 2 ? W / 4 : W / 2 - BOX_W / 2 - 16;
  const cx = W / 2;
  const cy = 0;
  const place = (ry: number) =>
    sites.map((_, i) => {
      if (n === 1) return { x: cx, y: cy };
      if (n === 2) return { x: cx + (i === 0 ? -rx : rx), y: cy };
      const angle = -Math.PI / 2 + (2 * Math.PI * i) / n;
      return { x: cx + rx * Math.cos(angle), y: cy + ry * Math.sin(angle) };
    });
  // The smallest vertical radius at which no two boxes touch.
  const overlaps = (ps: { x: number; y: number }[]) =>
    ps.some((p, i) =>
      ps.some(
        (q, j) => j > i && Math.abs(p.x - q.x) < BOX_W + 90 && Math.abs(p.y - q.y) < boxH + 36,
      ),
    );
  let ry = n <= 2 ? 0 : n === 3 ? boxH * 0.9 + 40 : boxH * 0.75 + 70;
  for (let k = 0; n > 2 && k < 80 && overlaps(place(ry)); k++) ry += 10;
  const placed = place(ry);
  const pos = new Map(sites.map((s, i) => [s.name, placed[i] as { x: number; y: number }]));
  // Fit the height to the boxes: shift them down so the top one starts at the margin.
  const ys = [...pos.values()].map((p) => p.y);
  const top = Math.min(...ys) - boxH / 2 - 12;
  const H = Math.max(...ys) - Math.min(...ys) + boxH + 24;
  for (const p of pos.values()) p.y -= top;
  const index = new Map(sites.map((s, i) => [s.name, i]));

  return (
    <svg
      viewBox={`0 0 ${W} ${H}`}
      className="h-auto w-full"
      role="img"
      aria-label="Sites and the links between them"
      data-testid="topology-diagram"
      style={{ fontFamily: 'inherit' }}
    >
      <g>
        {links.map((l) => {
          const p = pos.get(l.a);
          const q = pos.get(l.b);
          if (!p || !q) return null;
          return (
            <line
              key={`${l.a}-${l.b}`}
              x1={p.x}
              y1={p.y}
              x2={q.x}
              y2={q.y}
              stroke={l.flagged ? 'var(--warn)' : 'var(--border-strong)'}
              strokeWidth={l.flagged ? 2.5 : 1.75}
              strokeDasharray={l.declaredRtt == null ? '5 4' : undefined}
            />
          );
        })}
      </g>
      {boxes.map(({ site, lines }) => {
        const p = pos.get(site.name);
        if (!p) return null;
        const x = p.x - BOX_W / 2;
        const y = p.y - boxH / 2;
        const meta = rolesText(site);
        const row = y + 22;
        const metaY = row + LINE + 2;
        const firstLineY = (meta ? metaY : row) + LINE;
        return (
          <g key={site.name} data-testid="topology-site" data-site={site.name}>
            <title>
              {`${site.name}${site.clusters.length ? ` (${site.clusters.join(', ')})` : ''}\n${[
                meta,
                ...lines.map((l) => `${l.label}: ${l.text}`),
              ]
                .filter(Boolean)
                .join('\n')}`}
            </title>
            <rect
              x={x}
              y={y}
              width={BOX_W}
              height={boxH}
              rx={8}
              fill="var(--surface-2)"
              stroke="var(--border-strong)"
            />
            <text
              x={x + 12}
              y={row}
              fontSize={14}
              fontWeight={600}
              fill="var(--text)"
              className="font-mono"
            >
              {clip(site.name, 26)}
            </text>
            {site.nodes != null && (
              <text
                x={x + BOX_W - 12}
                y={row}
                fontSize={11.5}
                textAnchor="end"
                fill="var(--text-muted)"
              >
                {`${site.nodes} node${site.nodes === 1 ? '' : 's'}`}
              </text>
            )}
            {meta && (
              <text x={x + 12} y={metaY} fontSize={11.5} fill="var(--text-muted)">
                {clip(meta, 44)}
              </text>
            )}
            {lines.map((l, k) => (
              <text key={l.label} x={x + 12} y={firstLineY + k * LINE} fontSize={11.5}>
                <tspan fill="var(--text-muted)">{l.label} </tspan>
                <tspan fill="var(--text)" className="font-mono" fontSize={11}>
                  {clip(l.text, Math.max(8, 40 - l.label.length))}
                </tspan>
              </text>
            ))}
            {site.localRtt != null && (
              <text
                x={x + 12}
                y={firstLineY + lines.length * LINE}
                fontSize={10.5}
                fill="var(--text-faint)"
              >
                {`RTT inside the site ${formatMs(site.localRtt)} (fping)`}
              </text>
            )}
          </g>
        );
      })}
      {links.map((l) => {
        const p = pos.get(l.a);
        const q = pos.get(l.b);
        if (!p || !q) return null;
        const ia = index.get(l.a) ?? 0;
        const ib = index.get(l.b) ?? 0;
        const adjacent = Math.abs(ia - ib) === 1 || Math.abs(ia - ib) === n - 1;
        // Labels of crossing diagonals would meet in the centre: move them along the line.
        const t = adjacent || n <= 3 ? 0.5 : 0.32 + 0.36 * ((ia + ib) % 2);
        const mx = p.x + (q.x - p.x) * t;
        const my = p.y + (q.y - p.y) * t;
        const warn = l.flagged;
        const rows = linkLabel(l, n >= 5);
        const wLabel = Math.max(...rows.map((r) => r.text.length)) * 6.3 + 14;
        const hLabel = rows.length * 15 + 8;
        return (
          <g key={`${l.a}-${l.b}`} data-testid="topology-link" data-flagged={warn || undefined}>
            <title>{`${l.a} ↔ ${l.b}: ${rows.map((r) => r.text).join(' · ')}`}</title>
            <rect
              x={mx - wLabel / 2}
              y={my - hLabel / 2}
              width={wLabel}
              height={hLabel}
              rx={5}
              fill={warn ? 'var(--warn-soft)' : 'var(--surface)'}
              stroke={warn ? 'var(--warn)' : 'var(--border)'}
            />
            {rows.map((r, k) => (
              <text
                key={r.key}
                x={mx}
                y={my - hLabel / 2 + 4 + 11 + k * 15}
                textAnchor="middle"
                fontSize={11.5}
                fontWeight={k === 0 ? 600 : 400}
                fill={r.warn ? 'var(--warn)' : k === 0 ? 'var(--text)' : 'var(--text-muted)'}
                style={{ fontVariantNumeric: 'tabular-nums' }}
              >
                {r.text}
              </text>
            ))}
          </g>
        );
      })}
    </svg>
  );
}

function linkLabel(l: TopoLink, compact = false): { key: string; text: string; warn?: boolean }[] {
  const rows: { key: string; text: string; warn?: boolean }[] = [];
  const delay =
    l.delayAB != null && l.delayBA != null && l.delayAB !== l.delayBA
      ? `${formatMs(l.delayAB)} / ${formatMs(l.delayBA)}`
      : l.delayAB != null || l.delayBA != null
        ? formatMs(l.delayAB ?? l.delayBA)
        : null;
  const rate = formatRate(l.rateMbit);
  const loss = l.lossPct != null && l.lossPct > 0 ? `loss ${l.lossPct} %` : null;
  const rtt = l.declaredRtt != null ? `RTT ${formatMs(l.declaredRtt)}` : 'no delay declared';
  if (compact) {
    // Many sites: one line per link; rate and loss are in the table.
    rows.push({ key: 'decl', text: [delay, rtt].filter(Boolean).join(' · ') });
  } else {
    const head = [delay, rate, loss].filter(Boolean).join(' · ');
    if (head) rows.push({ key: 'decl', text: head });
    rows.push({ key: 'rtt', text: rtt });
  }
  if (l.measuredRtt != null) {
    rows.push({
      key: 'meas',
      text: `measured ${formatMs(l.measuredRtt)}${l.diffPct != null ? ` (${formatDiff(l.diffPct)})` : ''}${l.flagged ? ' ⚠' : ''}`,
      warn: l.flagged,
    });
  }
  return rows;
}

// --- table ----------------------------------------------------------------------------------

function LinksTable({ links }: { links: TopoLink[] }) {
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-[13px] tabular-nums" data-testid="topology-links-table">
        <caption className="sr-only">Site pairs: declared and measured round-trip times</caption>
        <thead>
          <tr className="border-b border-border text-left text-xs text-muted">
            <th className="px-4 py-2 font-medium">Pair</th>
            <th className="px-3 py-2 text-right font-medium" title="One-way delay per direction">
              Delay <span className="hidden sm:inline">(one-way)</span>
            </th>
            <th className="hidden px-3 py-2 text-right font-medium sm:table-cell">Rate</th>
            <th className="px-3 py-2 text-right font-medium">Declared RTT</th>
            <th className="px-3 py-2 text-right font-medium">Measured RTT</th>
            <th className="px-3 py-2 text-right font-medium">Difference</th>
            <th className="px-4 py-2 text-right font-medium" title="Declared / measured">
              Loss
            </th>
          </tr>
        </thead>
        <tbody>
          {links.map((l) => (
            <tr
              key={`${l.a}-${l.b}`}
              className={`border-b border-border last:border-b-0 ${l.flagged ? 'bg-warn-soft' : ''}`}
              data-flagged={l.flagged || undefined}
            >
              <td className="px-4 py-1.5 font-mono text-[12px] whitespace-nowrap">
                {l.a} <span className="text-faint">↔</span> {l.b}
              </td>
              <td className="px-3 py-1.5 text-right whitespace-nowrap">
                {l.delayAB != null && l.delayBA != null && l.delayAB !== l.delayBA ? (
                  <span title={`${l.a}→${l.b} / ${l.b}→${l.a}`}>
                    {formatMs(l.delayAB)} / {formatMs(l.delayBA)}
                  </span>
                ) : (
                  formatMs(l.delayAB ?? l.delayBA)
                )}
                {l.declaredRtt != null && (l.delayAB == null || l.delayBA == null) && (
                  <span className="ml-1 text-[11px] text-faint" title="Only one direction declared">
                    one way
                  </span>
                )}
              </td>
              <td className="hidden px-3 py-1.5 text-right whitespace-nowrap sm:table-cell">
                {formatRate(l.rateMbit) ?? <span className="text-faint">—</span>}
              </td>
              <td className="px-3 py-1.5 text-right font-medium whitespace-nowrap">
                {formatMs(l.declaredRtt)}
              </td>
              <td
                className="px-3 py-1.5 text-right whitespace-nowrap"
                title={
                  l.measuredRtt != null
                    ? `fping, ${l.samples} replies · min ${formatMs(l.measuredMin)} · max ${formatMs(l.measuredMax)}`
                    : undefined
                }
              >
                {l.measuredRtt != null ? (
                  <span className={l.flagged ? 'font-medium text-warn' : ''}>
                    {formatMs(l.measuredRtt)}
                  </span>
                ) : (
                  <span className="text-faint">not measured</span>
                )}
              </td>
              <td className="px-3 py-1.5 text-right whitespace-nowrap">
                {l.flagged ? (
                  <span className="font-medium text-warn">
                    {formatDiff(l.diffPct)}{' '}
                    <span className="text-[11px]">off by &gt; {RTT_TOLERANCE_PCT} %</span>
                  </span>
                ) : (
                  formatDiff(l.diffPct)
                )}
              </td>
              <td className="px-4 py-1.5 text-right whitespace-nowrap">
                {l.lossPct != null ? `${l.lossPct} %` : '—'}
                <span className="text-faint"> / </span>
                {l.measuredLoss != null ? `${Number(l.measuredLoss.toFixed(2))} %` : '—'}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
