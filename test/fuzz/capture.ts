// Parsing a capture in a fuzz case, and what its summary must satisfy whatever the input:
// storable (JSON), every counter a finite number (a counter keyed by a name from the wire must
// not collide with Object.prototype: `constructor` + 1 is a string), one series length.
import { bytesSource } from '@/ingest/core/source';
import { type CaptureSummary, parseCapture } from '@/ingest/pcap';
import { assertWellBehaved, chunkAllowanceBytes, chunkAllowanceMs, type Outcome } from './harness';

export const SITES = [
  { name: 'a', cidr: '10.0.0.0/8' },
  { name: 'b', cidr: '172.16.0.0/12' },
  { name: 'c', cidr: '192.168.0.0/16' },
];

export function checkSummary(s: CaptureSummary): void {
  JSON.stringify(s);
  const counters: [string, Record<string, unknown>][] = [
    ['linkTypes', s.linkTypes],
    ['amqp.frames', s.amqp.frames],
    ['amqp.methods', s.amqp.methods],
    ['amqp.publishesByRoutingKey', s.amqp.publishesByRoutingKey],
    ['amqp.publishesByExchange', s.amqp.publishesByExchange],
    ['amqp.deliveriesByRoutingKey', s.amqp.deliveriesByRoutingKey],
    ['amqp.deliveriesByExchange', s.amqp.deliveriesByExchange],
    ['mysql.commands', s.mysql.commands],
    ['mysql.queriesByVerb', s.mysql.queriesByVerb],
    ['mysql.queriesByTable', s.mysql.queriesByTable],
    ['redis.commands', s.redis.commands],
    ['redis.errors', s.redis.errors],
  ];
  for (const [name, rec] of counters) {
    if (Object.getPrototypeOf(rec) !== Object.prototype && Object.getPrototypeOf(rec) !== null) {
      throw new Error(`${name}: its prototype was replaced`);
    }
    for (const [k, v] of Object.entries(rec)) {
      if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) {
        throw new Error(`${name}[${JSON.stringify(k)}] is ${String(v).slice(0, 60)}, not a count`);
      }
    }
  }
  for (const n of [s.packets, s.bytes, s.undecoded, s.tcpGapBytes]) {
    if (!Number.isFinite(n) || n < 0) throw new Error(`a total is ${n}`);
  }
  const lengths = new Set<number>();
  for (const series of Object.values(s.series.services)) {
    for (const a of [series.bytes, series.frames, series.messages, series.queries]) {
      lengths.add(a.length);
      if (a.some((x) => typeof x !== 'number' || !Number.isFinite(x)))
        throw new Error('a series holds a value that is not a number');
    }
  }
  if (lengths.size > 1) throw new Error(`series of different lengths: ${[...lengths].join(', ')}`);
  if (s.series.start !== null && !Number.isFinite(s.series.start))
    throw new Error(`series start ${s.series.start}`);
}

export async function checkCapture(
  bytes: Uint8Array,
  chunk: number,
  label: string,
): Promise<Outcome<CaptureSummary>> {
  return assertWellBehaved(
    async () => {
      const r = await parseCapture(bytesSource(bytes, chunk), { sites: SITES });
      checkSummary(r.value);
      JSON.stringify(r.warnings);
      return r.value;
    },
    {
      label,
      input: bytes,
      timeMs:
        2000 + (2000 * bytes.byteLength) / 2 ** 20 + chunkAllowanceMs(bytes.byteLength, chunk),
      heapBytes:
        256 * 2 ** 20 + 64 * bytes.byteLength + chunkAllowanceBytes(bytes.byteLength, chunk),
    },
  );
}
