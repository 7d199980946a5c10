'use client';

import { parseAsString, useQueryState } from 'nuqs';
import { useMemo } from 'react';
import { seriesColor } from '@/components/charts/chartTheme';
import { Panel } from '@/components/ui/Panel';
import { formatBytes, formatCount, formatDateTime, formatDuration } from '@/lib/format';
import {
  captureDuration,
  captureTotals,
  normalizeCapture,
  serviceColorSlots,
  sortedEntries,
  sum,
  type TrafficCapture,
} from '@/lib/traffic';
import type { Capture } from '@/lib/apiTypes';
import { ConversationsTable } from './ConversationsTable';
import { Stat } from './parts';
import { AmqpPanel, hasAmqp, hasMysql, hasRedis, MysqlPanel, RedisPanel } from './ProtocolPanels';
import { SeriesPanel } from './SeriesPanel';
import { ServicesPanel } from './ServicesPanel';
import { SiteMatrixPanel } from './SiteMatrixPanel';

const UNDECODED_WHY =
  'Frames that are not TCP or UDP over IPv4/IPv6 on a known link type: ARP, ICMP, frames of an unknown link type, non-first IP fragments, frames cut before their transport header. They are counted in packets and bytes, as tshark counts them.';

/**
 * The run page's Traffic tab: the run's captures (a picker when there are several), each with
 * its totals, services, time series, site × site matrix, AMQP / MySQL / Redis decodes and
 * conversations. The selected capture is in the URL (`?cap=cap_…`).
 */
export function TrafficView({ captures, runId }: { captures: Capture[]; runId?: string }) {
  const list = useMemo(() => captures.map(normalizeCapture), [captures]);
  const [capId, setCapId] = useQueryState('cap', parseAsString.withOptions({ history: 'push' }));
  if (list.length === 0) return <NoCapture runId={runId} />;
  const selected = list.find((c) => c.id === capId) ?? list[0]!;
  return (
    <div className="min-w-0 space-y-4" data-testid="traffic-view">
      {list.length > 1 && (
        <CapturePicker
          captures={list}
          selectedId={selected.id}
          onSelect={(id) => void setCapId(id === list[0]!.id ? null : id)}
        />
      )}
      <CaptureDetail key={selected.id} capture={selected} />
    </div>
  );
}

function NoCapture({ runId }: { runId?: string }) {
  const command = `edgeperf ingest cap.pcap --run ${runId ?? '<id>'} --sites a=10.0.1.0/24,…`;
  return (
    <div
      className="flex min-w-0 flex-col items-center gap-2 rounded-lg border border-dashed border-border-strong bg-surface px-4 py-12 text-center"
      data-testid="traffic-empty"
    >
      <svg viewBox="0 0 24 24" className="mb-1 h-8 w-8 text-faint" fill="none" aria-hidden="true">
        <path
          d="M3 12h4l2-5 4 10 2-5h6"
          stroke="currentColor"
          strokeWidth="1.6"
          strokeLinecap="round"
          strokeLinejoin="round"
        />
      </svg>
      <p className="text-sm font-medium text-fg">No traffic capture in this run</p>
      <p className="max-w-md text-[13px] text-muted">
        Ingest a pcap or pcapng file (also gzip-compressed) and attach it to this run:
      </p>
      <pre className="w-full max-w-xl rounded-md border border-border bg-surface-2 px-3 py-2 text-left font-mono text-[12px] break-all whitespace-pre-wrap text-fg">
        {command}
      </pre>
      <p className="max-w-md text-xs text-muted">
        <code className="font-mono">--sites</code> maps addresses to sites (name=CIDR, comma
        separated) for the site × site matrix.
      </p>
    </div>
  );
}

