// Mutations of a real fixture's bytes as fast-check arbitraries. A mutation is plain data (shown
// by fast-check when a property fails, and shrunk towards fewer and simpler edits); `applyAll`
// turns the fixture and a list of mutations into the bytes a parser is fed.
//
// Kinds: truncation (anywhere, or at a structural boundary of the format), byte set / bit flip,
// insertion (a format's hostile tokens: deep nesting, huge numbers, bad encodings), deletion,
// duplication of a range (many times: many members, long lines), length fields set huge
// (32-bit, 24-bit, 16-bit, either byte order, or ASCII digits), and encoding changes of text.
import fc from 'fast-check';

export type Mutation =
  | { kind: 'truncate'; at: number }
  | { kind: 'set'; at: number; value: number }
  | { kind: 'flip'; at: number; bit: number }
  | { kind: 'insert'; at: number; bytes: Uint8Array; label?: string }
  | { kind: 'delete'; at: number; len: number }
  | { kind: 'duplicate'; at: number; len: number; times: number }
  | { kind: 'uint'; at: number; size: 1 | 2 | 3 | 4 | 8; le: boolean; value: number }
  | { kind: 'replace'; at: number; len: number; bytes: Uint8Array; label?: string }
  | { kind: 'encode'; encoding: 'utf16le' | 'utf16be' | 'latin1' | 'nul' };

/** A structural place in the input: where truncations and insertions are most telling. */
export interface LengthField {
  at: number;
  size: 1 | 2 | 3 | 4 | 8;
  le: boolean;
}

export interface FormatModel {
  /** Offsets of structural boundaries (token / record / block / header / member starts). */
  boundaries: number[];
  /** Binary length fields to set huge. */
  lengthFields?: LengthField[];
  /** Textual number or length tokens [start, end) to replace with huge or odd values. */
  numberTokens?: [number, number][];
  /** Hostile byte strings to insert at boundaries. */
  inserts?: { label: string; bytes: Uint8Array }[];
  /** Replacement texts for number tokens (default HUGE_NUMBERS). */
  numbers?: string[];
  /** Text input: encoding changes apply. */
  text?: boolean;
}

const enc = new TextEncoder();
export const ascii = (s: string): Uint8Array => enc.encode(s);

/** Values a length field is set to: huge, sign-bit, off by one, zero. */
export function hugeValues(size: 1 | 2 | 3 | 4 | 8, inputLength: number): number[] {
  const max = size === 8 ? Number.MAX_SAFE_INTEGER : 2 ** (8 * size) - 1;
  const vals = [
    max,
    Math.floor(max / 2) + 1,
    Math.floor(max / 2),
    0,
    1,
    inputLength,
    inputLength + 1,
  ];
  if (size >= 4) vals.push(0x10000000, 0x00ffffff, 0x01000000, 2 ** 31 - 1);
  return [...new Set(vals.filter((v) => v <= max))];
}

/** Numbers that are legal text but absurd values. */
export const HUGE_NUMBERS = [
  '999999999',
  '9999999999999999999999999999',
  '-1',
  '-999999999',
  '1e309',
  '-1e309',
  '1e-400',
  '-0',
  '9007199254740993',
  '0.1e99999',
  '4294967296',
  '18446744073709551616',
  '00000000000000000001',
  'NaN',
  'Infinity',
];

/** Bytes that are not valid UTF-8, or valid but troublesome. */
export const BAD_BYTES: { label: string; bytes: Uint8Array }[] = [
  { label: 'lone 0xff', bytes: new Uint8Array([0xff]) },
  { label: 'cut 2-byte sequence', bytes: new Uint8Array([0xc3]) },
  { label: 'overlong /', bytes: new Uint8Array([0xc0, 0xaf]) },
  { label: 'encoded surrogate', bytes: new Uint8Array([0xed, 0xa0, 0x80]) },
  { label: 'NUL', bytes: new Uint8Array([0]) },
  { label: 'BOM', bytes: new Uint8Array([0xef, 0xbb, 0xbf]) },
  { label: 'U+2028', bytes: ascii('\u2028') },
  { label: 'CR', bytes: ascii('\r') },
];

function clampAt(at: number, len: number): number {
  return len === 0 ? 0 : ((at % (len + 1)) + len + 1) % (len + 1);
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((s, p) => s + p.byteLength, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.byteLength;
  }
  return out;
}

/** Largest output of a mutation chain: duplications stop growing past it. */
export const MAX_MUTATED_BYTES = 4 << 20;

