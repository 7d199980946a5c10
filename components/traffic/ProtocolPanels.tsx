'use client';

import { useState } from 'react';
import { BarList } from '@/components/charts/BarList';
import { Badge } from '@/components/ui/Badge';
import { Panel } from '@/components/ui/Panel';
import { formatBytes, formatCount } from '@/lib/format';
import {
  EMPTY_LATENCY,
  type KeyRow,
  keyRows,
  latencyRows,
  REPLY_GROUP,
  replyKeyCount,
  sortedEntries,
  sum,
  topN,
} from '@/lib/traffic';
import type { AmqpSummary, MysqlSummary, RedisSummary } from '@/ingest/pcap';
import { DataName, LatencyTable, MiniStats, Nothing, ShowAll, SubHeading } from './parts';

const TOP = 10;

function CountList({
  counts,
  color,
  ariaLabel,
  empty,
  top = TOP,
  noun,
}: {
  counts: Record<string, number>;
  color: string;
  ariaLabel: string;
  empty: string;
  top?: number;
  noun: string;
}) {
  const [all, setAll] = useState(false);
  const entries = sortedEntries(counts);
  const { shown, rest } = topN(entries, all ? null : top);
  if (entries.length === 0) return <Nothing>{empty}</Nothing>;
  return (
    <>
      <BarList
        ariaLabel={ariaLabel}
        color={color}
        max={entries[0]?.[1]}
        items={shown.map(([k, v]) => ({
          key: k,
          label: <DataName name={k} />,
          value: v,
          display: formatCount(v),
          title: `${k}: ${formatCount(v)}`,
        }))}
      />
      <ShowAll rest={rest} expanded={all} onToggle={() => setAll(!all)} noun={noun} />
    </>
  );
}

