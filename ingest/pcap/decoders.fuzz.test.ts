// Property-based fuzzing of the application decoders (issue 7): the AMQP 0-9-1, MySQL and Redis
// byte streams of real captures are mutated at the protocol level (frame boundaries, AMQP frame
// and body sizes, MySQL packet lengths, Redis bulk and aggregate lengths such as $999999999),
// cut into the original segment sizes again, with a lost, repeated or reordered segment or a
// mid-connection start, and parsed as a capture. Each case must give a sound summary
// (test/fuzz/capture.ts) within the harness bounds.
import fc from 'fast-check';
import { afterAll, describe, expect, test } from 'vitest';
import { checkCapture } from '@/test/fuzz/capture';
import { fixture, fuzzParams, fuzzTimeout, reportStats } from '@/test/fuzz/harness';
import {
  applyAll,
  ascii,
  describeMutations,
  type FormatModel,
  mutationsArb,
} from '@/test/fuzz/mutations';
import {
  amqpModel,
  type Conversation,
  mysqlModel,
  rebuildCapture,
  redisModel,
  streams,
  tcpConversations,
} from '@/test/fuzz/tcp';
import { amqpFrame, concat } from './testHelpers';

afterAll(reportStats);

interface Source {
  conv: Conversation;
  client: Uint8Array;
  server: Uint8Array;
  models: { client: FormatModel; server: FormatModel };
  label: string;
}

function sources(files: string[], port: number, model: (s: Uint8Array) => FormatModel): Source[] {
  const out: Source[] = [];
  for (const f of files) {
    const convs = tcpConversations(fixture(f), port);
    // The busiest conversations (a capture may hold dozens of short ones).
    for (const [i, conv] of [...convs.entries()]
      .sort((a, b) => b[1].segments.length - a[1].segments.length)
      .slice(0, 4)) {
      const { client, server } = streams(conv);
      out.push({
        conv,
        client,
        server,
        models: { client: model(client), server: model(server) },
        label: `${f}#${i}`,
      });
    }
  }
  return out;
}

const PROTOCOLS = [
  [
    'AMQP 0-9-1',
    sources(
      [
        'pcap/captured/amqp-pika.pcap',
        'pcap/captured/amqp-oslo.pcap',
        'pcap/captured/amqp-large.pcap',
      ],
      5672,
      amqpModel,
    ),
  ],
  [
    'MySQL',
    sources(['pcap/captured/mysql.pcap', 'pcap/public/zeek_mysql_3306.pcap'], 3306, mysqlModel),
  ],
  ['Redis', sources(['pcap/captured/redis.pcap'], 6379, redisModel)],
] as const;

const damageArb = fc.record(
  {
    drop: fc.nat(),
    repeat: fc.nat(),
    swap: fc.nat(),
    startAt: fc.nat(),
  },
  { requiredKeys: [] },
);

describe('application decoders under stream mutation', () => {
  test.each(PROTOCOLS)(
    '%s: mutated streams give a sound summary',
    async (_name, list) => {
      expect(list.length).toBeGreaterThan(0);
      const arb = fc.constantFrom(...list).chain((src) =>
        fc.record({
          src: fc.constant(src),
          client: fc.oneof(fc.constant([]), mutationsArb(src.client, src.models.client)),
          server: fc.oneof(fc.constant([]), mutationsArb(src.server, src.models.server)),
          damage: damageArb,
          chunk: fc.constantFrom(1 << 20, 1500, 97),
        }),
      );
      await fc.assert(
        fc.asyncProperty(arb, async ({ src, client, server, damage, chunk }) => {
          const bytes = rebuildCapture(
            src.conv,
            applyAll(src.client, client),
            applyAll(src.server, server),
            damage,
          );
          const label = `decoder: ${src.label} client[${describeMutations(client)}] server[${describeMutations(server)}] ${JSON.stringify(damage)}`;
          await checkCapture(bytes, chunk, label);
        }),
        fuzzParams(30, 0.5),
      );
    },
    fuzzTimeout(90_000),
  );
});

