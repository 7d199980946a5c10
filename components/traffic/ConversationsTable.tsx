'use client';

import { useMemo, useState } from 'react';
import { useConversationSort } from '@/components/hooks/useTrafficState';
import { Panel } from '@/components/ui/Panel';
import { formatBytes, formatCount, formatDateTime } from '@/lib/format';
import {
  type ConversationKey,
  conversationBytes,
  sortConversations,
  topN,
  UNMAPPED,
} from '@/lib/traffic';
import type { CaptureConversation } from '@/ingest/pcap';
import { Nothing, ShowAll } from './parts';

const TOP = 50;

const COLUMNS: { key: ConversationKey; label: string; title?: string; align: 'left' | 'right' }[] =
  [
    { key: 'stream', label: 'Stream', title: "tshark's tcp.stream / udp.stream", align: 'right' },
    { key: 'service', label: 'Service', align: 'left' },
    {
      key: 'a',
      label: 'A (opened)',
      title: 'The side that sent the SYN (or the first sender)',
      align: 'left',
    },
    { key: 'b', label: 'B', align: 'left' },
    { key: 'framesAtoB', label: 'Frames A→B', align: 'right' },
    { key: 'bytesAtoB', label: 'Bytes A→B', align: 'right' },
    { key: 'framesBtoA', label: 'Frames B→A', align: 'right' },
    { key: 'bytesBtoA', label: 'Bytes B→A', align: 'right' },
    { key: 'bytes', label: 'Bytes', title: 'Both directions', align: 'right' },
    { key: 'firstTime', label: 'First', title: 'Seconds from the capture start', align: 'right' },
    { key: 'lastTime', label: 'Last', title: 'Seconds from the capture start', align: 'right' },
  ];

function Endpoint({ addr, port, site }: { addr: string; port: number; site: string | null }) {
  const v6 = addr.includes(':');
  return (
    <>
      <span className="font-mono text-[12px] whitespace-nowrap">
        {v6 ? `[${addr}]` : addr}:{port}
      </span>
      <span className={`block text-[11px] ${site == null ? 'text-faint italic' : 'text-muted'}`}>
        {site ?? UNMAPPED}
      </span>
    </>
  );
}

function Bytes({ v }: { v: number }) {
  return <span title={`${formatCount(v)} B`}>{formatBytes(v)}</span>;
}