export function applyMutation(bytes: Uint8Array, m: Mutation): Uint8Array {
  const n = bytes.byteLength;
  switch (m.kind) {
    case 'truncate':
      return bytes.slice(0, clampAt(m.at, n));
    case 'set': {
      if (n === 0) return bytes;
      const out = bytes.slice();
      out[m.at % n] = m.value;
      return out;
    }
    case 'flip': {
      if (n === 0) return bytes;
      const out = bytes.slice();
      out[m.at % n] = (out[m.at % n] as number) ^ (1 << m.bit);
      return out;
    }
    case 'insert': {
      const at = clampAt(m.at, n);
      return concat([bytes.subarray(0, at), m.bytes, bytes.subarray(at)]);
    }
    case 'delete': {
      const at = clampAt(m.at, n);
      return concat([bytes.subarray(0, at), bytes.subarray(Math.min(n, at + m.len))]);
    }
    case 'duplicate': {
      const at = clampAt(m.at, n);
      const piece = bytes.subarray(at, Math.min(n, at + m.len));
      if (piece.byteLength === 0) return bytes;
      const times = Math.min(m.times, Math.floor((MAX_MUTATED_BYTES - n) / piece.byteLength));
      if (times <= 0) return bytes;
      return concat([
        bytes.subarray(0, at),
        ...new Array(times + 1).fill(piece),
        bytes.subarray(at + piece.byteLength),
      ]);
    }
    case 'uint': {
      if (m.at + m.size > n) return bytes;
      const out = bytes.slice();
      let v = m.value;
      for (let k = 0; k < m.size; k++) {
        const byte = v % 256;
        v = Math.floor(v / 256);
        out[m.le ? m.at + k : m.at + m.size - 1 - k] = byte;
      }
      return out;
    }
    case 'replace': {
      const at = clampAt(m.at, n);
      return concat([bytes.subarray(0, at), m.bytes, bytes.subarray(Math.min(n, at + m.len))]);
    }
    case 'encode':
      return reencode(bytes, m.encoding);
  }
}

function reencode(
  bytes: Uint8Array,
  encoding: 'utf16le' | 'utf16be' | 'latin1' | 'nul',
): Uint8Array {
  const text = new TextDecoder().decode(bytes);
  if (encoding === 'latin1') {
    // Each UTF-8 byte read as a character and written back as UTF-8: mojibake, every byte valid.
    return enc.encode(Array.from(bytes, (b) => String.fromCharCode(b)).join(''));
  }
  if (encoding === 'nul') {
    // NULs between characters (a UTF-16 file read as bytes, without the BOM).
    const out = new Uint8Array(bytes.byteLength * 2);
    bytes.forEach((b, i) => {
      out[i * 2] = b;
    });
    return out;
  }
  const out = new Uint8Array(2 + text.length * 2);
  const le = encoding === 'utf16le';
  out[0] = le ? 0xff : 0xfe;
  out[1] = le ? 0xfe : 0xff;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    out[2 + i * 2 + (le ? 0 : 1)] = c & 0xff;
    out[2 + i * 2 + (le ? 1 : 0)] = c >> 8;
  }
  return out;
}

export function applyAll(bytes: Uint8Array, ms: readonly Mutation[]): Uint8Array {
  let out = bytes;
  for (const m of ms) out = applyMutation(out, m);
  return out;
}

/** Short text of a mutation chain for failure messages. */
export function describeMutations(ms: readonly Mutation[]): string {
  return ms.map(describeMutation).join(' ');
}

function describeMutation(m: Mutation): string {
  switch (m.kind) {
    case 'insert':
    case 'replace':
      return `${m.kind}@${m.at}(${m.label ?? `${m.bytes.byteLength} bytes`})`;
    case 'uint':
      return `uint${m.size * 8}${m.le ? 'le' : 'be'}@${m.at}=${m.value}`;
    case 'encode':
      return `encode(${m.encoding})`;
    case 'truncate':
      return `truncate@${m.at}`;
    case 'set':
      return `set@${m.at}=${m.value}`;
    case 'flip':
      return `flip@${m.at}.${m.bit}`;
    case 'delete':
      return `delete@${m.at}+${m.len}`;
    case 'duplicate':
      return `duplicate@${m.at}+${m.len}x${m.times}`;
  }
}

/**
 * Gives a mutation a short text for fast-check's reports (a counterexample holding a 100,000
 * byte insert would otherwise be printed byte by byte).
 */
function printable(m: Mutation): Mutation {
  Object.defineProperty(m, fc.toStringMethod, {
    value: () => describeMutations([m]),
    enumerable: false,
  });
  return m;
}

