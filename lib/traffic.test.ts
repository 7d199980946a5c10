import { describe, expect, test } from 'vitest';
import type { CaptureConversation, SiteMatrixCell } from '@/ingest/pcap';
import type { Capture } from './apiTypes';
import {
  binWidth,
  byteUnit,
  captureDuration,
  captureTotals,
  colorScale,
  compactCount,
  countUnit,
  formatByteRate,
  formatCountRate,
  formatLatency,
  keyRows,
  latencyRows,
  naturalCompare,
  normalizeCapture,
  orderSites,
  pivotMatrix,
  REPLY_GROUP,
  replyKeyCount,
  serviceColorSlots,
  serviceSeries,
  sortConversations,
  sortedEntries,
  sortServices,
  topN,
  topPairs,
  UNMAPPED,
} from './traffic';

// Numbers below come from fixtures/pcap/captured/mixed.pcapng ingested with
// --sites central=127.0.0.0/24,site1=127.0.1.0/24,…,site5=127.0.5.0/24 (edgeperf export).
const MIXED_ROUTING_KEYS = {
  conductor: 16,
  reply_4dabf9a119b24f9c8d985934cfbc933b: 6,
  scheduler: 8,
  reply_a1fa3e0ccd994fff92ae1398d76956c1: 6,
  reply_795c9bc9367e47c3b415813f586534ea: 6,
  reply_085b8e5da6704219aa2dacb608222c24: 6,
  'compute.compute-2': 4,
  'compute.compute-4': 4,
};

const cell = (
  src: string | null,
  dst: string | null,
  service: string,
  bytes: number,
  frames = 1,
  messages = 0,
): SiteMatrixCell => ({ src, dst, service, bytes, frames, messages });

function capture(extra: Record<string, unknown> = {}): Capture {
  return {
    id: 'cap_1',
    file: 'mixed.pcapng',
    packets: 1687,
    bytes: 206273,
    firstTime: 1795536619.1217372,
    lastTime: 1795536643.1862252,
    undecoded: 0,
    ...extra,
  };
}

describe('normalizeCapture', () => {
  test('a capture without its summary sections renders as empty sections', () => {
    const c = normalizeCapture(capture());
    expect(c.packets).toBe(1687);
    expect(c.bytes).toBe(206273);
    expect(c.conversations).toEqual([]);
    expect(c.services).toEqual([]);
    expect(c.siteMatrix).toEqual([]);
    expect(c.series).toEqual({ start: null, step: 1, services: {} });
    expect(c.amqp.methods).toEqual({});
    expect(c.amqp.rpcLatency).toEqual({});
    expect(c.mysql.serverVersion).toBeNull();
    expect(c.mysql.latency.count).toBe(0);
    expect(c.redis.errors).toEqual({});
    expect(c.linkTypes).toEqual({});
    expect(c.tcpGapBytes).toBe(0);
  });

  test('keeps valid values and drops odd ones', () => {
    const c = normalizeCapture(
      capture({
        amqp: { methods: { 'Basic.Publish': 56, bogus: 'x' }, publishesByExchange: { '': 24 } },
        mysql: { serverVersion: '5.5.5-10.11.19-MariaDB-0+deb12u1', ok: 96, err: 4 },
        siteMatrix: [cell(null, 'central', 'amqp', 10), 'nonsense', null],
        services: [{ service: 'amqp', port: 5672, frames: 876, bytes: 126472 }, { port: 1 }],
        conversations: [{ a: '127.0.5.1', aPort: 37045, b: '127.0.0.1', bPort: 5672 }],
        series: { start: 1795536619, services: { amqp: { bytes: [1, 'x', 3] } } },
      }),
    );
    expect(c.amqp.methods).toEqual({ 'Basic.Publish': 56 });
    expect(c.amqp.publishesByExchange).toEqual({ '': 24 });
    expect(c.mysql.serverVersion).toBe('5.5.5-10.11.19-MariaDB-0+deb12u1');
    expect(c.mysql.ok).toBe(96);
    expect(c.siteMatrix).toHaveLength(1);
    expect(c.services).toHaveLength(1);
    expect(c.services[0]!.messages).toBe(0);
    expect(c.conversations[0]).toMatchObject({ proto: 'tcp', stream: 0, aSite: null });
    expect(c.series.services.amqp!.bytes).toEqual([1, 0, 3]);
    expect(c.series.services.amqp!.messages).toEqual([]);
  });

  test('duration and totals over several captures', () => {
    const a = normalizeCapture(capture());
    const b = normalizeCapture(
      capture({
        id: 'cap_2',
        packets: 13,
        bytes: 1000,
        undecoded: 2,
        firstTime: 1795536600,
        lastTime: 1795536601,
      }),
    );
    expect(captureDuration(a)).toBeCloseTo(24.0645, 4);
    expect(captureDuration({ firstTime: null, lastTime: null })).toBeNull();
    expect(captureTotals([a, b])).toEqual({
      captures: 2,
      packets: 1700,
      bytes: 207273,
      undecoded: 2,
      tcpGapBytes: 0,
      firstTime: 1795536600,
      lastTime: 1795536643.1862252,
    });
  });
});

