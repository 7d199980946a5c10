// Hostile and damaged inputs: exact error classes and warnings, never a crash, a hang or a
// huge allocation (STYLE.md section 5.4).
// biome-ignore lint/style/noRestrictedImports: tests read fixture files; the parser never does
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { CouldNotDetermineFormatError, IngestError } from '../core/errors';
import { bytesSource, iterableSource } from '../core/source';
import { PcapContentError } from './errors';
import { detectCapture, parseCapture } from './index';
import { TCP_ACK, TCP_FIN, TCP_SYN } from './linktypes';
import {
  amqpPublish,
  AMQP_HEADER,
  concat,
  pcapFile,
  pcapRecords,
  type Rec,
  tcpFrame,
} from './testHelpers';

const DIR = new URL('../../fixtures/pcap/captured/', import.meta.url);
const read = (name: string) => new Uint8Array(readFileSync(new URL(name, DIR)));
const parse = (bytes: Uint8Array, chunk?: number) => parseCapture(bytesSource(bytes, chunk), {});

describe('detection', () => {
  test('magic numbers', () => {
    expect(detectCapture(new Uint8Array([0xd4, 0xc3, 0xb2, 0xa1]))).toBe('pcap');
    expect(detectCapture(new Uint8Array([0xa1, 0xb2, 0xc3, 0xd4]))).toBe('pcap');
    expect(detectCapture(new Uint8Array([0x4d, 0x3c, 0xb2, 0xa1]))).toBe('pcap');
    expect(detectCapture(new Uint8Array([0xa1, 0xb2, 0x3c, 0x4d]))).toBe('pcap');
    expect(detectCapture(new Uint8Array([0x0a, 0x0d, 0x0d, 0x0a]))).toBe('pcapng');
    expect(detectCapture(new Uint8Array([0x1f, 0x8b, 8, 0]))).toBe('gzip');
    expect(detectCapture(new TextEncoder().encode('{"tasks": []}'))).toBeNull();
    expect(detectCapture(new Uint8Array([0xd4, 0xc3]))).toBeNull();
  });
});

