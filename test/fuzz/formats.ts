// Format models for the mutation arbitraries: where a format's structural boundaries, length
// fields and number tokens are in a real file, and the hostile tokens worth inserting into it.
import { ascii, type FormatModel, type LengthField } from './mutations';

const MAX_BOUNDARIES = 20_000;

/** Keeps at most `max` boundaries, evenly spread (a 250 KB JSON file has ~60,000 tokens). */
export function spread(list: number[], max = MAX_BOUNDARIES): number[] {
  const sorted = [...new Set(list)].sort((a, b) => a - b);
  if (sorted.length <= max) return sorted;
  const out: number[] = [];
  for (let i = 0; i < max; i++) out.push(sorted[Math.floor((i * sorted.length) / max)] as number);
  return out;
}

// ---- JSON ----

/** `[[[[…` and `{"a":{"a":…` as deep as asked, unclosed (a truncated deep document). */
export function deepJson(depth: number, kind: 'array' | 'object' = 'array'): Uint8Array {
  return ascii(kind === 'array' ? '['.repeat(depth) : '{"a":'.repeat(depth));
}

/** The same, closed: valid JSON. */
export function deepJsonClosed(depth: number, kind: 'array' | 'object' = 'array'): Uint8Array {
  return kind === 'array'
    ? ascii(`${'['.repeat(depth)}${']'.repeat(depth)}`)
    : ascii(`${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`);
}

export const JSON_INSERTS = [
  { label: '[ x 100000', bytes: deepJson(100_000) },
  { label: '[ x 100000 closed', bytes: deepJsonClosed(100_000) },
  { label: '{"a": x 20000 closed', bytes: deepJsonClosed(20_000, 'object') },
  { label: '[ x 2000 closed', bytes: deepJsonClosed(2000) },
  { label: 'comma', bytes: ascii(',') },
  { label: 'close ]', bytes: ascii(']') },
  { label: 'close }', bytes: ascii('}') },
  { label: 'quote', bytes: ascii('"') },
  { label: 'backslash', bytes: ascii('\\') },
  { label: 'bad escape', bytes: ascii('"\\x"') },
  { label: 'lone surrogate escape', bytes: ascii('"\\ud800"') },
  { label: 'NaN', bytes: ascii('NaN') },
  { label: '-Infinity', bytes: ascii('-Infinity') },
  { label: 'huge number', bytes: ascii('1e99999') },
  { label: 'long string', bytes: ascii(`"${'x'.repeat(200_000)}"`) },
  { label: 'key null', bytes: ascii('"__proto__":null,') },
  { label: 'key constructor', bytes: ascii('"constructor":1,') },
];

/**
 * Token boundaries of a JSON text: before and after each structural character, string and
 * literal, so truncations land after each token and at each nesting level. Number tokens are
 * returned for the huge-number replacements.
 */
export function jsonModel(bytes: Uint8Array): FormatModel {
  const boundaries: number[] = [];
  const numberTokens: [number, number][] = [];
  let i = 0;
  const n = bytes.byteLength;
  while (i < n) {
    const b = bytes[i] as number;
    if (b === 0x22) {
      boundaries.push(i);
      i++;
      while (i < n && bytes[i] !== 0x22) i += bytes[i] === 0x5c ? 2 : 1;
      i++;
      boundaries.push(i);
    } else if (b === 0x7b || b === 0x7d || b === 0x5b || b === 0x5d || b === 0x2c || b === 0x3a) {
      boundaries.push(i, i + 1);
      i++;
    } else if (b === 0x2d || (b >= 0x30 && b <= 0x39)) {
      const s = i;
      while (i < n && /[-+.eE0-9]/.test(String.fromCharCode(bytes[i] as number))) i++;
      numberTokens.push([s, i]);
      boundaries.push(s, i);
    } else {
      i++;
    }
  }
  return {
    boundaries: spread(boundaries),
    numberTokens: spread(numberTokens.map(([s]) => s)).map(
      (s) => numberTokens.find(([a]) => a === s) as [number, number],
    ),
    inserts: JSON_INSERTS,
    text: true,
  };
}