/** Near a boundary: the boundary itself or a few bytes around it (inside a header). */
function nearBoundary(boundaries: number[]): fc.Arbitrary<number> {
  return fc
    .tuple(fc.constantFrom(...boundaries), fc.integer({ min: -3, max: 3 }))
    .map(([b, d]) => Math.max(0, b + d));
}

/**
 * One mutation of `bytes` described by `model`: structural ones (boundaries, length fields,
 * number tokens, hostile inserts) are weighted over blind byte edits.
 */
export function mutationArb(bytes: Uint8Array, model: FormatModel): fc.Arbitrary<Mutation> {
  const n = Math.max(1, bytes.byteLength);
  const anyAt = fc.integer({ min: 0, max: n });
  const b = model.boundaries.length > 0 ? model.boundaries : [0, bytes.byteLength];
  const at = fc.oneof({ weight: 3, arbitrary: nearBoundary(b) }, { weight: 1, arbitrary: anyAt });
  const inserts = [...(model.inserts ?? []), ...BAD_BYTES];
  const arbs: fc.WeightedArbitrary<Mutation>[] = [
    { weight: 4, arbitrary: at.map((a): Mutation => ({ kind: 'truncate', at: a })) },
    {
      weight: 3,
      arbitrary: fc
        .record({ at: anyAt, value: fc.integer({ min: 0, max: 255 }) })
        .map((r): Mutation => ({ kind: 'set', ...r })),
    },
    {
      weight: 3,
      arbitrary: fc
        .record({ at, bit: fc.integer({ min: 0, max: 7 }) })
        .map((r): Mutation => ({ kind: 'flip', ...r })),
    },
    {
      weight: 3,
      arbitrary: fc
        .record({ at, ins: fc.constantFrom(...inserts) })
        .map(
          (r): Mutation => ({ kind: 'insert', at: r.at, bytes: r.ins.bytes, label: r.ins.label }),
        ),
    },
    {
      weight: 2,
      arbitrary: fc
        .record({ at, len: fc.integer({ min: 1, max: 4096 }) })
        .map((r): Mutation => ({ kind: 'delete', ...r })),
    },
    {
      weight: 1,
      arbitrary: fc
        .record({
          at,
          len: fc.integer({ min: 1, max: 512 }),
          times: fc.oneof(fc.integer({ min: 1, max: 10 }), fc.integer({ min: 100, max: 20_000 })),
        })
        .map((r): Mutation => ({ kind: 'duplicate', ...r })),
    },
  ];
  const fields = model.lengthFields ?? [];
  if (fields.length > 0) {
    arbs.push({
      weight: 5,
      arbitrary: fc
        .constantFrom(...fields)
        .chain((f) =>
          fc
            .constantFrom(...hugeValues(f.size, bytes.byteLength))
            .map((value): Mutation => ({ kind: 'uint', at: f.at, size: f.size, le: f.le, value })),
        ),
    });
  }
  const tokens = model.numberTokens ?? [];
  if (tokens.length > 0) {
    const numbers = model.numbers ?? HUGE_NUMBERS;
    arbs.push({
      weight: 4,
      arbitrary: fc.record({ t: fc.constantFrom(...tokens), v: fc.constantFrom(...numbers) }).map(
        (r): Mutation => ({
          kind: 'replace',
          at: r.t[0],
          len: r.t[1] - r.t[0],
          bytes: ascii(r.v),
          label: r.v,
        }),
      ),
    });
  }
  if (model.text) {
    arbs.push({
      weight: 1,
      arbitrary: fc
        .constantFrom('utf16le', 'utf16be', 'latin1', 'nul' as const)
        .map((encoding): Mutation => ({ kind: 'encode', encoding })),
    });
  }
  return fc.oneof(...arbs).map(printable);
}

/** One to `max` mutations (most cases one or two: a single damage is the common case). */
export function mutationsArb(
  bytes: Uint8Array,
  model: FormatModel,
  max = 3,
): fc.Arbitrary<Mutation[]> {
  return fc.array(mutationArb(bytes, model), { minLength: 1, maxLength: max });
}

/** Chunk sizes for a ByteSource: tiny ones hit every chunk boundary, large ones are fast. */
export const chunkSizeArb: fc.Arbitrary<number> = fc.oneof(
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 16 }) },
  { weight: 2, arbitrary: fc.integer({ min: 17, max: 4096 }) },
  { weight: 4, arbitrary: fc.constant(1 << 20) },
);