describe('ordering and top-N', () => {
  test('natural order and sorted entries', () => {
    expect(['site10', 'site2', 'central'].sort(naturalCompare)).toEqual([
      'central',
      'site2',
      'site10',
    ]);
    expect(sortedEntries({ GET: 52, SET: 32, HSET: 32, DEL: 4 })).toEqual([
      ['GET', 52],
      ['HSET', 32],
      ['SET', 32],
      ['DEL', 4],
    ]);
  });

  test('topN keeps the first n and counts the rest', () => {
    expect(topN([1, 2, 3], 2)).toEqual({ shown: [1, 2], rest: 1 });
    expect(topN([1, 2, 3], null)).toEqual({ shown: [1, 2, 3], rest: 0 });
    expect(topN([1], 50)).toEqual({ shown: [1], rest: 0 });
  });

  test('routing keys: publishes and deliveries side by side, reply queues folded on demand', () => {
    const flat = keyRows(MIXED_ROUTING_KEYS, MIXED_ROUTING_KEYS);
    expect(flat).toHaveLength(8);
    expect(flat[0]).toEqual({ key: 'conductor', publishes: 16, deliveries: 16, keys: 1 });
    expect(replyKeyCount(MIXED_ROUTING_KEYS)).toBe(4);
    const grouped = keyRows(MIXED_ROUTING_KEYS, MIXED_ROUTING_KEYS, { groupReplies: true });
    expect(grouped.map((r) => r.key)).toEqual([
      REPLY_GROUP,
      'conductor',
      'scheduler',
      'compute.compute-2',
      'compute.compute-4',
    ]);
    expect(grouped[0]).toEqual({ key: REPLY_GROUP, publishes: 24, deliveries: 24, keys: 4 });
    // A key only delivered still gets a row; the default exchange stays "".
    expect(keyRows({ nova: 32 }, { nova: 32, '': 24 })).toEqual([
      { key: 'nova', publishes: 32, deliveries: 32, keys: 1 },
      { key: '', publishes: 0, deliveries: 24, keys: 1 },
    ]);
  });

  test('latency rows, most samples first', () => {
    const rows = latencyRows({
      scheduler: { count: 8, median: 0.00116, p95: 0.003, max: 0.0038, mean: 0.002 },
      conductor: { count: 16, median: 0.00282, p95: 0.066, max: 0.098, mean: 0.01 },
    });
    expect(rows.map((r) => r.name)).toEqual(['conductor', 'scheduler']);
    expect(rows[0]!.count).toBe(16);
  });

  test('services sorted by a metric; colour slots stable for well-known services', () => {
    const s = [
      {
        service: 'amqp',
        proto: 'tcp' as const,
        port: 5672,
        frames: 876,
        bytes: 126472,
        conversations: 16,
        messages: 112,
      },
      {
        service: 'redis',
        proto: 'tcp' as const,
        port: 6379,
        frames: 473,
        bytes: 43073,
        conversations: 4,
        messages: 204,
      },
      {
        service: 'mysql',
        proto: 'tcp' as const,
        port: 3306,
        frames: 338,
        bytes: 36728,
        conversations: 4,
        messages: 132,
      },
    ];
    expect(sortServices(s, 'bytes').map((x) => x.service)).toEqual(['amqp', 'redis', 'mysql']);
    expect(sortServices(s, 'messages').map((x) => x.service)).toEqual(['redis', 'mysql', 'amqp']);
    const slots = serviceColorSlots(['redis', 'tcp/8080', 'amqp', 'mysql', 'tcp/9000']);
    expect(slots.get('amqp')).toBe(0);
    expect(slots.get('mysql')).toBe(1);
    expect(slots.get('redis')).toBe(2);
    expect(slots.get('tcp/8080')).toBe(3);
    expect(slots.get('tcp/9000')).toBe(4);
  });
});

