// Unit tests of the pieces: SQL keywords and tables, RESP corner cases, AMQP 1.0, latency
// quantiles, addresses and sites.
import { describe, expect, test } from 'vitest';
import { bytesSource } from '../core/source';
import { IngestError } from '../core/errors';
import { parseCapture } from './index';
import { Latency } from './latency';
import { addressText, TCP_ACK, TCP_SYN } from './linktypes';
import { queryTables, queryVerb } from './mysql';
import { SiteMap } from './sites';
import { concat, pcapFile, type Rec, tcpFrame } from './testHelpers';

const enc = new TextEncoder();

describe('SQL', () => {
  test.each([
    ['select 1', 'SELECT'],
    ['  \n(SELECT a FROM t) UNION (SELECT b FROM u)', 'SELECT'],
    ['/* nova */ UPDATE instances SET x=1', 'UPDATE'],
    ['-- hi\nINSERT INTO t VALUES (1)', 'INSERT'],
    ['# c\nbegin', 'BEGIN'],
    ['', ''],
  ])('verb of %j is %s', (sql, verb) => expect(queryVerb(sql)).toBe(verb));

  test('tables', () => {
    expect(
      queryTables('SELECT * FROM `nova`.`instances` i JOIN compute_nodes c ON c.id = i.node'),
    ).toEqual(['nova.instances', 'compute_nodes']);
    expect(queryTables('INSERT INTO instances (a) SELECT a FROM instances')).toEqual(['instances']);
    expect(queryTables('CREATE TABLE IF NOT EXISTS foo (id int)')).toEqual(['foo']);
    expect(queryTables('SELECT 1 FROM DUAL')).toEqual([]);
  });
});

describe('latency', () => {
  test('exact quantiles follow Rally (k = (n-1)p, linear)', () => {
    const l = new Latency();
    for (const x of [1, 2, 3, 4, 10]) l.add(x);
    const s = l.summary();
    expect(s).toEqual({ count: 5, median: 3, p95: expect.any(Number), max: 10, mean: 4 });
    expect(s.p95).toBeCloseTo(8.8, 12);
  });

  test('beyond 10,000 samples: a 1 % histogram', () => {
    const l = new Latency();
    for (let i = 1; i <= 100_000; i++) l.add(i / 100_000);
    const s = l.summary();
    expect(s.count).toBe(100_000);
    expect(s.max).toBe(1);
    expect(Math.abs((s.median as number) - 0.5) / 0.5).toBeLessThan(0.01);
    expect(Math.abs((s.p95 as number) - 0.95) / 0.95).toBeLessThan(0.01);
  });
});

describe('addresses and sites', () => {
  test('RFC 5952 text', () => {
    expect(addressText(0x7f000101)).toBe('127.0.1.1');
    expect(addressText('20010db8000000000000000000000001')).toBe('2001:db8::1');
    expect(addressText('20010db8000000010000000000000000')).toBe('2001:db8:0:1::');
    expect(addressText('00000000000000000000000000000001')).toBe('::1');
    expect(addressText('20010db8000100010001000100010001')).toBe('2001:db8:1:1:1:1:1:1');
  });

  test('longest prefix wins, IPv4 and IPv6', () => {
    const m = new SiteMap([
      { name: 'lyon', cidr: '10.0.0.0/8' },
      { name: 'nantes', cidr: '10.2.0.0/16' },
      { name: 'rennes', cidr: '2001:db8:1::/48' },
    ]);
    expect(m.site(0x0a010203)).toBe('lyon');
    expect(m.site(0x0a020304)).toBe('nantes');
    expect(m.site(0x0b000001)).toBeNull();
    expect(m.site('20010db8000100000000000000000005')).toBe('rennes');
    expect(m.site('20010db8000200000000000000000005')).toBeNull();
  });

  test('a bad CIDR is an IngestError', () => {
    expect(() => new SiteMap([{ name: 'x', cidr: '10.0.0.0/33' }])).toThrow(IngestError);
    expect(() => new SiteMap([{ name: 'x', cidr: 'nope' }])).toThrow(/invalid CIDR/);
  });
});

/** A client→server exchange on one connection, one segment per message. */
function exchange(
  port: number,
  client: (Uint8Array | undefined)[],
  server: (Uint8Array | undefined)[],
): Uint8Array {
  const c = { src: '10.0.1.1', dst: '10.0.0.1', sport: 40000, dport: port };
  const s = { src: '10.0.0.1', dst: '10.0.1.1', sport: port, dport: 40000 };
  const recs: Rec[] = [
    { t: 1, data: tcpFrame({ ...c, seq: 0, flags: TCP_SYN }) },
    { t: 1, data: tcpFrame({ ...s, seq: 0, flags: TCP_SYN | TCP_ACK }) },
  ];
  let cs = 1;
  let ss = 1;
  const n = Math.max(client.length, server.length);
  for (let i = 0; i < n; i++) {
    const a = client[i];
    const b = server[i];
    if (a) {
      recs.push({ t: 2 + i, data: tcpFrame({ ...c, seq: cs, flags: TCP_ACK, payload: a }) });
      cs += a.byteLength;
    }
    if (b) {
      recs.push({ t: 2.5 + i, data: tcpFrame({ ...s, seq: ss, flags: TCP_ACK, payload: b }) });
      ss += b.byteLength;
    }
  }
  return pcapFile(recs);
}