/** Publishes and deliveries per key, in a two-bar table. */
function KeyTable({
  rows,
  header,
  testId,
  emptyName,
}: {
  rows: KeyRow[];
  header: string;
  testId: string;
  emptyName: string;
}) {
  const [all, setAll] = useState(false);
  const { shown, rest } = topN(rows, all ? null : TOP);
  const max = Math.max(1, ...rows.map((r) => Math.max(r.publishes, r.deliveries)));
  const bar = (v: number, color: string) => (
    <div className="mt-0.5 h-1 rounded-full bg-surface-2" aria-hidden="true">
      <div
        className="h-1 rounded-full"
        style={{ width: `${(v / max) * 100}%`, background: color }}
      />
    </div>
  );
  return (
    <>
      <table className="w-full border-collapse text-[12px]" data-testid={testId}>
        <thead>
          <tr className="border-b border-border text-[11px] text-muted">
            <th scope="col" className="py-1.5 pr-3 text-left font-medium">
              {header}
            </th>
            <th scope="col" className="w-[22%] px-2 py-1.5 text-right font-medium">
              Publishes
            </th>
            <th scope="col" className="w-[22%] py-1.5 pl-2 text-right font-medium">
              Deliveries
            </th>
          </tr>
        </thead>
        <tbody>
          {shown.map((r) => (
            <tr
              key={r.key}
              className="border-b border-border last:border-b-0"
              data-row-name={r.key}
            >
              <th scope="row" className="py-1.5 pr-3 text-left font-mono font-normal">
                <DataName name={r.key} empty={emptyName} />
                {r.key === REPLY_GROUP && r.keys > 1 && (
                  <span className="ml-1.5 font-sans text-[11px] text-muted">
                    {formatCount(r.keys)} reply queues
                  </span>
                )}
              </th>
              <td className="px-2 py-1.5 text-right tabular-nums">
                {formatCount(r.publishes)}
                {bar(r.publishes, 'var(--chart-1)')}
              </td>
              <td className="py-1.5 pl-2 text-right tabular-nums">
                {formatCount(r.deliveries)}
                {bar(r.deliveries, 'var(--chart-5)')}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <ShowAll
        rest={rest}
        expanded={all}
        onToggle={() => setAll(!all)}
        noun={`${header.toLowerCase()}s`}
      />
    </>
  );
}

export function hasAmqp(a: AmqpSummary): boolean {
  return (
    a.connections > 0 ||
    a.amqp10Connections > 0 ||
    a.messages > 0 ||
    Object.keys(a.methods).length > 0 ||
    Object.keys(a.frames).length > 0
  );
}

export function AmqpPanel({ amqp }: { amqp: AmqpSummary }) {
  const replies = replyKeyCount(amqp.publishesByRoutingKey, amqp.deliveriesByRoutingKey);
  const [group, setGroup] = useState(true);
  const grouped = group && replies > 1;
  const routing = keyRows(amqp.publishesByRoutingKey, amqp.deliveriesByRoutingKey, {
    groupReplies: grouped,
  });
  const exchanges = keyRows(amqp.publishesByExchange, amqp.deliveriesByExchange);
  const rpc = latencyRows(amqp.rpcLatency);
  const answered = sum(rpc.map((r) => r.count));
  const frames = sortedEntries(amqp.frames);
  return (
    <Panel
      id="traffic-amqp"
      title="AMQP"
      subtitle="RabbitMQ / oslo.messaging, AMQP 0-9-1 methods as tshark names them"
      actions={
        replies > 1 ? (
          <label className="flex items-center gap-1.5 text-[11px] text-muted">
            <input
              type="checkbox"
              checked={group}
              onChange={(e) => setGroup(e.target.checked)}
              className="h-3.5 w-3.5 accent-[var(--accent)]"
            />
            Group reply_… queues
          </label>
        ) : null
      }
    >
      <div className="space-y-5" data-testid="traffic-amqp">
        <MiniStats
          items={[
            {
              label: 'Connections',
              value: formatCount(amqp.connections),
              title: 'AMQP 0-9-1 connections whose protocol header was seen',
            },
            {
              label: 'Messages',
              value: formatCount(amqp.messages),
              title: 'Basic.Publish, Basic.Deliver, Basic.Get-Ok, Basic.Return',
            },
            {
              label: 'Body bytes',
              value: formatBytes(amqp.bodyBytes),
              title: `${formatCount(amqp.bodyBytes)} bytes in content headers' body sizes`,
            },
            { label: 'RPC answered', value: formatCount(answered) },
            {
              label: 'RPC unanswered',
              value: formatCount(amqp.rpcUnanswered),
              tone: amqp.rpcUnanswered > 0 ? 'warn' : undefined,
              title: 'Requests whose reply was not in the capture',
            },
            ...(frames.length
              ? [
                  {
                    label: 'Frames',
                    wide: true,
                    value: frames.map(([k, v]) => `${formatCount(v)} ${k}`).join(' · '),
                  },
                ]
              : []),
          ]}
        />
        {(amqp.amqp10Connections > 0 || amqp.undecodedBytes > 0) && (
          <div className="flex flex-wrap gap-2">
            {amqp.amqp10Connections > 0 && (
              <Badge tone="accent" title="AMQP 1.0 connections are counted, not decoded">
                {formatCount(amqp.amqp10Connections)} AMQP 1.0 connection
                {amqp.amqp10Connections === 1 ? '' : 's'} (counted, not decoded)
              </Badge>
            )}
            {amqp.undecodedBytes > 0 && (
              <Badge
                tone="warn"
                title="Skipped while re-synchronising: capture started mid-connection, or lost segments"
              >
                {formatBytes(amqp.undecodedBytes)} skipped while re-synchronising
              </Badge>
            )}
          </div>
        )}
        <div className="grid gap-6 lg:grid-cols-2">
          <section className="min-w-0">
            <SubHeading aside={`${formatCount(sum(Object.values(amqp.methods)))} methods`}>
              Methods
            </SubHeading>
            <CountList
              counts={amqp.methods}
              color="var(--chart-1)"
              ariaLabel="AMQP methods"
              empty="No AMQP method decoded."
              top={12}
              noun="methods"
            />
          </section>
          <section className="min-w-0 space-y-5">
            <div>
              <SubHeading aside={`${formatCount(routing.length)} ${grouped ? 'rows' : 'keys'}`}>
                Routing keys
              </SubHeading>
              {routing.length ? (
                <KeyTable
                  rows={routing}
                  header="Routing key"
                  testId="amqp-routing-keys"
                  emptyName='""'
                />
              ) : (
                <Nothing>No Basic.Publish or Basic.Deliver.</Nothing>
              )}
            </div>
            <div>
              <SubHeading>Exchanges</SubHeading>
              {exchanges.length ? (
                <KeyTable
                  rows={exchanges}
                  header="Exchange"
                  testId="amqp-exchanges"
                  emptyName="(default)"
                />
              ) : (
                <Nothing>No Basic.Publish or Basic.Deliver.</Nothing>
              )}
            </div>
          </section>
        </div>
        <section>
          <SubHeading aside="Basic.Publish of a request → Basic.Deliver of its reply">
            RPC latency per routing key
          </SubHeading>
          {rpc.length ? (
            <LatencyTable rows={rpc} nameHeader="Routing key" testId="amqp-rpc-latency" />
          ) : (
            <Nothing>
              No RPC request matched with its reply (reply_to + correlation_id, or oslo.messaging’s
              _msg_id).
            </Nothing>
          )}
        </section>
      </div>
    </Panel>
  );
}

export function hasMysql(m: MysqlSummary): boolean {
  return m.connections > 0 || Object.keys(m.commands).length > 0 || m.ok + m.err > 0;
}

export function MysqlPanel({ mysql }: { mysql: MysqlSummary }) {
  const byCommand = latencyRows(mysql.latencyByCommand);
  const overall = mysql.latency ?? EMPTY_LATENCY;
  const latency = [
    ...(overall.count > 0 && byCommand.length !== 1 ? [{ name: 'all commands', ...overall }] : []),
    ...byCommand,
  ];
  return (
    <Panel
      id="traffic-mysql"
      title="MySQL / MariaDB"
      subtitle="Commands by type, COM_QUERY by verb and table, first response packet OK / ERR"
    >
      <div className="space-y-5" data-testid="traffic-mysql">
        <MiniStats
          items={[
            {
              label: 'Connections',
              value: formatCount(mysql.connections),
              title: 'Connections whose server greeting was seen',
            },
            { label: 'Commands', value: formatCount(sum(Object.values(mysql.commands))) },
            {
              label: 'OK',
              value: formatCount(mysql.ok),
              tone: 'good',
              title: 'First response packet of a command (and of the authentication)',
            },
            {
              label: 'ERR',
              value: formatCount(mysql.err),
              tone: mysql.err > 0 ? 'bad' : undefined,
              title: 'First response packet of a command (and of the authentication)',
            },
            ...(mysql.undecodedBytes > 0
              ? [
                  {
                    label: 'Resync skipped',
                    value: formatBytes(mysql.undecodedBytes),
                    tone: 'warn' as const,
                  },
                ]
              : []),
            {
              label: 'Server',
              wide: true,
              value: mysql.serverVersion ? (
                <span className="font-mono text-[13px] font-medium break-all">
                  {mysql.serverVersion}
                </span>
              ) : (
                <span className="text-[13px] font-normal text-faint italic">unknown</span>
              ),
              title: mysql.serverVersion
                ? 'From the server greeting (Initial Handshake)'
                : 'No server greeting in the capture (connections started before it)',
            },
          ]}
        />
        <div className="grid gap-6 sm:grid-cols-2">
          <section className="min-w-0">
            <SubHeading>Commands</SubHeading>
            <CountList
              counts={mysql.commands}
              color="var(--chart-2)"
              ariaLabel="MySQL commands"
              empty="No command decoded."
              noun="commands"
            />
          </section>
          <section className="min-w-0">
            <SubHeading aside="COM_QUERY by first keyword">Queries by verb</SubHeading>
            <CountList
              counts={mysql.queriesByVerb}
              color="var(--chart-2)"
              ariaLabel="Queries by verb"
              empty="No COM_QUERY."
              noun="verbs"
            />
          </section>
        </div>
        <section className="min-w-0">
          <SubHeading aside="best effort: FROM, JOIN, INTO, UPDATE, TABLE">
            Queries by table
          </SubHeading>
          <CountList
            counts={mysql.queriesByTable}
            color="var(--chart-2)"
            ariaLabel="Queries by table"
            empty="No table named in the queries."
            noun="tables"
          />
        </section>
        <section>
          <SubHeading aside="command → first response packet">Query latency</SubHeading>
          {latency.length ? (
            <LatencyTable rows={latency} nameHeader="Command" testId="mysql-latency" />
          ) : (
            <Nothing>No command matched with its response.</Nothing>
          )}
        </section>
      </div>
    </Panel>
  );
}

export function hasRedis(r: RedisSummary): boolean {
  return r.connections > 0 || Object.keys(r.commands).length > 0;
}

export function RedisPanel({ redis }: { redis: RedisSummary }) {
  const errors = sum(Object.values(redis.errors));
  return (
    <Panel
      id="traffic-redis"
      title="Redis"
      subtitle="RESP commands; replies matched in order (pipelining included)"
    >
      <div className="space-y-5" data-testid="traffic-redis">
        <MiniStats
          items={[
            { label: 'Connections', value: formatCount(redis.connections) },
            { label: 'Commands', value: formatCount(sum(Object.values(redis.commands))) },
            { label: 'Errors', value: formatCount(errors), tone: errors > 0 ? 'bad' : undefined },
            ...(redis.undecodedBytes > 0
              ? [
                  {
                    label: 'Resync skipped',
                    value: formatBytes(redis.undecodedBytes),
                    tone: 'warn' as const,
                  },
                ]
              : []),
          ]}
        />
        <div className="grid gap-6 sm:grid-cols-2">
          <section className="min-w-0">
            <SubHeading>Commands</SubHeading>
            <CountList
              counts={redis.commands}
              color="var(--chart-3)"
              ariaLabel="Redis commands"
              empty="No command decoded."
              noun="commands"
            />
          </section>
          <section className="min-w-0">
            <SubHeading aside="by first word">Error replies</SubHeading>
            <CountList
              counts={redis.errors}
              color="var(--chart-6)"
              ariaLabel="Redis errors"
              empty="No error reply."
              noun="errors"
            />
          </section>
        </div>
        <section>
          <SubHeading aside="command → its reply">Latency</SubHeading>
          {redis.latency.count > 0 ? (
            <LatencyTable
              rows={[{ name: 'all commands', ...redis.latency }]}
              nameHeader="Commands"
              testId="redis-latency"
            />
          ) : (
            <Nothing>No command matched with its reply.</Nothing>
          )}
        </section>
      </div>
    </Panel>
  );
}