function CapturePicker({
  captures,
  selectedId,
  onSelect,
}: {
  captures: TrafficCapture[];
  selectedId: string;
  onSelect: (id: string) => void;
}) {
  const totals = captureTotals(captures);
  return (
    <Panel
      title={
        <>
          Captures <span className="font-normal text-muted">({captures.length})</span>
        </>
      }
      subtitle="Pick a capture to see its traffic; totals over all of them included"
      bodyClassName="sm:overflow-x-auto"
    >
      {/* Phones: a select and the totals. */}
      <div className="space-y-2 p-4 sm:hidden">
        <label className="block">
          <span className="mb-1 block text-xs text-muted">Capture</span>
          <select
            value={selectedId}
            onChange={(e) => onSelect(e.target.value)}
            className="h-9 w-full rounded-md border border-border bg-surface px-2 font-mono text-[12px]"
          >
            {captures.map((c) => (
              <option key={c.id} value={c.id}>
                {c.file} · {formatCount(c.packets)} pkts · {formatBytes(c.bytes)}
              </option>
            ))}
          </select>
        </label>
        <p className="text-xs text-muted">
          All {captures.length} captures:{' '}
          <span className="font-medium text-fg tabular-nums">
            {formatCount(totals.packets)} packets · {formatBytes(totals.bytes)}
          </span>
          {totals.undecoded > 0 && ` · ${formatCount(totals.undecoded)} undecoded`}
        </p>
      </div>
      <table
        className="hidden w-full min-w-[640px] border-collapse text-[12px] sm:table"
        data-testid="capture-picker"
      >
        <thead>
          <tr className="border-b border-border text-[11px] text-muted">
            <th scope="col" className="py-1.5 pr-2 pl-4 text-left font-medium">
              File
            </th>
            <th scope="col" className="px-2 py-1.5 text-left font-medium">
              Start (UTC)
            </th>
            <th scope="col" className="px-2 py-1.5 text-right font-medium">
              Duration
            </th>
            <th scope="col" className="px-2 py-1.5 text-right font-medium">
              Packets
            </th>
            <th scope="col" className="px-2 py-1.5 text-right font-medium">
              Bytes
            </th>
            <th scope="col" className="py-1.5 pr-4 pl-2 text-right font-medium">
              Undecoded
            </th>
          </tr>
        </thead>
        <tbody>
          {captures.map((c) => {
            const active = c.id === selectedId;
            return (
              <tr
                key={c.id}
                onClick={() => onSelect(c.id)}
                className={`cursor-pointer border-b border-border ${active ? 'bg-accent-soft' : 'hover:bg-surface-2/60'}`}
              >
                <th scope="row" className="py-1.5 pr-2 pl-4 text-left font-normal">
                  <button
                    type="button"
                    aria-pressed={active}
                    onClick={(e) => {
                      e.stopPropagation();
                      onSelect(c.id);
                    }}
                    className={`max-w-[320px] truncate text-left font-mono text-[12px] hover:underline ${active ? 'font-semibold text-accent' : 'text-fg'}`}
                    title={c.file}
                  >
                    {c.file}
                  </button>
                </th>
                <td className="px-2 py-1.5 whitespace-nowrap text-muted">
                  {formatDateTime(c.firstTime, { seconds: true, zone: false })}
                </td>
                <td className="px-2 py-1.5 text-right tabular-nums">
                  {formatDuration(captureDuration(c))}
                </td>
                <td className="px-2 py-1.5 text-right tabular-nums">{formatCount(c.packets)}</td>
                <td
                  className="px-2 py-1.5 text-right tabular-nums"
                  title={`${formatCount(c.bytes)} B`}
                >
                  {formatBytes(c.bytes)}
                </td>
                <td
                  className={`py-1.5 pr-4 pl-2 text-right tabular-nums ${c.undecoded > 0 ? 'text-warn' : 'text-muted'}`}
                >
                  {formatCount(c.undecoded)}
                </td>
              </tr>
            );
          })}
          <tr className="bg-surface-2/70 font-semibold" data-testid="capture-totals">
            <th scope="row" className="py-1.5 pr-2 pl-4 text-left">
              All {captures.length} captures
            </th>
            <td className="px-2 py-1.5 font-normal whitespace-nowrap text-muted">
              {formatDateTime(totals.firstTime, { seconds: true, zone: false })}
            </td>
            <td
              className="px-2 py-1.5 text-right tabular-nums"
              title="First packet of any capture to the last"
            >
              {formatDuration(captureDuration(totals))}
            </td>
            <td className="px-2 py-1.5 text-right tabular-nums">{formatCount(totals.packets)}</td>
            <td
              className="px-2 py-1.5 text-right tabular-nums"
              title={`${formatCount(totals.bytes)} B`}
            >
              {formatBytes(totals.bytes)}
            </td>
            <td className="py-1.5 pr-4 pl-2 text-right tabular-nums">
              {formatCount(totals.undecoded)}
            </td>
          </tr>
        </tbody>
      </table>
    </Panel>
  );
}

function linkTypeLabel(name: string): string {
  const m = /^linktype-(\d+)$/.exec(name);
  return m ? `unknown link type ${m[1]}` : name;
}