/** Rally's HTML report: the JSON on the `$scope.scenarios = ` line, plus the page's lines. */
export function htmlModel(bytes: Uint8Array): FormatModel {
  const text = new TextDecoder('latin1').decode(bytes);
  const mark = text.indexOf('$scope.scenarios = ');
  const json = jsonModel(bytes);
  const lines = lineStarts(bytes);
  const boundaries =
    mark < 0 ? lines : spread([...lines, ...json.boundaries.filter((b) => b > mark)]);
  return {
    ...json,
    boundaries,
    numberTokens: (json.numberTokens ?? []).filter(([s]) => s > mark),
    inserts: [
      ...JSON_INSERTS,
      { label: 'comment run', bytes: ascii('<!---->'.repeat(40)) },
      { label: 'second scenarios mark', bytes: ascii('\n$scope.scenarios = [\n') },
      { label: 'newline', bytes: ascii('\n') },
    ],
  };
}

// ---- text (lines and words) ----

export function lineStarts(bytes: Uint8Array): number[] {
  const out = [0];
  for (let i = 0; i < bytes.byteLength; i++) if (bytes[i] === 0x0a) out.push(i + 1);
  out.push(bytes.byteLength);
  return out;
}

/** Line and word boundaries, and the digit runs of a text. */
export function textModel(
  bytes: Uint8Array,
  inserts: { label: string; bytes: Uint8Array }[],
  numbers?: string[],
): FormatModel {
  const boundaries: number[] = [];
  const numberTokens: [number, number][] = [];
  let prevWord = false;
  for (let i = 0; i < bytes.byteLength; i++) {
    const b = bytes[i] as number;
    const word = b > 0x20 && b !== 0x2c && b !== 0x3a && b !== 0x3d;
    if (word !== prevWord) boundaries.push(i);
    prevWord = word;
    if (
      b >= 0x30 &&
      b <= 0x39 &&
      !(i > 0 && (bytes[i - 1] as number) >= 0x30 && (bytes[i - 1] as number) <= 0x39)
    ) {
      let e = i;
      while (e < bytes.byteLength && /[0-9.]/.test(String.fromCharCode(bytes[e] as number))) e++;
      numberTokens.push([i, e]);
    }
  }
  return {
    boundaries: spread([...boundaries, ...lineStarts(bytes)]),
    numberTokens: numberTokens.slice(0, MAX_BOUNDARIES),
    inserts,
    numbers,
    text: true,
  };
}

// ---- YAML ----

/** `a:` nested `depth` levels by indentation (block mappings). */
export function deepYamlBlock(depth: number): Uint8Array {
  let s = '';
  for (let i = 0; i < depth; i++) s += `${' '.repeat(i)}a:\n`;
  return ascii(`${s}${' '.repeat(depth)}1\n`);
}

/** "Billion laughs": each level is a list of aliases to the previous one. */
export function billionLaughs(levels: number, width = 10): Uint8Array {
  let s = 'l0: &l0 [lol]\n';
  for (let i = 1; i <= levels; i++) {
    s += `l${i}: &l${i} [${Array.from({ length: width }, () => `*l${i - 1}`).join(', ')}]\n`;
  }
  return ascii(s);
}

export const YAML_INSERTS = [
  { label: 'flow [ x 100000', bytes: ascii(`x: ${'['.repeat(100_000)}`) },
  { label: 'flow [ x 5000 closed', bytes: ascii(`x: ${'['.repeat(5000)}${']'.repeat(5000)}\n`) },
  {
    label: 'flow { x 3000 closed',
    bytes: ascii(`x: ${'{a: '.repeat(3000)}1${'}'.repeat(3000)}\n`),
  },
  { label: 'block a: x 3000', bytes: deepYamlBlock(3000) },
  { label: 'compact - x 5000', bytes: ascii(`x:\n${'- '.repeat(5000)}1\n`) },
  { label: 'billion laughs', bytes: billionLaughs(9) },
  { label: 'alias loop', bytes: ascii('a: &a [*a]\n') },
  { label: 'unknown alias', bytes: ascii('a: *nope\n') },
  { label: 'merge key', bytes: ascii('<<: {provider: x}\n') },
  { label: 'tab indent', bytes: ascii('\t') },
  { label: 'document end', bytes: ascii('\n...\n') },
  { label: 'second document', bytes: ascii('\n---\na: 1\n') },
  { label: 'tag', bytes: ascii('!!python/object:os.system ') },
  { label: 'huge range group', bytes: ascii('\n  grp[1-999999999]:\n    c: {compute: 1}\n') },
  { label: 'key __proto__', bytes: ascii('\n__proto__: {compute: 1}\n') },
  { label: 'role constructor', bytes: ascii('\n    constructor: 1\n') },
  { label: 'long scalar', bytes: ascii(`"${' '.repeat(100_000)}1${' '.repeat(100_000)}!"`) },
];

