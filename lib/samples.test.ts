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