describe('names from the wire are counted as such', () => {
  // Counters are records keyed by routing keys, table names, error words: a name that is also an
  // Object.prototype property must still be counted as a number.
  const names = [
    'constructor',
    '__proto__',
    'toString',
    'hasOwnProperty',
    'valueOf',
    'isPrototypeOf',
  ];
  const enc = new TextEncoder();
  const shortstr = (s: string) => concat([new Uint8Array([s.length]), enc.encode(s)]);
  test(
    'AMQP routing keys and exchanges, MySQL tables, Redis error words',
    async () => {
      const amqp = sources(['pcap/captured/amqp-pika.pcap'], 5672, amqpModel)[0] as Source;
      const mysql = sources(['pcap/captured/mysql.pcap'], 3306, mysqlModel)[0] as Source;
      const redis = sources(['pcap/captured/redis.pcap'], 6379, redisModel)[0] as Source;
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(...names),
          fc.integer({ min: 1, max: 3 }),
          async (name, times) => {
            const publish = amqpFrame(
              1,
              1,
              concat([
                new Uint8Array([0, 60, 0, 40, 0, 0]),
                shortstr(name),
                shortstr(name),
                new Uint8Array([0]),
              ]),
            );
            const sql = ascii(`\u0003SELECT * FROM ${name} JOIN ${name}`);
            const query = concat([new Uint8Array([sql.length, 0, 0, 0]), sql]);
            const error = ascii(`-${name} oops\r\n`);
            const cases = [
              rebuildCapture(
                amqp.conv,
                concat([
                  amqp.client.subarray(0, 8),
                  ...new Array(times).fill(publish),
                  amqp.client.subarray(8),
                ]),
                amqp.server,
              ),
              rebuildCapture(
                mysql.conv,
                concat([...new Array(times).fill(query), mysql.client]),
                mysql.server,
              ),
              rebuildCapture(
                redis.conv,
                redis.client,
                concat([...new Array(times).fill(error), redis.server]),
              ),
            ];
            for (const [i, bytes] of cases.entries()) {
              const out = await checkCapture(
                bytes,
                1 << 20,
                `decoder-names: ${name} x${times} case ${i}`,
              );
              expect(out.ok).toBe(true);
            }
          },
        ),
        fuzzParams(6, 0.01),
      );
    },
    fuzzTimeout(60_000),
  );
});

describe('regressions (docs/FUZZING.md)', () => {
  test('a routing key named constructor or __proto__ is counted, the record keeps its prototype', async () => {
    const amqp = sources(['pcap/captured/amqp-pika.pcap'], 5672, amqpModel)[0] as Source;
    const enc = new TextEncoder();
    const shortstr = (s: string) => concat([new Uint8Array([s.length]), enc.encode(s)]);
    const publish = (key: string) =>
      amqpFrame(
        1,
        1,
        concat([
          new Uint8Array([0, 60, 0, 40, 0, 0]),
          shortstr('ex'),
          shortstr(key),
          new Uint8Array([0]),
        ]),
      );
    const client = concat([
      amqp.client.subarray(0, 8),
      publish('constructor'),
      publish('__proto__'),
      publish('__proto__'),
      amqp.client.subarray(8),
    ]);
    const out = await checkCapture(
      rebuildCapture(amqp.conv, client, amqp.server),
      1 << 20,
      'regression: names',
    );
    expect(out.ok).toBe(true);
    if (!out.ok) return;
    const keys = out.value.amqp.publishesByRoutingKey;
    expect(Object.getPrototypeOf(keys)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(keys, 'constructor')?.value).toBe(1);
    expect(Object.getOwnPropertyDescriptor(keys, '__proto__')?.value).toBe(2);
    expect(JSON.parse(JSON.stringify(keys))).toMatchObject({ constructor: 1 });
  });
});