describe('site matrix', () => {
  // As mixed.pcap ingested with only site1..site3 mapped: central (127.0.0.1) is unmapped.
  const cells = [
    cell(null, 'site1', 'amqp', 22884, 136, 24),
    cell('site1', null, 'amqp', 20660, 134, 24),
    cell('site2', null, 'redis', 6763, 69, 51),
    cell(null, null, 'mysql', 5156, 49, 33),
    cell('site1', 'site1', 'redis', 100, 2, 1),
    cell('site1', 'site2', 'amqp', 50, 1, 0),
  ];

  test('sites in natural order with (unmapped) last; values by source row and destination column', () => {
    const m = pivotMatrix(cells, 'bytes', null);
    expect(m.sites).toEqual(['site1', 'site2', UNMAPPED]);
    expect(m.values).toEqual([
      [100, 50, 20660],
      [0, 0, 6763],
      [22884, 0, 5156],
    ]);
    expect(m.kinds).toEqual([
      ['local', 'wan', 'unmapped'],
      ['wan', 'local', 'unmapped'],
      ['unmapped', 'unmapped', 'unmapped'],
    ]);
    expect(m.rowTotals).toEqual([20810, 6763, 28040]);
    expect(m.colTotals).toEqual([22984, 50, 32579]);
    expect(m.total).toBe(55613);
    expect(m.max).toBe(22884);
    expect(m.local).toBe(100);
    expect(m.wan).toBe(50);
    expect(m.unmapped).toBe(55463);
    expect(m.services).toEqual(['amqp', 'redis', 'mysql']);
  });

  test('a service filter keeps the layout; messages are a metric of their own', () => {
    const m = pivotMatrix(cells, 'messages', 'redis');
    expect(m.sites).toEqual(['site1', 'site2', UNMAPPED]);
    expect(m.values).toEqual([
      [1, 0, 0],
      [0, 0, 51],
      [0, 0, 0],
    ]);
    expect(m.total).toBe(52);
    expect(m.services).toEqual(['amqp', 'redis', 'mysql']);
  });

  test('empty matrix', () => {
    const m = pivotMatrix([], 'bytes', null);
    expect(m.sites).toEqual([]);
    expect(m.total).toBe(0);
    expect(orderSites([UNMAPPED, 'site10', 'central', 'site9'])).toEqual([
      'central',
      'site9',
      'site10',
      UNMAPPED,
    ]);
  });

  test('largest pairs, split by service', () => {
    const p = topPairs([...cells, cell(null, 'site1', 'redis', 16)], 'bytes', null, 2);
    expect(p).toEqual([
      {
        src: UNMAPPED,
        dst: 'site1',
        kind: 'unmapped',
        value: 22900,
        services: [
          { service: 'amqp', value: 22884 },
          { service: 'redis', value: 16 },
        ],
      },
      {
        src: 'site1',
        dst: UNMAPPED,
        kind: 'unmapped',
        value: 20660,
        services: [{ service: 'amqp', value: 20660 }],
      },
    ]);
  });

  test('colour scale: linear when cells are alike, logarithmic when they span orders of magnitude', () => {
    const lin = colorScale([17097, 22884, 0, 19394]);
    expect(lin.kind).toBe('linear');
    expect(lin.t(0)).toBe(0);
    expect(lin.t(22884)).toBe(1);
    expect(lin.t(11442)).toBeCloseTo(0.5);
    expect(lin.value(0.5)).toBeCloseTo(11442);
    const log = colorScale([10, 100_000, 1000]);
    expect(log.kind).toBe('log');
    expect(log.t(10)).toBeCloseTo(0.08);
    expect(log.t(100_000)).toBe(1);
    expect(log.t(1000)).toBeCloseTo(0.08 + 0.92 / 2);
    expect(log.value(log.t(1000))).toBeCloseTo(1000);
    expect(colorScale([0, 0]).t(5)).toBe(0);
  });
});

describe('units and formats', () => {
  test('byte and count units for axes', () => {
    expect(byteUnit(999)).toEqual({ factor: 1, unit: 'B' });
    expect(byteUnit(85022)).toEqual({ factor: 1000, unit: 'kB' });
    expect(byteUnit(3.2e9)).toEqual({ factor: 1e9, unit: 'GB' });
    expect(countUnit(9999)).toEqual({ factor: 1, unit: '' });
    expect(countUnit(12000)).toEqual({ factor: 1000, unit: 'k' });
    expect(countUnit(2e7)).toEqual({ factor: 1e6, unit: 'M' });
  });

  test('compact counts', () => {
    expect(compactCount(0)).toBe('0');
    expect(compactCount(512)).toBe('512');
    expect(compactCount(22884)).toBe('22.9k');
    expect(compactCount(999_950)).toBe('1M');
    expect(compactCount(1_234_567)).toBe('1.23M');
  });

  test('latency with 3 significant digits in µs, ms or s', () => {
    expect(formatLatency(3.24249267578125e-5)).toBe('32.4 µs');
    expect(formatLatency(0.000133514404296875)).toBe('134 µs');
    expect(formatLatency(0.011469101905822749)).toBe('11.5 ms');
    expect(formatLatency(0.04201769828796387)).toBe('42 ms');
    expect(formatLatency(1.5)).toBe('1.5 s');
    expect(formatLatency(0)).toBe('0');
    expect(formatLatency(null)).toBe('n/a');
  });

  test('rates', () => {
    expect(formatByteRate(85022)).toBe('85 kB/s');
    expect(formatByteRate(12.345)).toBe('12.3 B/s');
    expect(formatByteRate(0)).toBe('0 B/s');
    expect(formatCountRate(104, 'messages')).toBe('104 messages/s');
    expect(formatCountRate(0.25, 'frames')).toBe('0.25 frames/s');
    expect(formatCountRate(12345.6, 'frames')).toBe('12,346 frames/s');
  });
});