describe('unrecognised and empty input', () => {
  test('zero-length input: IngestError EMPTY', async () => {
    const err = await parse(new Uint8Array(0)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(IngestError);
    expect((err as IngestError).code).toBe('EMPTY');
  });

  test('wrong magic: CouldNotDetermineFormatError', async () => {
    const err = await parse(new TextEncoder().encode('this is not a capture at all')).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(CouldNotDetermineFormatError);
    expect((err as IngestError).code).toBe('UNRECOGNISED');
  });

  test('gzip of something else: CouldNotDetermineFormatError', async () => {
    const gz = new Uint8Array(
      await new Response(
        new Blob([new TextEncoder().encode('hello')])
          .stream()
          .pipeThrough(new CompressionStream('gzip')),
      ).arrayBuffer(),
    );
    await expect(parse(gz)).rejects.toBeInstanceOf(CouldNotDetermineFormatError);
  });

  test('pcap header cut short: PcapContentError', async () => {
    const err = await parse(read('mixed.pcap').slice(0, 10)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PcapContentError);
    expect((err as IngestError).code).toBe('PCAP_FORMAT');
  });

  test('a valid header and no packets: an empty summary', async () => {
    const r = await parse(pcapFile([]));
    expect(r.value.packets).toBe(0);
    expect(r.value.firstTime).toBeNull();
    expect(r.value.series.start).toBeNull();
    expect(r.warnings).toEqual([]);
  });
});

describe('truncated files', () => {
  test('pcap cut with head -c: complete packets counted, a warning says where it stopped', async () => {
    const full = read('mixed.pcap');
    const cut = read('mixed.truncated.pcap');
    const r = await parse(cut);
    const records = pcapRecords(cut).records;
    // pcapRecords keeps the last, partial record: everything before it is complete.
    expect(r.value.packets).toBe(records.length - 1);
    expect(r.warnings).toHaveLength(1);
    const w = r.warnings[0];
    expect(w?.message).toMatch(/^capture truncated: \d+ bytes of an incomplete packet record/);
    const stop = Number(w?.at?.replace('byte ', ''));
    expect(stop).toBeLessThan(cut.byteLength);
    expect(full.subarray(0, stop)).toEqual(cut.subarray(0, stop));
  });

  test('pcapng cut with head -c', async () => {
    const r = await parse(read('mixed.truncated.pcapng'));
    expect(r.value.packets).toBeGreaterThan(0);
    expect(r.warnings.map((w) => w.message)).toEqual([
      expect.stringMatching(/^capture truncated: \d+ bytes of an incomplete block/),
    ]);
  });

  test('the same without a known size (streamed input)', async () => {
    const cut = read('mixed.truncated.pcap');
    async function* chunks() {
      for (let i = 0; i < cut.byteLength; i += 1000) yield cut.subarray(i, i + 1000);
    }
    const r = await parseCapture(iterableSource(chunks()), {});
    expect(r.value.packets).toBe((await parse(cut)).value.packets);
    expect(r.warnings[0]?.message).toMatch(/truncated/);
  });

  test('truncated gzip: packets before the cut, and a warning', async () => {
    const gz = read('mixed.pcapng.gz');
    const r = await parse(gz.slice(0, Math.floor(gz.byteLength / 2)));
    expect(r.value.packets).toBeGreaterThan(0);
    expect(r.warnings.some((w) => /gzip/.test(w.message))).toBe(true);
  });
});

test.each(['mixed.pcap', 'mixed.pcapng.gz'])(
  '%s from a source that reuses one buffer for every chunk',
  async (name) => {
    const file = read(name);
    for (const size of [1, 3, 4099]) {
      const shared = new Uint8Array(size);
      let at = 0;
      const source = {
        size: file.byteLength,
        async read() {
          if (at >= file.byteLength) return null;
          const n = Math.min(shared.byteLength, file.byteLength - at);
          shared.set(file.subarray(at, at + n));
          at += n;
          return shared.subarray(0, n);
        },
      };
      expect((await parseCapture(source, {})).value).toEqual((await parse(file)).value);
    }
  },
);

describe('corrupt lengths never allocate or hang', () => {
  test('pcap record claiming 4 GiB', async () => {
    const { records } = pcapRecords(read('redis.pcap'));
    const file = pcapFile(records.slice(0, 5));
    const bad = concat([file, new Uint8Array(16).fill(0xff), new Uint8Array(100)]);
    const r = await parse(bad);
    expect(r.value.packets).toBe(5);
    expect(r.warnings).toEqual([
      {
        message: expect.stringMatching(
          /^corrupt packet record: captured length 4294967295 exceeds/,
        ),
        at: `byte ${file.byteLength}`,
      },
    ]);
  });

  test('pcapng block claiming 2 GiB after good blocks', async () => {
    const good = read('redis.pcapng');
    const n = (await parse(good)).value.packets;
    const block = new Uint8Array(64);
    const v = new DataView(block.buffer);
    v.setUint32(0, 6, true); // Enhanced Packet Block
    v.setUint32(4, 0x7ffffff0, true);
    const r = await parse(concat([good, block]));
    expect(r.value.packets).toBe(n);
    expect(r.warnings.map((w) => w.message)).toEqual([
      expect.stringMatching(/claims 2147483632 bytes/),
    ]);
  });

  test('pcapng: unknown block claiming 1 GiB (skipped, not buffered) in a streamed file', async () => {
    const good = read('redis.pcapng');
    const block = new Uint8Array(64);
    const v = new DataView(block.buffer);
    v.setUint32(0, 0x0bad0bad, true);
    v.setUint32(4, 0x40000000, true);
    async function* chunks() {
      yield good;
      yield block;
    }
    const r = await parseCapture(iterableSource(chunks()), {});
    expect(r.value.packets).toBe((await parse(good)).value.packets);
    expect(r.warnings.map((w) => w.message)).toEqual([
      'skipped 1 pcapng blocks of unknown type 0xbad0bad',
      expect.stringMatching(/^capture truncated: a skipped block needs \d+ more bytes/),
    ]);
  });

  test('pcapng: leading and trailing block lengths differ', async () => {
    const good = read('redis.pcapng');
    const bad = good.slice();
    // The first block is the SHB; corrupt its trailing length.
    const v = new DataView(bad.buffer);
    const len = v.getUint32(4, true);
    v.setUint32(len - 4, len + 4, true);
    const r = await parse(bad);
    expect(r.value.packets).toBe(0);
    expect(r.warnings[0]?.message).toMatch(/differs from trailing length/);
  });

  test('pcapng: a length that is not a multiple of 4', async () => {
    const bad = read('redis.pcapng').slice();
    new DataView(bad.buffer).setUint32(4, 27, true);
    const r = await parse(bad);
    expect(r.warnings[0]?.message).toMatch(/invalid total length 27/);
  });
});

describe('link types', () => {
  test('unknown link type: frames counted, undecoded, one warning', async () => {
    const { records } = pcapRecords(read('redis.pcap'));
    const r = await parse(pcapFile(records, { linkType: 147 }));
    expect(r.value.packets).toBe(records.length);
    expect(r.value.bytes).toBe(records.reduce((s, x) => s + (x.orig ?? 0), 0));
    expect(r.value.undecoded).toBe(records.length);
    expect(r.value.conversations).toEqual([]);
    expect(r.value.linkTypes).toEqual({ 'linktype-147': records.length });
    expect(r.warnings.map((w) => w.message)).toEqual([
      `link type 147 is not decoded: ${records.length} frames counted as undecoded`,
    ]);
  });

  // The same Ethernet frames rewritten for other link types decode to the same traffic.
  const rewrite: [string, number, (eth: Uint8Array) => Uint8Array][] = [
    ['raw IP (101)', 101, (f) => f.slice(14)],
    ['IPv4 (228)', 228, (f) => f.slice(14)],
    ['DLT_NULL little-endian (0)', 0, (f) => concat([new Uint8Array([2, 0, 0, 0]), f.slice(14)])],
    ['DLT_NULL big-endian (0)', 0, (f) => concat([new Uint8Array([0, 0, 0, 2]), f.slice(14)])],
    ['DLT_LOOP (108)', 108, (f) => concat([new Uint8Array([0, 0, 0, 2]), f.slice(14)])],
    [
      'Linux cooked (113) with an 802.1Q tag',
      113,
      (f) =>
        concat([
          new Uint8Array([0, 0, 3, 4, 0, 6, 0, 0, 0, 0, 0, 0, 0, 0, 0x81, 0, 0, 42, 8, 0]),
          f.slice(14),
        ]),
    ],
    [
      'Ethernet with 802.1Q tag',
      1,
      (f) => concat([f.slice(0, 12), new Uint8Array([0x81, 0, 0, 42]), f.slice(12)]),
    ],
    [
      'Ethernet with QinQ tags',
      1,
      (f) =>
        concat([f.slice(0, 12), new Uint8Array([0x88, 0xa8, 0, 7, 0x81, 0, 0, 42]), f.slice(12)]),
    ],
  ];
  test.each(rewrite)('%s', async (_label, linkType, fn) => {
    const { records } = pcapRecords(read('mixed.pcap'));
    const base = (await parse(pcapFile(records))).value;
    const moved = records.map((r) => ({ t: r.t, data: fn(r.data) }));
    const v = (await parse(pcapFile(moved, { linkType }))).value;
    expect(v.undecoded).toBe(0);
    expect(
      v.conversations.map((c) => [c.a, c.aPort, c.b, c.bPort, c.framesAtoB, c.framesBtoA]),
    ).toEqual(
      base.conversations.map((c) => [c.a, c.aPort, c.b, c.bPort, c.framesAtoB, c.framesBtoA]),
    );
    expect(v.amqp.methods).toEqual(base.amqp.methods);
    expect(v.mysql.commands).toEqual(base.mysql.commands);
    expect(v.redis.commands).toEqual(base.redis.commands);
  });

  test('IPv6 and an ICMP frame', async () => {
    const c = '2001:db8::1';
    const s = '2001:db8:0:1::5';
    const frames = [
      tcpFrame({ src: c, dst: s, sport: 40000, dport: 5672, seq: 100, flags: TCP_SYN }),
      tcpFrame({
        src: s,
        dst: c,
        sport: 5672,
        dport: 40000,
        seq: 900,
        ack: 101,
        flags: TCP_SYN | TCP_ACK,
      }),
      tcpFrame({
        src: c,
        dst: s,
        sport: 40000,
        dport: 5672,
        seq: 101,
        ack: 901,
        flags: TCP_ACK,
        payload: concat([AMQP_HEADER, amqpPublish('nova', 'conductor', new Uint8Array(10))]),
      }),
    ];
    const icmp = frames[0]?.slice() as Uint8Array;
    icmp[14 + 6] = 58; // next header ICMPv6
    const r = await parse(pcapFile([...frames, icmp].map((data, i) => ({ t: 1000 + i, data }))));
    expect(r.value.conversations).toEqual([
      expect.objectContaining({
        a: '2001:db8::1',
        b: '2001:db8:0:1::5',
        framesAtoB: 2,
        framesBtoA: 1,
        service: 'amqp',
      }),
    ]);
    expect(r.value.amqp.publishesByRoutingKey).toEqual({ conductor: 1 });
    expect(r.value.undecoded).toBe(1);
  });
});

describe('TCP reassembly', () => {
  // One client stream: protocol header + 20 publishes, cut into segments of 37 bytes.
  const stream = concat([
    AMQP_HEADER,
    ...Array.from({ length: 20 }, (_, i) =>
      amqpPublish('nova', `compute.host${i % 3}`, new Uint8Array(100 + i)),
    ),
  ]);
  const SEG = 37;
  const cli = { src: '10.0.1.1', dst: '10.0.0.1', sport: 50000, dport: 5672 };
  const srv = { src: '10.0.0.1', dst: '10.0.1.1', sport: 5672, dport: 50000 };
  const ISN = 0xfffff000; // the sequence numbers wrap around inside the stream
  function segments(): Rec[][] {
    const out: Rec[][] = [];
    for (let o = 0; o < stream.byteLength; o += SEG) {
      out.push([
        {
          t: 2000 + o / 1e4,
          data: tcpFrame({
            ...cli,
            seq: (ISN + 1 + o) >>> 0,
            flags: TCP_ACK,
            payload: stream.subarray(o, o + SEG),
          }),
        },
      ]);
    }
    return out;
  }
  const open: Rec[] = [
    { t: 1999, data: tcpFrame({ ...cli, seq: ISN, flags: TCP_SYN }) },
    { t: 1999.1, data: tcpFrame({ ...srv, seq: 7, ack: ISN + 1, flags: TCP_SYN | TCP_ACK }) },
  ];
  const close: Rec[] = [
    {
      t: 2999,
      data: tcpFrame({
        ...cli,
        seq: (ISN + 1 + stream.byteLength) >>> 0,
        flags: TCP_FIN | TCP_ACK,
      }),
    },
    { t: 2999, data: tcpFrame({ ...srv, seq: 8, flags: TCP_FIN | TCP_ACK }) },
  ];
  const routingKeys = { 'compute.host0': 7, 'compute.host1': 7, 'compute.host2': 6 };

  test('in order', async () => {
    const r = await parse(pcapFile([...open, ...segments().flat(), ...close]));
    expect(r.value.amqp.publishesByRoutingKey).toEqual(routingKeys);
    expect(r.value.amqp.undecodedBytes).toBe(0);
  });

  test('retransmissions, overlaps, keep-alives and out-of-order segments', async () => {
    const segs = segments();
    const out: Rec[] = [...open];
    for (let i = 0; i < segs.length; i++) {
      const s = segs[i]?.[0] as Rec;
      if (i % 5 === 2 && i + 1 < segs.length) {
        out.push(segs[i + 1]?.[0] as Rec, s); // swapped
        i++;
        continue;
      }
      out.push(s);
      if (i % 4 === 0) out.push(s); // retransmission
      if (i % 7 === 3) {
        // overlap: the last 10 bytes of this segment and 20 of the next one
        const o = i * SEG + SEG - 10;
        out.push({
          t: s.t,
          data: tcpFrame({
            ...cli,
            seq: (ISN + 1 + o) >>> 0,
            flags: TCP_ACK,
            payload: stream.subarray(o, o + 30),
          }),
        });
      }
      if (i % 9 === 1) {
        // keep-alive: one old byte
        const o = i * SEG;
        out.push({
          t: s.t,
          data: tcpFrame({
            ...cli,
            seq: (ISN + o) >>> 0,
            flags: TCP_ACK,
            payload: stream.subarray(o - 1, o),
          }),
        });
      }
    }
    out.push(...close);
    const r = await parse(pcapFile(out));
    expect(r.value.amqp.publishesByRoutingKey).toEqual(routingKeys);
    expect(r.value.amqp.undecodedBytes).toBe(0);
    expect(r.value.tcpGapBytes).toBe(0);
    expect(r.value.conversations[0]?.framesAtoB).toBe(out.length - 2);
  });

  // Where each publish starts, and where its body frame's payload lies.
  const publishes = Array.from({ length: 20 }, (_, i) =>
    amqpPublish('nova', `compute.host${i % 3}`, new Uint8Array(100 + i)),
  );
  const starts = publishes.map(
    (_, i) => AMQP_HEADER.byteLength + publishes.slice(0, i).reduce((s, p) => s + p.byteLength, 0),
  );

  test('a lost segment with a method frame: that publish is lost, the decoder re-synchronises', async () => {
    const segs = segments().flat();
    const lost = Math.floor((starts[10] as number) / SEG);
    const out = [...open, ...segs.slice(0, lost), ...segs.slice(lost + 1), ...close];
    const r = await parse(pcapFile(out));
    const got = Object.values(r.value.amqp.publishesByRoutingKey).reduce((s, n) => s + n, 0);
    expect(got).toBe(19);
    expect(r.value.tcpGapBytes).toBe(SEG);
    expect(r.value.amqp.undecodedBytes).toBeGreaterThan(0);
  });

  test('a lost segment inside a body frame being skipped: nothing else is lost', async () => {
    const segs = segments().flat();
    const bodyEnd = (starts[6] as number) - 1; // frame-end octet of publish 5's body
    const bodyStart = bodyEnd - (100 + 5);
    const lost = Math.ceil(bodyStart / SEG);
    expect((lost + 1) * SEG).toBeLessThanOrEqual(bodyEnd);
    const out = [...open, ...segs.slice(0, lost), ...segs.slice(lost + 1), ...close];
    const r = await parse(pcapFile(out));
    expect(r.value.amqp.publishesByRoutingKey).toEqual(routingKeys);
    expect(r.value.tcpGapBytes).toBe(SEG);
    expect(r.value.amqp.undecodedBytes).toBe(0);
  });

  test('mid-connection start (no SYN, first segment mid-frame): re-synchronised', async () => {
    const segs = segments().flat();
    const r = await parse(pcapFile(segs.slice(3)));
    const got = Object.values(r.value.amqp.publishesByRoutingKey).reduce((s, n) => s + n, 0);
    expect(got).toBe(19);
    expect(r.value.conversations[0]).toEqual(
      expect.objectContaining({ a: '10.0.1.1', b: '10.0.0.1', bPort: 5672 }),
    );
    expect(r.warnings.map((w) => w.message)).toEqual([
      expect.stringMatching(/^1 TCP connections started before the capture/),
    ]);
  });

  test('port reuse after the connection closed is a new stream (tcp.stream)', async () => {
    const again: Rec[] = [{ t: 3000, data: tcpFrame({ ...cli, seq: 12345, flags: TCP_SYN }) }];
    const r = await parse(pcapFile([...open, ...segments().flat(), ...close, ...again]));
    expect(r.value.conversations.map((c) => c.stream)).toEqual([0, 1]);
  });
});