describe('Redis corner cases', () => {
  test('inline commands, RESP3 replies, pipelining, big bulk values', async () => {
    const big = 'x'.repeat(60_000); // one TCP segment (an IPv4 packet holds < 64 KiB)
    const client = [
      enc.encode('PING\r\n'),
      enc.encode(
        `*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$${big.length}\r\n${big}\r\n*2\r\n$3\r\nGET\r\n$1\r\nk\r\n`,
      ),
      enc.encode('*1\r\n$5\r\nHELLO\r\n'),
      enc.encode('*2\r\n$4\r\nincr\r\n$1\r\nk\r\n'),
    ];
    const server = [
      enc.encode('+PONG\r\n'),
      enc.encode(`+OK\r\n$${big.length}\r\n${big}\r\n`),
      enc.encode('%2\r\n$6\r\nserver\r\n$5\r\nredis\r\n+proto\r\n:3\r\n'),
      enc.encode('-ERR value is not an integer or out of range\r\n'),
    ];
    const { value } = await parseCapture(bytesSource(exchange(6379, client, server)), {});
    expect(value.redis.commands).toEqual({ PING: 1, SET: 1, GET: 1, HELLO: 1, INCR: 1 });
    expect(value.redis.errors).toEqual({ ERR: 1 });
    expect(value.redis.latency.count).toBe(5);
    expect(value.redis.undecodedBytes).toBe(0);
  });

  test('a RESP3 attribute before a reply and a push are not replies', async () => {
    const client = [
      enc.encode('*2\r\n$3\r\nGET\r\n$1\r\nk\r\n'),
      enc.encode('*1\r\n$4\r\nPING\r\n'),
    ];
    const server = [
      enc.encode('|1\r\n+ttl\r\n:3600\r\n$1\r\nv\r\n>2\r\n+message\r\n+hi\r\n'),
      enc.encode('+PONG\r\n'),
    ];
    const { value } = await parseCapture(bytesSource(exchange(6379, client, server)), {});
    expect(value.redis.commands).toEqual({ GET: 1, PING: 1 });
    expect(value.redis.latency.count).toBe(2);
    expect(value.redis.latency.max).toBe(0.5);
  });

  test('the same cut into 7-byte segments', async () => {
    const msg = enc.encode('*2\r\n$3\r\nGET\r\n$5\r\nhello\r\n'.repeat(10));
    const reply = enc.encode('$5\r\nworld\r\n'.repeat(10));
    const cut = (b: Uint8Array) =>
      Array.from({ length: Math.ceil(b.byteLength / 7) }, (_, i) => b.slice(i * 7, i * 7 + 7));
    // All the requests first (pipelined), then the replies.
    const requests = cut(msg);
    const replies = [...requests.map(() => undefined), ...cut(reply)];
    const { value } = await parseCapture(bytesSource(exchange(6379, requests, replies)), {});
    expect(value.redis.commands).toEqual({ GET: 10 });
    expect(value.redis.latency.count).toBe(10);
  });
});

describe('AMQP protocol headers', () => {
  test('AMQP 1.0 and SASL headers are counted, not decoded', async () => {
    const amqp10 = exchange(
      5672,
      [enc.encode('AMQP\x00\x01\x00\x00'), new Uint8Array(40)],
      [enc.encode('AMQP\x00\x01\x00\x00')],
    );
    const sasl = exchange(5672, [enc.encode('AMQP\x03\x01\x00\x00')], []);
    expect((await parseCapture(bytesSource(amqp10), {})).value.amqp).toEqual(
      expect.objectContaining({ amqp10Connections: 1, connections: 0, methods: {} }),
    );
    expect((await parseCapture(bytesSource(sasl), {})).value.amqp.amqp10Connections).toBe(1);
  });

  test('a configurable port map decodes AMQP on another port', async () => {
    const file = exchange(5673, [concat([enc.encode('AMQP\x00\x00\x09\x01')])], []);
    const plain = await parseCapture(bytesSource(file), {});
    expect(plain.value.services[0]?.service).toBe('tcp/5673');
    expect(plain.value.amqp.connections).toBe(0);
    const mapped = await parseCapture(bytesSource(file), { ports: { 5673: 'amqp' } });
    expect(mapped.value.services[0]?.service).toBe('amqp');
    expect(mapped.value.amqp.connections).toBe(1);
  });
});

describe('progress', () => {
  test('onProgress reports the bytes read, up to the file size', async () => {
    const file = exchange(6379, [enc.encode('PING\r\n')], [enc.encode('+PONG\r\n')]);
    const seen: number[] = [];
    await parseCapture(bytesSource(file, 50), { onProgress: (n) => seen.push(n) });
    expect(seen.at(-1)).toBe(file.byteLength);
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
  });
});
