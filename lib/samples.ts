// A compact encoding of a workload's samples (the values behind each row of Rally's table):
// a 4-byte little-endian header length, a JSON header [{name, n}], then every row's values as
// float64 little-endian, in header order. Decoding gives views of the bytes when they are
// aligned (callers read samples, never write them), else copies.

export interface NamedSamples {
  name: string;
  values: Float64Array;
}

export function encodeSamples(rows: NamedSamples[]): Uint8Array {
  const header = new TextEncoder().encode(JSON.stringify(rows.map((r) => ({ name: r.name, n: r.values.length }))));
  // pad so that the float64 data starts at a multiple of 8
  const start = Math.ceil((4 + header.length) / 8) * 8;
  const total = start + rows.reduce((n, r) => n + r.values.length * 8, 0);
  const out = new Uint8Array(total);
  const view = new DataView(out.buffer);
  view.setUint32(0, header.length, true);
  out.set(header, 4);
  let at = start;
  for (const r of rows) {
    for (let k = 0; k < r.values.length; k++) view.setFloat64(at + k * 8, r.values[k]!, true);
    at += r.values.length * 8;
  }
  return out;
}

/** Whether this platform stores float64 little-endian (every platform Node.js runs on). */
const LITTLE_ENDIAN = new Uint8Array(new Float64Array([1]).buffer)[7] === 0x3f;

export function decodeSamples(bytes: Uint8Array): NamedSamples[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headerLength = view.getUint32(0, true);
  const header = JSON.parse(new TextDecoder().decode(bytes.subarray(4, 4 + headerLength))) as {
    name: string;
    n: number;
  }[];
  let at = Math.ceil((4 + headerLength) / 8) * 8;
  return header.map(({ name, n }) => {
    let values: Float64Array;
    if (LITTLE_ENDIAN && (bytes.byteOffset + at) % 8 === 0) {
      // A view of the bytes, no copy (SQLite blobs come in buffers of their own, aligned):
      // readers must not write to it.
      values = new Float64Array(bytes.buffer, bytes.byteOffset + at, n);
    } else if (LITTLE_ENDIAN) {
      // Copied in one piece into a new, aligned buffer, then read as they are.
      const copy = new Uint8Array(n * 8);
      copy.set(bytes.subarray(at, at + n * 8));
      values = new Float64Array(copy.buffer);
    } else {
      values = new Float64Array(n);
      for (let k = 0; k < n; k++) values[k] = view.getFloat64(at + k * 8, true);
    }
    at += n * 8;
    return { name, values };
  });
}