/** Per TCP/UDP conversation (one TCP connection, as tshark's tcp.stream), sortable, top 50. */
export function ConversationsTable({
  conversations,
  start,
}: {
  conversations: CaptureConversation[];
  /** Capture start (epoch seconds) for relative times. */
  start: number | null;
}) {
  // The sort is in the URL (`csort`); "show all" is local: an expander, not a view to share.
  const [{ csort: sort }, setState] = useConversationSort();
  const [all, setAll] = useState(false);
  const sorted = useMemo(
    () => sortConversations(conversations, sort.key, sort.dir),
    [conversations, sort],
  );
  const { shown, rest } = topN(sorted, all ? null : TOP);
  const t0 = start ?? 0;
  const rel = (t: number) => `+${(t - t0).toFixed(3)} s`;
  const tcp = conversations.filter((c) => c.proto === 'tcp').length;
  const udp = conversations.length - tcp;

  const onSort = (key: ConversationKey) =>
    void setState(({ csort: s }) => ({
      csort:
        s.key === key
          ? { key, dir: s.dir === 'asc' ? 'desc' : 'asc' }
          : {
              key,
              dir: ['a', 'b', 'service', 'stream', 'firstTime', 'lastTime'].includes(key)
                ? 'asc'
                : 'desc',
            },
    }));

  return (
    <Panel
      title={
        <>
          Conversations{' '}
          <span className="font-normal text-muted">({formatCount(conversations.length)})</span>
        </>
      }
      subtitle={`${formatCount(tcp)} TCP${udp ? ` · ${formatCount(udp)} UDP` : ''} · on-the-wire frame lengths, as tshark's Conversations · click a column to sort`}
      bodyClassName="overflow-x-auto"
    >
      {conversations.length === 0 ? (
        <div className="px-4">
          <Nothing>No TCP or UDP conversation in this capture.</Nothing>
        </div>
      ) : (
        <>
          <table
            className="w-full min-w-[980px] border-collapse text-[12px]"
            data-testid="conversations-table"
          >
            <thead>
              <tr className="border-b border-border text-[11px] text-muted">
                {COLUMNS.map((c, i) => {
                  const active = sort.key === c.key;
                  return (
                    <th
                      key={c.key}
                      scope="col"
                      aria-sort={
                        active ? (sort.dir === 'asc' ? 'ascending' : 'descending') : 'none'
                      }
                      className={`py-1.5 font-medium whitespace-nowrap ${c.align === 'right' ? 'text-right' : 'text-left'} ${
                        i === 0 ? 'pl-4' : i === COLUMNS.length - 1 ? 'pr-4 pl-2' : 'px-2'
                      }`}
                    >
                      <button
                        type="button"
                        onClick={() => onSort(c.key)}
                        title={c.title}
                        className={`inline-flex items-center gap-0.5 rounded hover:text-fg ${active ? 'text-fg' : ''}`}
                      >
                        {c.label}
                        <span
                          aria-hidden="true"
                          className={`w-2.5 text-[10px] ${active ? '' : 'opacity-0'}`}
                        >
                          {sort.dir === 'asc' ? '▲' : '▼'}
                        </span>
                      </button>
                    </th>
                  );
                })}
              </tr>
            </thead>
            <tbody>
              {shown.map((c) => (
                <tr
                  key={`${c.proto}-${c.stream}`}
                  className="border-b border-border align-top last:border-b-0 hover:bg-surface-2/50"
                  data-stream={c.stream}
                >
                  <td className="py-1.5 pl-4 text-right font-mono text-[11px] text-muted tabular-nums">
                    {c.proto === 'udp' ? 'udp ' : ''}
                    {c.stream}
                  </td>
                  <td className="px-2 py-1.5 font-mono text-[12px]">
                    {c.service || <span className="text-faint">n/a</span>}
                  </td>
                  <td className="px-2 py-1.5">
                    <Endpoint addr={c.a} port={c.aPort} site={c.aSite} />
                  </td>
                  <td className="px-2 py-1.5">
                    <Endpoint addr={c.b} port={c.bPort} site={c.bSite} />
                  </td>
                  <td className="px-2 py-1.5 text-right tabular-nums">
                    {formatCount(c.framesAtoB)}
                  </td>
                  <td className="px-2 py-1.5 text-right tabular-nums">
                    <Bytes v={c.bytesAtoB} />
                  </td>
                  <td className="px-2 py-1.5 text-right tabular-nums">
                    {formatCount(c.framesBtoA)}
                  </td>
                  <td className="px-2 py-1.5 text-right tabular-nums">
                    <Bytes v={c.bytesBtoA} />
                  </td>
                  <td className="px-2 py-1.5 text-right font-medium tabular-nums">
                    <Bytes v={conversationBytes(c)} />
                  </td>
                  <td
                    className="px-2 py-1.5 text-right tabular-nums whitespace-nowrap text-muted"
                    title={formatDateTime(c.firstTime, { millis: true })}
                  >
                    {rel(c.firstTime)}
                  </td>
                  <td
                    className="py-1.5 pr-4 pl-2 text-right tabular-nums whitespace-nowrap text-muted"
                    title={formatDateTime(c.lastTime, { millis: true })}
                  >
                    {rel(c.lastTime)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {(rest > 0 || all) && (
            <div className="px-4 pb-3">
              <ShowAll
                rest={rest}
                expanded={all}
                onToggle={() => setAll(!all)}
                noun="conversations"
              />
            </div>
          )}
        </>
      )}
    </Panel>
  );
}
