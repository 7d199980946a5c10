// pcapng as the spec allows it (draft-ietf-opsawg-pcapng): several sections with their own byte
// order, several interfaces with their own link type and if_tsresol / if_tsoffset, simple and
// obsolete packet blocks, and blocks the reader skips (name resolution, statistics, custom).
import { expect, test } from 'vitest';
import { bytesSource } from '../core/source';
import { parseCapture } from './index';
import { TCP_SYN } from './linktypes';
import { concat, fields, option, pcapngBlock, tcpFrame, udpFrame } from './testHelpers';

function section(le: boolean): Uint8Array[] {
  const shb = pcapngBlock(
    0x0a0d0d0a,
    concat([
      fields(le, [
        [32, 0x1a2b3c4d],
        [16, 1],
        [16, 0],
        [32, 0xffffffff],
        [32, 0xffffffff],
      ]),
      option(le, 4, new TextEncoder().encode('edgeperf test')), // shb_userappl
      option(le, 0, new Uint8Array(0)),
    ]),
    le,
  );
  // Interface 0: Ethernet, microseconds (default). Interface 1: raw IP, 2^-10 s units,
  // if_tsoffset 1000 s. Interface 2: a link type nobody decodes.
  const tsoffset = new Uint8Array(8);
  new DataView(tsoffset.buffer).setBigInt64(0, 1000n, le);
  const idb0 = pcapngBlock(
    1,
    concat([
      fields(le, [
        [16, 1],
        [16, 0],
        [32, 0],
      ]),
      option(le, 2, new TextEncoder().encode('lo')),
    ]),
    le,
  );
  const idb1 = pcapngBlock(
    1,
    concat([
      fields(le, [
        [16, 101],
        [16, 0],
        [32, 0],
      ]),
      option(le, 9, new Uint8Array([0x8a])),
      option(le, 14, tsoffset),
      option(le, 0, new Uint8Array(0)),
    ]),
    le,
  );
  const idb2 = pcapngBlock(
    1,
    fields(le, [
      [16, 147],
      [16, 0],
      [32, 0],
    ]),
    le,
  );
  const syn = tcpFrame({
    src: '10.0.1.1',
    dst: '10.0.0.1',
    sport: 40000,
    dport: 3306,
    seq: 1,
    flags: TCP_SYN,
  });
  const udp = udpFrame('10.0.1.1', '10.0.0.53', 5353, 53, new Uint8Array(20));
  const epb = (itf: number, ts: number, data: Uint8Array) =>
    pcapngBlock(
      6,
      concat([
        fields(le, [
          [32, itf],
          [32, Math.floor(ts / 2 ** 32)],
          [32, ts % 2 ** 32],
          [32, data.byteLength],
          [32, data.byteLength],
        ]),
        data,
        new Uint8Array((4 - (data.byteLength % 4)) % 4),
        option(le, 2, fields(le, [[32, 1]])),
        option(le, 0, new Uint8Array(0)),
      ]),
      le,
    );
  const spb = pcapngBlock(3, concat([fields(le, [[32, syn.byteLength]]), syn]), le);
  const obsolete = pcapngBlock(
    2,
    concat([
      fields(le, [
        [16, 0],
        [16, 0],
        [32, 0],
        [32, 2_000_000_000],
        [32, udp.byteLength],
        [32, udp.byteLength],
      ]),
      udp,
    ]),
    le,
  );
  const nrb = pcapngBlock(
    4,
    concat([
      fields(le, [
        [16, 1],
        [16, 8],
      ]),
      new Uint8Array([10, 0, 0, 1, 0x61, 0x62, 0x63, 0]),
      fields(le, [
        [16, 0],
        [16, 0],
      ]),
    ]),
    le,
  );
  const isb = pcapngBlock(
    5,
    concat([
      fields(le, [
        [32, 0],
        [32, 0],
        [32, 0],
      ]),
      option(le, 0, new Uint8Array(0)),
    ]),
    le,
  );
  const custom = pcapngBlock(
    0x00000bad,
    fields(le, [
      [32, 32473],
      [32, 0xdeadbeef],
    ]),
    le,
  );
  return [
    shb,
    idb0,
    nrb,
    idb1,
    idb2,
    epb(0, 1_700_000_000_000_000, syn), // µs
    epb(1, 1024 * 5, syn.slice(14)), // 5 s after 1000 s offset: 1005 s
    custom,
    epb(2, 1_700_000_000_500_000, new Uint8Array(30)),
    spb,
    obsolete,
    isb,
  ];
}

test('two sections (little then big endian), three interfaces, every block type', async () => {
  const file = concat([...section(true), ...section(false)]);
  const r = await parseCapture(bytesSource(file), {});
  const v = r.value;
  expect(r.format).toBe('pcapng');
  expect(r.formatVersion).toBe('1.0');
  // Per section: 3 enhanced packets, 1 simple, 1 obsolete.
  expect(v.packets).toBe(10);
  expect(v.linkTypes).toEqual({ ethernet: 6, raw: 2, 'linktype-147': 2 });
  expect(v.undecoded).toBe(2);
  expect(v.firstTime).toBe(1005);
  expect(v.lastTime).toBe(1_700_000_000.5);
  // The same 4-tuple in every section: one TCP conversation (as tshark), one UDP.
  expect(v.conversations.map((c) => [c.proto, c.stream, c.framesAtoB, c.service])).toEqual([
    ['tcp', 0, 6, 'mysql'],
    ['udp', 0, 2, 'udp/53'],
  ]);
  // Unmapped ports (udp/53) share the `other` series.
  expect(Object.keys(v.series.services)).toEqual(['mysql', 'other']);
  // Packets at 1005 s and at 1.7e9 s cannot share a series of at most 48 hours.
  expect(r.warnings.map((w) => w.message)).toEqual([
    '4 packets lie outside the 172800-second series window and are missing from the series',
    'link type 147 is not decoded: 2 frames counted as undecoded',
  ]);
});

test('chunk-size invariance over block boundaries', async () => {
  const file = concat([...section(false), ...section(true)]);
  const whole = await parseCapture(bytesSource(file), {});
  for (const size of [1, 3, 13])
    expect(await parseCapture(bytesSource(file, size), {})).toEqual(whole);
});