describe('time series', () => {
  test('bin width keeps long captures under the point budget', () => {
    expect(binWidth(25, 1200)).toBe(1);
    expect(binWidth(1200, 1200)).toBe(1);
    expect(binWidth(1201, 1200)).toBe(2);
    expect(binWidth(48 * 3600, 1200)).toBe(300);
  });

  test('per-second points; all-zero services left out; largest first', () => {
    const s = serviceSeries(
      {
        start: 1795536619,
        step: 1,
        services: {
          mysql: {
            bytes: [0, 0, 35872, 856],
            frames: [0, 0, 327, 11],
            messages: [0, 0, 128, 4],
            queries: [0, 0, 128, 4],
          },
          amqp: {
            bytes: [26256, 0, 0, 85022],
            frames: [240, 0, 0, 479],
            messages: [0, 0, 0, 104],
            queries: [0, 0, 0, 0],
          },
          other: {
            bytes: [0, 0, 0, 0],
            frames: [0, 0, 0, 0],
            messages: [0, 0, 0, 0],
            queries: [0, 0, 0, 0],
          },
        },
      },
      'bytes',
    );
    expect(s.services).toEqual(['amqp', 'mysql']);
    expect(s.binSeconds).toBe(1);
    expect(s.points).toHaveLength(4);
    expect(s.points[3]).toEqual({ t: 3, values: { amqp: 85022, mysql: 856 } });
    expect(s.maxStacked).toBe(85878);
    expect(s.maxValue).toBe(85022);
    const q = serviceSeries(
      {
        start: 0,
        step: 1,
        services: { amqp: { bytes: [1], frames: [1], messages: [0], queries: [0] } },
      },
      'queries',
    );
    expect(q.services).toEqual([]);
  });

  test('rebinned series are mean rates per second', () => {
    const bytes = Array.from({ length: 2500 }, (_, i) => (i < 3 ? 10 : 0));
    const s = serviceSeries(
      {
        start: 0,
        step: 1,
        services: { redis: { bytes, frames: bytes, messages: bytes, queries: bytes } },
      },
      'bytes',
      1200,
    );
    expect(s.binSeconds).toBe(5);
    expect(s.points).toHaveLength(500);
    expect(s.points[0]).toEqual({ t: 0, values: { redis: 6 } });
    expect(s.points[1]).toEqual({ t: 5, values: { redis: 0 } });
  });
});

describe('conversations', () => {
  const conv = (
    stream: number,
    a: string,
    bytesAtoB: number,
    bytesBtoA: number,
  ): CaptureConversation => ({
    proto: 'tcp',
    stream,
    a,
    aPort: 40000 + stream,
    b: '127.0.0.1',
    bPort: 5672,
    framesAtoB: 1,
    bytesAtoB,
    framesBtoA: 1,
    bytesBtoA,
    firstTime: 100 + stream,
    lastTime: 200 - stream,
    service: 'amqp',
    serverPort: 5672,
    aSite: null,
    bSite: 'central',
  });
  const rows = [
    conv(0, '127.0.0.10', 2805, 2450),
    conv(1, '127.0.0.9', 4207, 11129),
    conv(2, '127.0.1.1', 100, 5155),
  ];

  test('by total bytes, by address (numerically), by time', () => {
    expect(sortConversations(rows, 'bytes', 'desc').map((c) => c.stream)).toEqual([1, 0, 2]);
    expect(sortConversations(rows, 'bytes', 'asc').map((c) => c.stream)).toEqual([0, 2, 1]);
    expect(sortConversations(rows, 'a', 'asc').map((c) => c.a)).toEqual([
      '127.0.0.9',
      '127.0.0.10',
      '127.0.1.1',
    ]);
    expect(sortConversations(rows, 'lastTime', 'asc').map((c) => c.stream)).toEqual([2, 1, 0]);
    // Ties keep the stream order.
    expect(sortConversations(rows, 'service', 'desc').map((c) => c.stream)).toEqual([0, 1, 2]);
  });
});