export const YAML_NUMBERS = [
  '999999999',
  '99999999999999999999999999',
  '-1',
  '1e400',
  '.inf',
  '-.inf',
  '.nan',
  '0x7fffffffffffffff',
  '0o777777777777777777777',
  '1_000_000_000_000',
  '4294967296',
  '0.5',
  'null',
  '~',
  'yes',
];

export function yamlModel(bytes: Uint8Array): FormatModel {
  return textModel(bytes, YAML_INSERTS, YAML_NUMBERS);
}

// ---- captures ----

/** pcap: file header, then each record header (16 bytes) and its data; capLen/origLen fields. */
export function pcapModel(bytes: Uint8Array): FormatModel {
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const boundaries: number[] = [0, 4, 8, 16, 20, 24];
  const lengthFields: LengthField[] = [];
  if (bytes.byteLength < 24) return { boundaries };
  const m = v.getUint32(0, true);
  const le = m === 0xa1b2c3d4 || m === 0xa1b23c4d;
  lengthFields.push({ at: 16, size: 4, le }, { at: 20, size: 4, le });
  let o = 24;
  while (o + 16 <= bytes.byteLength) {
    const cap = v.getUint32(o + 8, le);
    boundaries.push(o, o + 8, o + 16, o + 16 + cap);
    lengthFields.push(
      { at: o + 8, size: 4, le },
      { at: o + 12, size: 4, le },
      { at: o, size: 4, le },
    );
    o += 16 + cap;
  }
  return { boundaries: spread(boundaries), lengthFields: lengthFields.slice(0, MAX_BOUNDARIES) };
}

/** pcapng: each block's start, body and trailer; total lengths, packet lengths, option lengths. */
export function pcapngModel(bytes: Uint8Array): FormatModel {
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const boundaries: number[] = [];
  const lengthFields: LengthField[] = [];
  let le = true;
  let o = 0;
  while (o + 12 <= bytes.byteLength) {
    const type = v.getUint32(o, true);
    if (type === 0x0a0d0d0a) le = v.getUint32(o + 8, true) === 0x1a2b3c4d;
    const total = v.getUint32(o + 4, le);
    if (total < 12 || o + total > bytes.byteLength) break;
    boundaries.push(o, o + 4, o + 8, o + total - 4, o + total);
    lengthFields.push({ at: o + 4, size: 4, le }, { at: o + total - 4, size: 4, le });
    const btype = v.getUint32(o, le);
    let opts = -1;
    if (btype === 0x0a0d0d0a) {
      lengthFields.push({ at: o + 16, size: 8, le });
      opts = o + 24;
    } else if (btype === 1) {
      lengthFields.push({ at: o + 12, size: 4, le });
      opts = o + 16;
    } else if (btype === 6 && total >= 32) {
      const cap = v.getUint32(o + 20, le);
      lengthFields.push(
        { at: o + 8, size: 4, le },
        { at: o + 20, size: 4, le },
        { at: o + 24, size: 4, le },
      );
      opts = o + 28 + ((cap + 3) & ~3);
    } else if (btype === 3) {
      lengthFields.push({ at: o + 8, size: 4, le });
    }
    // Options: code(2) length(2) value, padded (section 3.5).
    for (let p = opts; p >= 0 && p + 4 <= o + total - 4; ) {
      const len = v.getUint16(p + 2, le);
      boundaries.push(p);
      lengthFields.push({ at: p + 2, size: 2, le });
      if (v.getUint16(p, le) === 0) break;
      p += 4 + ((len + 3) & ~3);
    }
    o += total;
  }
  return {
    boundaries: spread(boundaries),
    lengthFields: spread(lengthFields.map((f) => f.at)).map(
      (at) => lengthFields.find((f) => f.at === at) as LengthField,
    ),
  };
}

/** gzip (RFC 1952): header fields, the deflate stream, CRC32 and ISIZE at the end. */
export function gzipModel(bytes: Uint8Array): FormatModel {
  const n = bytes.byteLength;
  const boundaries = [0, 2, 3, 4, 10, n - 8, n - 4, n];
  for (let i = 10; i < n - 8; i += 997) boundaries.push(i);
  return {
    boundaries: boundaries.filter((b) => b >= 0 && b <= n),
    lengthFields:
      n >= 18
        ? [
            { at: n - 4, size: 4, le: true },
            { at: n - 8, size: 4, le: true },
          ]
        : [],
  };
}

