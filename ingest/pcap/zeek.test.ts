// A real MySQL 5.0 session from Zeek's public test suite (zeek_mysql_3306.pcap), against
// tshark 4.0.17's numbers for it:
//   scripts/fixtures/captures/tshark-expected.py DIR   (DIR holding a copy of the file)
// biome-ignore lint/style/noRestrictedImports: tests read fixture files; the parser never does
import { existsSync, readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { bytesSource } from '../core/source';
import { parseCapture } from './index';

// A byte-for-byte copy with its provenance in fixtures/pcap/public/README.md.
const file = new URL('../../fixtures/pcap/public/zeek_mysql_3306.pcap', import.meta.url);

test('zeek_mysql_3306.pcap equals tshark', async () => {
  expect(existsSync(file)).toBe(true);
  const r = await parseCapture(bytesSource(new Uint8Array(readFileSync(file as URL))), {});
  const v = r.value;
  expect(r.format).toBe('pcap');
  expect(r.warnings).toEqual([]);
  expect([v.packets, v.bytes, v.undecoded]).toEqual([57, 5631, 0]);
  expect(v.firstTime).toBeCloseTo(1216281025.136169, 6);
  expect(v.lastTime).toBeCloseTo(1216281124.419116, 6);
  // Client and server share one address: the direction comes from the ports.
  expect(v.conversations).toEqual([
    expect.objectContaining({
      stream: 0,
      a: '192.168.0.254',
      aPort: 56162,
      b: '192.168.0.254',
      bPort: 3306,
      framesAtoB: 35,
      bytesAtoB: 2977,
      framesBtoA: 22,
      bytesBtoA: 2654,
      service: 'mysql',
    }),
  ]);
  expect(v.mysql.commands).toEqual({
    COM_QUERY: 14,
    COM_INIT_DB: 1,
    COM_FIELD_LIST: 1,
    COM_QUIT: 1,
  });
  expect(v.mysql.queriesByVerb).toEqual({
    SELECT: 5,
    SHOW: 2,
    CREATE: 1,
    INSERT: 2,
    DELETE: 3,
    DROP: 1,
  });
  // Beyond tshark: server version, tables, OK/ERR and latency.
  expect(v.mysql.serverVersion).toBe('5.0.54');
  expect(v.mysql.queriesByTable).toEqual({ foo: 10 });
  expect(v.mysql.err).toBe(0);
  expect(v.mysql.latency.count).toBe(16); // every command but COM_QUIT
});
