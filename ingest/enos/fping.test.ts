// biome-ignore lint/style/noRestrictedImports: tests read the fixture files from disk
import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from 'vitest';
import { EnosContentError } from './common';
import { detectFping, fpingSourceHost, parseFping, rttBySitePair } from './fping';

const fixtures = path.resolve(__dirname, '../../fixtures/enos');
const read = (p: string) => new Uint8Array(fs.readFileSync(path.join(fixtures, p)));

test('EnOS 3.x <host>.out: per target samples, min/avg/max, loss, and the -s summary', () => {
  const file = 'enos-3.x/paravance-1.rennes.grid5000.fr.out';
  const { value, warnings } = parseFping(read(file), { fileName: file });
  expect(warnings).toEqual([]);
  expect(value.source).toBe('paravance-1.rennes.grid5000.fr');
  expect(value.targets).toHaveLength(11);
  expect(value.targets[6]).toEqual({
    target: '172.16.96.7',
    samples: [100.1, null, 100.1, 100.2, 100.2],
    sent: 5,
    received: 4,
    loss_pct: 20,
    min_ms: 100.1,
    avg_ms: 100.15,
    max_ms: 100.2,
    line: 7,
  });
  expect(value.targets[9]).toMatchObject({
    target: '172.16.96.10',
    min_ms: 20.1,
    max_ms: 20.17,
    loss_pct: 0,
  });
  expect(value.summary).toEqual({
    targets: 11,
    alive: 11,
    unreachable: 0,
    sent: 55,
    received: 54,
    min_ms: 0.03,
    avg_ms: 39.02,
    max_ms: 100.2,
    elapsed_s: 5.506,
  });
  expect(detectFping(read(file))).toBe(true);
});

test('EnOS 4.x <host>.fpingout and the measured RTT per site pair', () => {
  const files = ['paravance-1', 'paravance-9'].map(
    (h) => `enos-4.x/_tmp_enos_/${h}.rennes.grid5000.fr.fpingout`,
  );
  const outputs = files.map((f) => parseFping(read(f), { fileName: f }).value);
  expect(outputs.map((o) => [o.source, o.targets.length, o.targets[0]?.sent])).toEqual([
    ['paravance-1.rennes.grid5000.fr', 22, 10],
    ['paravance-9.rennes.grid5000.fr', 22, 10],
  ]);
  const siteOfHost = (h: string) =>
    h.startsWith('paravance-1.') ? 'grp1' : h.startsWith('paravance-9.') ? 'grp2' : null;
  const siteOfTarget = (t: string) =>
    ({ '10.158.0': 'grp1', '10.158.1': 'grp2', '10.158.2': 'grp3' })[
      t.split('.').slice(0, 3).join('.')
    ] ?? null;
  const matrix = rttBySitePair(outputs, siteOfHost, siteOfTarget);
  expect(matrix.map((m) => [m.src, m.dst, m.samples, m.loss_pct])).toEqual([
    ['grp1', 'grp1', 80, 0],
    ['grp1', 'grp2', 70, 0],
    ['grp1', 'grp3', 70, 0],
    ['grp2', 'grp1', 80, 0],
    ['grp2', 'grp2', 70, 0],
    ['grp2', 'grp3', 70, 0],
  ]);
  // 2 × 10 ms of netem delay plus the LAN.
  for (const m of matrix.filter((x) => x.src !== x.dst)) {
    expect(m.avg_ms).toBeGreaterThan(20);
    expect(m.avg_ms).toBeLessThan(20.2);
  }
});

test('source host from the file name', () => {
  expect(fpingSourceHost('backup.tar.gz!_tmp_enos_/node-3.fpingout')).toBe('node-3');
  expect(fpingSourceHost('a/b/c.out')).toBe('c');
  expect(fpingSourceHost('result')).toBeNull();
});

test('unreachable targets, odd lines, damage', () => {
  const text =
    'host-a : - - -\nhost-bb : 0.51 0.48 0.49\n10.0.0.9 : duplicate for [0], 64 bytes, 0.23 ms\n';
  const { value, warnings } = parseFping(text);
  expect(value.targets[0]).toMatchObject({
    target: 'host-a',
    received: 0,
    loss_pct: 100,
    avg_ms: null,
  });
  expect(value.targets[1]).toMatchObject({ avg_ms: 0.493333333333, min_ms: 0.48, max_ms: 0.51 });
  expect(warnings).toEqual([
    {
      message: 'line not understood, skipped: 10.0.0.9 : duplicate for [0], 64 bytes, 0.23 ms',
      at: 'line 3',
    },
  ]);
  expect(value.summary).toBeNull();

  const cut = parseFping('a : 1.0 1.1 1.2\nb : 1.0\n');
  expect(cut.warnings[0]?.message).toMatch(/different ping counts \(3, 1\)/);

  expect(() => parseFping('a : 0.5 fast 0.4\n')).toThrow(EnosContentError);
  try {
    parseFping('ok : 0.5\nbad : 0.5 fast\n');
  } catch (e) {
    expect((e as EnosContentError).at).toBe('line 2, column 11');
  }
  expect(() => parseFping('hello world\n')).toThrow(/no fping result line/);
  expect(detectFping('{"json": true}')).toBe(false);
});