// ---- archives ----

/** tar: each 512-byte header (name, size, type, checksum fields) and the end of each member. */
export function tarModel(bytes: Uint8Array): FormatModel & { headers: number[] } {
  const boundaries: number[] = [];
  const headers: number[] = [];
  let o = 0;
  while (o + 512 <= bytes.byteLength) {
    const h = bytes.subarray(o, o + 512);
    if (h.every((b) => b === 0)) {
      boundaries.push(o);
      break;
    }
    headers.push(o);
    const sizeText = new TextDecoder('latin1').decode(h.subarray(124, 136)).replace(/[\0 ]/g, '');
    const size = Number.parseInt(sizeText || '0', 8) || 0;
    boundaries.push(o, o + 100, o + 124, o + 148, o + 156, o + 257, o + 512, o + 512 + size);
    o += 512 + Math.ceil(size / 512) * 512;
  }
  boundaries.push(bytes.byteLength);
  return { boundaries: spread(boundaries), headers };
}

/** Rewrites a field of the tar header at `header` and fixes the checksum (else it is refused). */
export function tarSetField(
  bytes: Uint8Array,
  header: number,
  field: 'size' | 'name' | 'type' | 'linkname' | 'prefix',
  value: Uint8Array,
): Uint8Array {
  const out = bytes.slice();
  if (header + 512 > out.byteLength) return out;
  const [at, len] = {
    name: [0, 100],
    size: [124, 12],
    type: [156, 1],
    linkname: [157, 100],
    prefix: [345, 155],
  }[field] as [number, number];
  out.fill(0, header + at, header + at + len);
  out.set(value.subarray(0, len), header + at);
  let sum = 0;
  for (let i = 0; i < 512; i++) sum += i >= 148 && i < 156 ? 0x20 : (out[header + i] as number);
  out.set(ascii(`${sum.toString(8).padStart(6, '0')}\0 `), header + 148);
  return out;
}

/** Huge tar sizes: octal (8 GiB - 1), GNU base-256 (2^63 - 1 and 2^40), negative base-256. */
export const TAR_HUGE_SIZES: { label: string; bytes: Uint8Array }[] = [
  { label: 'octal 77777777777', bytes: ascii('77777777777\0') },
  {
    label: 'base-256 max',
    bytes: new Uint8Array([0x80, 0, 0, 0, 0x7f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]),
  },
  { label: 'base-256 2^40', bytes: new Uint8Array([0x80, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0]) },
  {
    label: 'base-256 negative',
    bytes: new Uint8Array([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xfe]),
  },
  { label: 'not octal', bytes: ascii('99999999999\0') },
  { label: 'empty', bytes: new Uint8Array(12) },
  { label: 'one more', bytes: ascii('00000001000\0') },
];

/** zip: local headers, central directory entries and the end record, with their size fields. */
export function zipModel(bytes: Uint8Array): FormatModel {
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const boundaries: number[] = [];
  const lengthFields: LengthField[] = [];
  for (let o = 0; o + 4 <= bytes.byteLength; o++) {
    const sig = v.getUint32(o, true);
    if (sig === 0x04034b50 && o + 30 <= bytes.byteLength) {
      boundaries.push(o, o + 30);
      for (const [d, s] of [
        [18, 4],
        [22, 4],
        [26, 2],
        [28, 2],
        [8, 2],
        [6, 2],
      ] as const)
        lengthFields.push({ at: o + d, size: s, le: true });
    } else if (sig === 0x02014b50 && o + 46 <= bytes.byteLength) {
      boundaries.push(o, o + 46);
      for (const [d, s] of [
        [20, 4],
        [24, 4],
        [28, 2],
        [30, 2],
        [32, 2],
        [42, 4],
        [38, 4],
        [10, 2],
      ] as const)
        lengthFields.push({ at: o + d, size: s, le: true });
    } else if (sig === 0x06054b50 && o + 22 <= bytes.byteLength) {
      boundaries.push(o, o + 22);
      for (const [d, s] of [
        [8, 2],
        [10, 2],
        [12, 4],
        [16, 4],
        [20, 2],
      ] as const)
        lengthFields.push({ at: o + d, size: s, le: true });
    }
  }
  boundaries.push(bytes.byteLength);
  return { boundaries: spread(boundaries), lengthFields };
}