function CaptureHeader({ capture: c }: { capture: TrafficCapture }) {
  const duration = captureDuration(c);
  const links = sortedEntries(c.linkTypes);
  const unknownLinks = links.filter(([k]) => k.startsWith('linktype-'));
  const resync = c.amqp.undecodedBytes + c.mysql.undecodedBytes + c.redis.undecodedBytes;
  const undecodedPct = c.packets > 0 ? (c.undecoded / c.packets) * 100 : 0;
  return (
    <div
      className="grid grid-cols-2 divide-border overflow-hidden rounded-lg border border-border bg-surface sm:grid-cols-3 lg:grid-cols-6 lg:divide-x [&>*]:-mb-px [&>*]:border-b [&>*]:border-border lg:[&>*]:mb-0 lg:[&>*]:border-b-0"
      data-testid="traffic-totals"
    >
      <Stat
        label="Packets"
        testId="traffic-packets"
        sub={`${formatCount(c.conversations.length)} conversation${c.conversations.length === 1 ? '' : 's'}`}
      >
        {formatCount(c.packets)}
      </Stat>
      <Stat
        label="Bytes"
        testId="traffic-bytes"
        hint="On-the-wire frame lengths (tshark's frame.len)"
        sub={`${formatCount(c.bytes)} B`}
      >
        {formatBytes(c.bytes)}
      </Stat>
      <Stat
        label="Duration"
        hint={
          c.firstTime != null && c.lastTime != null
            ? `${formatDateTime(c.firstTime, { millis: true })} → ${formatDateTime(c.lastTime, { millis: true })}`
            : undefined
        }
        sub={
          c.firstTime != null
            ? `from ${formatDateTime(c.firstTime, { seconds: true })}`
            : 'no packet'
        }
      >
        {formatDuration(duration)}
      </Stat>
      <Stat
        label="Undecoded"
        testId="traffic-undecoded"
        tone={c.undecoded > 0 ? 'warn' : undefined}
        hint={UNDECODED_WHY}
        sub={
          c.undecoded > 0 ? (
            <>
              {undecodedPct < 0.1 ? '<0.1' : undecodedPct.toFixed(1)}% of frames: not TCP/UDP over
              IP
              {unknownLinks.length > 0 &&
                ` (${formatCount(sum(unknownLinks.map(([, n]) => n)))} of an unknown link type)`}
            </>
          ) : (
            'every frame is TCP/UDP over IP'
          )
        }
      >
        {formatCount(c.undecoded)}
        <span className="ml-1 text-xs font-normal text-muted">frames</span>
      </Stat>
      <Stat
        label="TCP gaps"
        tone={c.tcpGapBytes > 0 ? 'warn' : undefined}
        hint="TCP payload bytes that never reached a decoder in order (lost segments, beyond buffer limits); and bytes the AMQP/MySQL/Redis decoders skipped while re-synchronising"
        sub={
          <>
            {c.tcpGapBytes > 0 ? 'payload lost or out of reach' : 'every stream reassembled'}
            {resync > 0 && ` · ${formatBytes(resync)} skipped to re-synchronise`}
          </>
        }
      >
        {formatBytes(c.tcpGapBytes)}
      </Stat>
      <Stat
        label="Link types"
        hint={links.map(([k, n]) => `${linkTypeLabel(k)}: ${formatCount(n)} frames`).join('\n')}
        sub={
          links.length > 1
            ? links.map(([k, n]) => `${linkTypeLabel(k)} ${formatCount(n)}`).join(' · ')
            : links.length === 1
              ? 'all frames'
              : undefined
        }
      >
        <span
          className={`font-mono text-[13px] break-all ${unknownLinks.length ? 'text-warn' : ''}`}
        >
          {links.length ? links.map(([k]) => linkTypeLabel(k)).join(', ') : 'none'}
        </span>
      </Stat>
    </div>
  );
}

function CaptureDetail({ capture: c }: { capture: TrafficCapture }) {
  const colors = useMemo(() => {
    const names = [
      ...[...c.services].sort((x, y) => y.bytes - x.bytes).map((s) => s.service),
      ...Object.keys(c.series.services),
      ...c.siteMatrix.map((m) => m.service),
    ];
    const unique = [
      ...new Set(names.filter((n) => n !== 'other')),
      ...(names.includes('other') ? ['other'] : []),
    ];
    const slots = serviceColorSlots(unique);
    return new Map(
      unique.map((n) => [n, n === 'other' ? 'var(--chart-8)' : seriesColor(slots.get(n) ?? 7)]),
    );
  }, [c]);
  const amqp = hasAmqp(c.amqp);
  const mysql = hasMysql(c.mysql);
  const redis = hasRedis(c.redis);
  const missing = [!amqp && 'AMQP', !mysql && 'MySQL', !redis && 'Redis'].filter(
    Boolean,
  ) as string[];
  return (
    <div className="min-w-0 space-y-4" data-capture-id={c.id}>
      <div className="flex flex-wrap items-baseline justify-between gap-x-3 gap-y-1">
        <h3
          className="min-w-0 font-mono text-[15px] font-semibold break-all"
          data-testid="capture-file"
        >
          {c.file}
        </h3>
        <span className="font-mono text-[11px] text-faint">{c.id}</span>
      </div>

      <CaptureHeader capture={c} />

      <div className="grid gap-4 xl:grid-cols-[minmax(0,2fr)_minmax(0,3fr)]">
        <ServicesPanel services={c.services} colors={colors} />
        <SeriesPanel series={c.series} colors={colors} firstTime={c.firstTime} />
      </div>

      <SiteMatrixPanel cells={c.siteMatrix} colors={colors} />

      {amqp && <AmqpPanel amqp={c.amqp} />}
      {(mysql || redis) && (
        <div className={mysql && redis ? 'grid gap-4 xl:grid-cols-2' : ''}>
          {mysql && <MysqlPanel mysql={c.mysql} />}
          {redis && <RedisPanel redis={c.redis} />}
        </div>
      )}
      {missing.length > 0 && (
        <p className="text-[12px] text-muted" data-testid="traffic-missing">
          No {missing.join(', ').replace(/, ([^,]*)$/, ' or $1')} traffic decoded in this capture.
        </p>
      )}

      <ConversationsTable conversations={c.conversations} start={c.firstTime} />
    </div>
  );
}
