import { expect, test } from 'vitest';
import { decodeSamples, encodeSamples } from './samples';

test('samples survive encoding, including empty rows and odd header lengths', () => {
  const rows = [
    { name: 'nova.boot_server', values: Float64Array.from([4.298, 5.841, 9.241]) },
    { name: 'empty', values: new Float64Array(0) },
    { name: 'total > idle_duration', values: Float64Array.from([0, 1e-9, Number.MAX_VALUE]) },
  ];
  const decoded = decodeSamples(encodeSamples(rows));
  expect(decoded.map((r) => r.name)).toEqual(rows.map((r) => r.name));
  for (const [k, r] of decoded.entries()) expect([...r.values]).toEqual([...rows[k]!.values]);
  const shifted = new Uint8Array(encodeSamples(rows).length + 3);
  shifted.set(encodeSamples(rows), 3);
  expect([...decodeSamples(shifted.subarray(3))[0]!.values]).toEqual([4.298, 5.841, 9.241]);
});

test('samples decode from a Node.js Buffer that is a view of a larger pool', () => {
  const rows = [
    { name: 'a', values: Float64Array.from([1.5, 2.25]) },
    { name: 'b', values: Float64Array.from([3, 4, 5]) },
  ];
  const enc = encodeSamples(rows);
  const pool = Buffer.alloc(enc.length + 64, 7);
  pool.set(enc, 13);
  const decoded = decodeSamples(pool.subarray(13, 13 + enc.length));
  expect(decoded.map((r) => [...r.values])).toEqual([
    [1.5, 2.25],
    [3, 4, 5],
  ]);
  // aligned: views of the bytes, not copies
  const aligned = decodeSamples(enc);
  expect(aligned[1]!.values.buffer).toBe(enc.buffer);
  expect([...aligned[1]!.values]).toEqual([3, 4, 5]);
});
