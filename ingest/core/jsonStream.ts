// A streaming JSON splitter for documents too big for one JSON.parse (a Rally report with
// 1,000,000 iterations is ~600 MB: longer than V8's maximum string length).
//
// The input is read byte by byte (chunks of any size, down to 1 byte). Two modes:
// - "skeleton": everything outside the configured big arrays. A small validating tokenizer
//   tracks the JSON path, copies the bytes (minus whitespace) into a skeleton buffer and, when a
//   container matching an `emit` pattern closes, JSON.parses that container's skeleton and hands
//   it out. Big arrays appear in the skeleton as `[]`; emitted containers are replaced by `null`
//   in their parent, so the skeleton stays small.
// - "elements": inside an array matching an `arrays` pattern. A tight loop finds where each
//   element ends (it only tracks strings, escapes and bracket nesting) and slices the raw bytes
//   of up to `batchSize` consecutive elements, which are decoded and parsed with ONE
//   JSON.parse('[' + bytes + ']'). A generic token-by-token parser in JS is ~19x slower than
//   JSON.parse; this stays close to JSON.parse speed. JSON.parse validates the elements; when
//   it rejects a batch, the same batch is re-scanned with the validating tokenizer to report
//   the exact byte offset and JSON path.
//
// Multi-byte UTF-8 characters split across chunks are never decoded in halves: skeleton text
// is decoded from the skeleton buffer, element text from whole batches.
//
// Errors: JsonSyntaxError with `at: 'byte N'` (0-based offset in the input) and the JSON path
// in the message. Invalid or truncated input always ends with an error, never a hang.
//
// Nesting is limited (`maxDepth`, default MAX_JSON_DEPTH): every open container holds its path,
// so 100,000 nested `[` would hold 5·10^9 path segments (found by fuzzing, docs/FUZZING.md),
// and the values delivered are later walked by recursive code (zod, JSON.stringify when they are
// stored). Deeper input gives IngestError('LIMIT') naming the byte and the path.

import type { ByteSource } from './source';
import { IngestError, JsonSyntaxError } from './errors';

/** A step of a JSON path: an object key or an array index. */
export type PathSegment = string | number;

const IDENT = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** `$`, `$[0].result[3].duration`, `$.tasks[0]["odd key"]`. */
export function formatPath(path: readonly PathSegment[]): string {
  let out = '$';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else if (IDENT.test(seg)) out += `.${seg}`;
    else out += `[${JSON.stringify(seg)}]`;
  }
  return out;
}

type PatternSeg =
  | { kind: 'key'; name: string }
  | { kind: 'anyKey' }
  | { kind: 'index'; index: number }
  | { kind: 'anyIndex' };

/** A compiled path pattern such as `[*].result` or `.tasks[*].subtasks[*].workloads[*].data`. */
export interface PathPattern {
  readonly source: string;
  readonly segs: readonly PatternSeg[];
}

/**
 * Compiles a path pattern. Grammar (an optional leading `$`, then any number of):
 * `.name`, `.*` (any key), `[*]` (any index), `[3]`, `["any key"]`. `$` or `` alone is the
 * root value.
 */
export function compilePattern(pattern: string): PathPattern {
  const segs: PatternSeg[] = [];
  let i = pattern.startsWith('$') ? 1 : 0;
  const fail = (): never => {
    throw new Error(`invalid JSON path pattern ${JSON.stringify(pattern)} at character ${i}`);
  };
  while (i < pattern.length) {
    const c = pattern[i];
    if (c === '.') {
      const m = /^[^.[\]]+/.exec(pattern.slice(i + 1));
      if (!m) fail();
      const name = (m as RegExpExecArray)[0];
      segs.push(name === '*' ? { kind: 'anyKey' } : { kind: 'key', name });
      i += 1 + name.length;
    } else if (c === '[') {
      const close = pattern.indexOf(']', i);
      if (close < 0) fail();
      const inner = pattern.slice(i + 1, close);
      if (inner === '*') segs.push({ kind: 'anyIndex' });
      else if (/^\d+$/.test(inner)) segs.push({ kind: 'index', index: Number(inner) });
      else if (inner.startsWith('"')) {
        let name: unknown;
        try {
          name = JSON.parse(inner);
        } catch {
          fail();
        }
        if (typeof name !== 'string') fail();
        segs.push({ kind: 'key', name: name as string });
      } else fail();
      i = close + 1;
    } else fail();
  }
  return { source: pattern, segs };
}

/** Whether a concrete path matches a pattern. */
export function matchPath(pattern: PathPattern, path: readonly PathSegment[]): boolean {
  const segs = pattern.segs;
  if (segs.length !== path.length) return false;
  for (let i = 0; i < segs.length; i++) {
    const s = segs[i] as PatternSeg;
    const p = path[i];
    switch (s.kind) {
      case 'key':
        if (p !== s.name) return false;
        break;
      case 'anyKey':
        if (typeof p !== 'string') return false;
        break;
      case 'index':
        if (p !== s.index) return false;
        break;
      case 'anyIndex':
        if (typeof p !== 'number') return false;
        break;
    }
  }
  return true;
}

export interface JsonSplitOptions {
  /** Big arrays: their elements are parsed in batches and delivered by `items`. */
  arrays?: readonly string[];
  /** Containers whose skeleton is parsed and delivered by `value` when they close. */
  emit?: readonly string[];
  /** Elements per JSON.parse batch (default 1000). */
  batchSize?: number;
  /** A batch is also cut once it holds this many bytes (default 4 MiB). */
  maxBatchBytes?: number;
  /**
   * Largest single element of a big array, in bytes (default 256 MiB: the element must fit in
   * one V8 string). Larger elements give IngestError('LIMIT').
   */
  maxElementBytes?: number;
  /** Deepest nesting accepted (default MAX_JSON_DEPTH); deeper gives IngestError('LIMIT'). */
  maxDepth?: number;
  /** Called with the number of bytes read so far, after each chunk. */
  onProgress?: (bytesRead: number) => void;
  /**
   * Accept Python's `NaN`, `Infinity` and `-Infinity` tokens (default true): Python's json
   * module writes them, and Rally does (a periodic hook trigger without `end` is written as
   * `"end": Infinity`). They become the JS numbers. With false they are syntax errors.
   */
  nonFinite?: boolean;
}

export interface JsonSplitHandler {
  /** Consecutive elements of the big array at `path`, the first one at index `firstIndex`. */
  items?(path: readonly PathSegment[], items: unknown[], firstIndex: number): void | Promise<void>;
  /** A big array closed after `count` elements (all delivered before). */
  arrayEnd?(path: readonly PathSegment[], count: number): void | Promise<void>;
  /** A container matching an `emit` pattern closed: its skeleton, parsed. */
  value?(path: readonly PathSegment[], value: unknown): void | Promise<void>;
  /** Synchronous: an object key was read in the skeleton (`path` is the object's path). */
  key?(path: readonly PathSegment[], key: string): void;
}

export type JsonSplitEvent =
  | { type: 'items'; path: readonly PathSegment[]; items: unknown[]; firstIndex: number }
  | { type: 'arrayEnd'; path: readonly PathSegment[]; count: number }
  | { type: 'value'; path: readonly PathSegment[]; value: unknown };

// Byte values.
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const LBRACE = 0x7b;
const RBRACE = 0x7d;
const LBRACKET = 0x5b;
const RBRACKET = 0x5d;
const COMMA = 0x2c;
const COLON = 0x3a;

// What the skeleton tokenizer expects next.
enum Expect {
  Value = 0,
  ValueOrClose = 1, // just after '['
  KeyOrClose = 2, // just after '{'
  Key = 3, // after ',' in an object
  Colon = 4,
  CommaOrClose = 5,
  End = 6, // the root value is complete
}

// Lexical state of the skeleton tokenizer.
enum Lex {
  None = 0,
  Str = 1,
  Scalar = 2,
}

interface Frame {
  isArray: boolean;
  /** The container's own path. */
  path: PathSegment[];
  /** Objects: the current key. */
  key: string | null;
  /** Arrays: index of the current (or next) element. */
  index: number;
  /** Offset of the container's first byte in the skeleton buffer. */
  skelStart: number;
  emit: boolean;
  big: boolean;
}

// Byte classes for the element scanner: everything that is not structural is "plain".
const CLS_PLAIN = 0;
const CLS_WS = 1;
const CLS_STRUCT = 2;
const BYTE_CLASS = new Uint8Array(256);
for (const b of [0x20, 0x0a, 0x0d, 0x09]) BYTE_CLASS[b] = CLS_WS;
for (const b of [QUOTE, LBRACE, RBRACE, LBRACKET, RBRACKET, COMMA]) BYTE_CLASS[b] = CLS_STRUCT;

/**
 * Deepest nesting accepted (containers inside containers, the root counting 1). Python's json
 * module, which writes Rally's files, stops near 1000; nothing Rally writes comes close to this.
 */
export const MAX_JSON_DEPTH = 512;

const NUMBER = /^-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?$/;
const MiB = 1 << 20;
const BOM = [0xef, 0xbb, 0xbf];

function isWs(b: number): boolean {
  return b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09;
}

function isScalarByte(b: number): boolean {
  return (
    (b >= 0x30 && b <= 0x39) || // 0-9
    (b >= 0x61 && b <= 0x7a) || // a-z
    (b >= 0x41 && b <= 0x5a) || // A-Z
    b === 0x2b || // +
    b === 0x2d || // -
    b === 0x2e // .
  );
}

function isHex(b: number): boolean {
  return (b >= 0x30 && b <= 0x39) || (b >= 0x61 && b <= 0x66) || (b >= 0x41 && b <= 0x46);
}

function describeByte(b: number): string {
  if (b >= 0x20 && b < 0x7f) return `'${String.fromCharCode(b)}'`;
  return `byte 0x${b.toString(16).padStart(2, '0')}`;
}

function expectation(e: Expect): string {
  switch (e) {
    case Expect.Value:
      return 'a value';
    case Expect.ValueOrClose:
      return "a value or ']'";
    case Expect.KeyOrClose:
      return "a string key or '}'";
    case Expect.Key:
      return 'a string key';
    case Expect.Colon:
      return "':'";
    case Expect.CommaOrClose:
      return "',' or a closing bracket";
    case Expect.End:
      return 'the end of the input';
  }
}

// Python's non-finite tokens, rewritten to marked strings so that JSON.parse accepts the text,
// then turned back into numbers by a reviver. Only used when a plain JSON.parse failed.
const NON_FINITE_MARK = '\u0000';
const NON_FINITE: Record<string, number> = {
  [`${NON_FINITE_MARK}NaN`]: Number.NaN,
  [`${NON_FINITE_MARK}Infinity`]: Number.POSITIVE_INFINITY,
  [`${NON_FINITE_MARK}-Infinity`]: Number.NEGATIVE_INFINITY,
};

/** Replaces bare NaN / Infinity / -Infinity (outside strings) with marked strings; null if none. */
function markNonFinite(text: string): string | null {
  let out = '';
  let last = 0;
  let inStr = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inStr) {
      if (c === BACKSLASH) i++;
      else if (c === QUOTE) inStr = false;
      continue;
    }
    if (c === QUOTE) {
      inStr = true;
    } else if (c === 0x4e && text.startsWith('NaN', i)) {
      out += `${text.slice(last, i)}"\\u0000NaN"`;
      i += 2;
      last = i + 1;
    } else if (c === 0x49 && text.startsWith('Infinity', i)) {
      const minus = i > 0 && text.charCodeAt(i - 1) === 0x2d;
      out += `${text.slice(last, minus ? i - 1 : i)}"\\u0000${minus ? '-' : ''}Infinity"`;
      i += 7;
      last = i + 1;
    }
  }
  return last === 0 ? null : out + text.slice(last);
}

function reviveNonFinite(_key: string, value: unknown): unknown {
  if (typeof value === 'string' && value.charCodeAt(0) === 0) {
    const n = NON_FINITE[value];
    if (n !== undefined) return n;
  }
  return value;
}

/**
 * The path of the first container nested deeper than `max` levels in a parsed value (the value
 * itself counting 1), or null. Iterative: it never recurses, whatever the depth.
 */
export function deeperThan(value: unknown, max: number): PathSegment[] | null {
  if (typeof value !== 'object' || value === null) return null;
  const stack: { v: object; depth: number; path: PathSegment[] }[] = [
    { v: value, depth: 1, path: [] },
  ];
  for (let top = stack.pop(); top; top = stack.pop()) {
    const { v, depth, path } = top;
    if (depth > max) return path;
    const entries: [PathSegment, unknown][] = Array.isArray(v)
      ? v.map((x, i) => [i, x])
      : Object.entries(v);
    for (let i = entries.length - 1; i >= 0; i--) {
      const [k, x] = entries[i] as [PathSegment, unknown];
      if (typeof x === 'object' && x !== null)
        stack.push({ v: x, depth: depth + 1, path: [...path, k] });
    }
  }
  return null;
}

/** JSON.parse, plus Python's non-finite numbers when `nonFinite`. */
export function parseJsonText(text: string, nonFinite = true): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    if (!nonFinite) throw e;
    const marked = markNonFinite(text);
    if (marked === null) throw e;
    try {
      return JSON.parse(marked, reviveNonFinite);
    } catch {
      throw e;
    }
  }
}

interface SplitterInit {
  /** Path of the root value (for re-scanning a batch as if it were the enclosing array). */
  rootPath?: PathSegment[];
  /** Index of the root array's first element. */
  rootIndexOffset?: number;
  /** Offset of the first byte in the original input. */
  byteOffset?: number;
}

/**
 * The push-style splitter. `push` chunks, `takeEvents` after each push, `end` at the end.
 * Most callers want `splitJson`, which drives it from a ByteSource.
 */
export class JsonSplitter {
  private readonly arrays: PathPattern[];
  private readonly emits: PathPattern[];
  private readonly batchSize: number;
  private readonly maxBatchBytes: number;
  private readonly maxElementBytes: number;
  private readonly maxDepth: number;
  private readonly keyHook: JsonSplitHandler['key'];
  private readonly decoder = new TextDecoder();
  private readonly rootPath: PathSegment[];
  private readonly rootIndexOffset: number;
  private readonly nonFinite: boolean;

  private events: JsonSplitEvent[] = [];
  /** Offset (in the input) of the first byte of the current chunk. */
  private chunkPos: number;
  /** Bytes of a leading byte order mark matched so far; -1 once past it. */
  private bom = 0;
  private ended = false;

  // Skeleton tokenizer.
  private stack: Frame[] = [];
  private expect: Expect = Expect.Value;
  private lex: Lex = Lex.None;
  private strIsKey = false;
  private strStart = 0; // skeleton offset of the opening quote
  private strPos = 0; // input offset of the opening quote
  private esc = false;
  private uhex = 0;
  private scalarStart = 0;
  private scalarPos = 0;
  private skel = new Uint8Array(4096);
  private skelLen = 0;
  private rootValue: unknown = undefined;

  // Element mode (inside a big array).
  private inBig = false;
  private eDepth = 0;
  private eTypes = new Uint8Array(64);
  private eInStr = false;
  private eEsc = false;
  private eContent = false;
  private eStart = 0; // input offset where the current element's bytes may start
  private eCount = 0; // elements delivered (or batched) before the current batch
  private batchStart = 0; // input offset of the current batch's first byte
  private batchCount = 0;
  private pieces: Uint8Array[] = [];
  private piecesBytes = 0;
  private sawComma = false;

  constructor(
    options: JsonSplitOptions = {},
    handler: Pick<JsonSplitHandler, 'key'> = {},
    init: SplitterInit = {},
  ) {
    this.arrays = (options.arrays ?? []).map(compilePattern);
    this.emits = (options.emit ?? []).map(compilePattern);
    this.batchSize = Math.max(1, options.batchSize ?? 1000);
    this.maxBatchBytes = Math.max(1, options.maxBatchBytes ?? 4 * MiB);
    this.maxElementBytes = options.maxElementBytes ?? 256 * MiB;
    this.maxDepth = Math.max(1, options.maxDepth ?? MAX_JSON_DEPTH);
    this.keyHook = handler.key;
    this.nonFinite = options.nonFinite ?? true;
    this.rootPath = init.rootPath ?? [];
    this.rootIndexOffset = init.rootIndexOffset ?? 0;
    this.chunkPos = init.byteOffset ?? 0;
  }

  /** Bytes consumed so far (plus the initial offset). */
  get position(): number {
    return this.chunkPos;
  }

  /** True once the root value is complete (only whitespace may follow). */
  get complete(): boolean {
    return this.expect === Expect.End && this.lex === Lex.None;
  }

  /** The root skeleton once `end()` returned. */
  get root(): unknown {
    return this.rootValue;
  }

  /** Events produced since the last call, in order. */
  takeEvents(): JsonSplitEvent[] {
    const out = this.events;
    this.events = [];
    return out;
  }

  push(chunk: Uint8Array): void {
    if (this.ended) throw new Error('JsonSplitter: push after end');
    let i = 0;
    const n = chunk.length;
    // A UTF-8 byte order mark is not JSON, but editors write it: skip it (even split over chunks).
    while (this.bom >= 0 && i < n) {
      if (chunk[i] === BOM[this.bom]) {
        i++;
        this.bom = this.bom === 2 ? -1 : this.bom + 1;
      } else if (this.bom > 0) {
        throw this.syntax('unexpected byte 0xef, expected a value', this.chunkPos + i - this.bom);
      } else {
        this.bom = -1;
      }
    }
    while (i < n) {
      i = this.inBig ? this.scanElements(chunk, i, n) : this.scanSkeleton(chunk, i, n);
    }
    if (this.inBig) this.keepBatchTail(chunk, n);
    this.chunkPos += n;
  }

  end(): void {
    if (this.ended) return;
    this.ended = true;
    const at = this.chunkPos;
    if (this.inBig) {
      const frame = this.stack[this.stack.length - 1] as Frame;
      const index = this.eCount + this.batchCount;
      throw new JsonSyntaxError(
        `unexpected end of input inside the array at ${this.pathString(frame.path)} ` +
          `(in element ${index}, byte ${at})`,
        `byte ${at}`,
      );
    }
    if (this.lex === Lex.Str) {
      throw this.syntax(
        `unexpected end of input inside a string that starts at byte ${this.strPos}`,
        at,
      );
    }
    if (this.lex === Lex.Scalar) this.endScalar();
    if (this.stack.length > 0) {
      const frame = this.stack[this.stack.length - 1] as Frame;
      throw this.syntax(
        `unexpected end of input: ${this.stack.length} unclosed ${this.stack.length === 1 ? 'container' : 'containers'}, ` +
          `the innermost ${frame.isArray ? 'an array' : 'an object'}`,
        at,
      );
    }
    if (this.expect !== Expect.End) throw this.syntax('unexpected end of input: no JSON value', at);
    this.rootValue = this.skelLen > 0 ? this.parseSkeleton(0, [...this.rootPath]) : undefined;
  }

  // ---- paths and errors ----

  private pathString(path: readonly PathSegment[]): string {
    return formatPath(path);
  }

  /** The path of the value being read (or about to be read). */
  private currentPath(): PathSegment[] {
    const top = this.stack[this.stack.length - 1];
    if (!top) return [...this.rootPath];
    if (top.isArray) return [...top.path, top.index];
    return top.key === null || this.expect === Expect.Key || this.expect === Expect.KeyOrClose
      ? [...top.path]
      : [...top.path, top.key];
  }

  private syntax(
    message: string,
    at: number,
    path: readonly PathSegment[] = this.currentPath(),
  ): JsonSyntaxError {
    return new JsonSyntaxError(`${message} at ${this.pathString(path)} (byte ${at})`, `byte ${at}`);
  }

  // ---- skeleton buffer ----

  private grow(extra: number): void {
    const need = this.skelLen + extra;
    if (need <= this.skel.length) return;
    let size = this.skel.length * 2;
    while (size < need) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.skel.subarray(0, this.skelLen));
    this.skel = next;
  }

  private append(b: number): void {
    if (this.skelLen === this.skel.length) this.grow(1);
    this.skel[this.skelLen++] = b;
  }

  private appendAscii(s: string): void {
    this.grow(s.length);
    for (let k = 0; k < s.length; k++) this.skel[this.skelLen++] = s.charCodeAt(k);
  }

  private parseSkeleton(start: number, path: readonly PathSegment[]): unknown {
    const text = this.decoder.decode(this.skel.subarray(start, this.skelLen));
    try {
      return parseJsonText(text, this.nonFinite);
    } catch (e) {
      // The tokenizer validated these bytes; reaching this is a bug, still reported cleanly.
      throw new JsonSyntaxError(
        `invalid JSON at ${this.pathString(path)}: ${(e as Error).message}`,
        `byte ${this.chunkPos}`,
      );
    }
  }

  // ---- skeleton tokenizer ----

  private scanSkeleton(chunk: Uint8Array, start: number, n: number): number {
    let i = start;
    for (; i < n; i++) {
      const b = chunk[i] as number;
      if (this.lex === Lex.Str) {
        if (this.uhex > 0) {
          if (!isHex(b))
            throw this.syntax(
              `invalid \\u escape: ${describeByte(b)} is not a hex digit`,
              this.chunkPos + i,
            );
          this.uhex--;
        } else if (this.esc) {
          this.esc = false;
          if (b === 0x75) this.uhex = 4;
          else if (
            b !== QUOTE &&
            b !== BACKSLASH &&
            b !== 0x2f &&
            b !== 0x62 &&
            b !== 0x66 &&
            b !== 0x6e &&
            b !== 0x72 &&
            b !== 0x74
          ) {
            throw this.syntax(
              `invalid escape \\${String.fromCharCode(b)} in a string`,
              this.chunkPos + i,
            );
          }
        } else if (b === BACKSLASH) {
          this.esc = true;
        } else if (b === QUOTE) {
          this.append(b);
          this.lex = Lex.None;
          this.endString();
          continue;
        } else if (b < 0x20) {
          throw this.syntax(
            `unescaped control character ${describeByte(b)} in a string`,
            this.chunkPos + i,
          );
        }
        this.append(b);
        continue;
      }
      if (this.lex === Lex.Scalar) {
        if (isScalarByte(b)) {
          this.append(b);
          continue;
        }
        this.endScalar();
      }
      if (isWs(b)) continue;
      const at = this.chunkPos + i;
      switch (b) {
        case LBRACE:
        case LBRACKET: {
          this.beginValue(b, at);
          if (this.stack.length >= this.maxDepth) throw this.tooDeep(at, this.currentPath());
          const isArray = b === LBRACKET;
          const path = this.currentPath();
          const big = isArray && this.arrays.some((p) => matchPath(p, path));
          const emit = !big && this.emits.some((p) => matchPath(p, path));
          // A probe's root array numbers its elements from the batch's first index.
          const index = this.stack.length === 0 ? this.rootIndexOffset : 0;
          this.stack.push({ isArray, path, key: null, index, skelStart: this.skelLen, emit, big });
          if (big) {
            this.expect = Expect.ValueOrClose;
            this.enterBig(at + 1);
            return i + 1;
          }
          this.append(b);
          if (isArray) this.expect = Expect.ValueOrClose;
          else this.expect = Expect.KeyOrClose;
          break;
        }
        case RBRACE:
        case RBRACKET: {
          const top = this.stack[this.stack.length - 1];
          const isArray = b === RBRACKET;
          const okExpect = isArray
            ? this.expect === Expect.ValueOrClose || this.expect === Expect.CommaOrClose
            : this.expect === Expect.KeyOrClose || this.expect === Expect.CommaOrClose;
          if (!top || top.isArray !== isArray || !okExpect) {
            throw this.syntax(
              `unexpected ${describeByte(b)}, expected ${top && !okExpect ? expectation(this.expect) : top ? `'${top.isArray ? ']' : '}'}'` : expectation(this.expect)}`,
              at,
            );
          }
          this.append(b);
          this.closeContainer();
          break;
        }
        case COMMA: {
          const top = this.stack[this.stack.length - 1];
          if (this.expect !== Expect.CommaOrClose || !top) {
            throw this.syntax(`unexpected ',', expected ${expectation(this.expect)}`, at);
          }
          this.append(b);
          if (top.isArray) {
            top.index++;
            this.expect = Expect.Value;
          } else {
            this.expect = Expect.Key;
          }
          break;
        }
        case COLON:
          if (this.expect !== Expect.Colon) {
            throw this.syntax(`unexpected ':', expected ${expectation(this.expect)}`, at);
          }
          this.append(b);
          this.expect = Expect.Value;
          break;
        case QUOTE:
          if (this.expect === Expect.Key || this.expect === Expect.KeyOrClose) {
            this.strIsKey = true;
          } else {
            this.beginValue(b, at);
            this.strIsKey = false;
          }
          this.lex = Lex.Str;
          this.strStart = this.skelLen;
          this.strPos = at;
          this.append(b);
          break;
        default:
          if (
            b === 0x2d ||
            (b >= 0x30 && b <= 0x39) ||
            b === 0x74 ||
            b === 0x66 ||
            b === 0x6e ||
            (this.nonFinite && (b === 0x4e || b === 0x49)) // NaN, Infinity
          ) {
            this.beginValue(b, at);
            this.lex = Lex.Scalar;
            this.scalarStart = this.skelLen;
            this.scalarPos = at;
            this.append(b);
          } else {
            throw this.syntax(
              `unexpected ${describeByte(b)}, expected ${expectation(this.expect)}`,
              at,
            );
          }
      }
    }
    return i;
  }

  /** A value starts at `at`: check that one is expected here. */
  private beginValue(b: number, at: number): void {
    if (this.expect !== Expect.Value && this.expect !== Expect.ValueOrClose) {
      throw this.syntax(`unexpected ${describeByte(b)}, expected ${expectation(this.expect)}`, at);
    }
  }

  /** A value (string, scalar or container) is complete. */
  private valueDone(): void {
    this.expect = this.stack.length === 0 ? Expect.End : Expect.CommaOrClose;
  }

  private endString(): void {
    if (this.strIsKey) {
      const key = JSON.parse(
        this.decoder.decode(this.skel.subarray(this.strStart, this.skelLen)),
      ) as string;
      const top = this.stack[this.stack.length - 1] as Frame;
      top.key = key;
      this.expect = Expect.Colon;
      this.keyHook?.(top.path, key);
    } else {
      this.valueDone();
    }
  }

  private endScalar(): void {
    this.lex = Lex.None;
    let token = '';
    for (let k = this.scalarStart; k < this.skelLen; k++)
      token += String.fromCharCode(this.skel[k] as number);
    const nonFinite =
      this.nonFinite && (token === 'NaN' || token === 'Infinity' || token === '-Infinity');
    if (
      token !== 'true' &&
      token !== 'false' &&
      token !== 'null' &&
      !nonFinite &&
      !NUMBER.test(token)
    ) {
      throw this.syntax(
        `invalid literal or number ${JSON.stringify(token.slice(0, 40))}`,
        this.scalarPos,
      );
    }
    this.valueDone();
  }

  private closeContainer(): void {
    const frame = this.stack.pop() as Frame;
    if (frame.emit) {
      const value = this.parseSkeleton(frame.skelStart, frame.path);
      this.events.push({ type: 'value', path: frame.path, value });
      // Detach: the parent keeps `null` in place of the emitted container.
      this.skelLen = frame.skelStart;
      this.appendAscii('null');
    }
    this.valueDone();
  }

  // ---- element mode ----

  private enterBig(contentStart: number): void {
    this.inBig = true;
    this.eDepth = 0;
    this.eInStr = false;
    this.eEsc = false;
    this.eContent = false;
    this.eStart = contentStart;
    this.eCount = 0;
    this.batchStart = contentStart;
    this.batchCount = 0;
    this.pieces = [];
    this.piecesBytes = 0;
    this.sawComma = false;
  }

  /**
   * The hot loop: finds element boundaries in a big array. Returns the index after the
   * array's closing bracket, or `n` at the end of the chunk.
   */
  private scanElements(chunk: Uint8Array, start: number, n: number): number {
    let depth = this.eDepth;
    let inStr = this.eInStr;
    let esc = this.eEsc;
    let content = this.eContent;
    let types = this.eTypes;
    for (let i = start; i < n; i++) {
      if (inStr) {
        // Tight loop to the closing quote; only '"' and '\\' matter inside a string.
        if (esc) {
          esc = false; // this byte is escaped (the backslash ended the previous chunk)
          continue;
        }
        let s = chunk[i] as number;
        while (s !== QUOTE) {
          if (s === BACKSLASH && ++i >= n) {
            esc = true;
            break;
          }
          if (++i >= n) break;
          s = chunk[i] as number;
        }
        if (i >= n) break;
        inStr = false;
        continue;
      }
      const b = chunk[i] as number;
      const cls = BYTE_CLASS[b] as number;
      if (cls <= CLS_WS) {
        // Most bytes: digits, letters, ':', whitespace.
        if (cls === CLS_PLAIN) content = true;
        continue;
      }
      if (b === QUOTE) {
        inStr = true;
        content = true;
      } else if (b === LBRACE || b === LBRACKET) {
        if (depth + this.stack.length >= this.maxDepth) {
          this.eDepth = depth;
          const frame = this.stack[this.stack.length - 1] as Frame;
          throw this.tooDeep(this.chunkPos + i, [...frame.path, this.eCount + this.batchCount]);
        }
        if (depth === types.length) {
          const next = new Uint8Array(types.length * 2);
          next.set(types);
          types = next;
          this.eTypes = next;
        }
        types[depth++] = b;
        content = true;
      } else if (b === RBRACE || b === RBRACKET) {
        if (depth > 0) {
          const open = types[--depth];
          // '[' + 2 === ']' and '{' + 2 === '}'
          if (open !== b - 2) {
            this.eDepth = depth;
            throw this.elementError(
              `unexpected ${describeByte(b)} closing ${open === LBRACE ? 'an object' : 'an array'}`,
              this.chunkPos + i,
            );
          }
          continue;
        }
        if (b === RBRACE) {
          throw this.elementError("unexpected '}', expected ',' or ']'", this.chunkPos + i);
        }
        // The big array ends.
        this.eDepth = 0;
        this.eInStr = false;
        this.eEsc = false;
        this.eContent = content;
        this.endElement(chunk, i, true);
        this.leaveBig();
        return i + 1;
      } else if (b === COMMA) {
        if (depth === 0) {
          this.eDepth = 0;
          this.eContent = content;
          this.endElement(chunk, i, false);
          content = false;
        }
      }
    }
    this.eDepth = depth;
    this.eInStr = inStr;
    this.eEsc = esc;
    this.eContent = content;
    return n;
  }

  /** Nesting past maxDepth at input offset `at`, inside the value at `path`. */
  private tooDeep(at: number, path: readonly PathSegment[]): IngestError {
    return new IngestError(
      'LIMIT',
      `JSON nested deeper than ${this.maxDepth} levels at ${this.pathString(path)} (byte ${at})`,
      `byte ${at}`,
    );
  }

  private elementError(message: string, at: number): JsonSyntaxError {
    const frame = this.stack[this.stack.length - 1] as Frame;
    const path = [...frame.path, this.eCount + this.batchCount];
    return new JsonSyntaxError(`${message} at ${this.pathString(path)} (byte ${at})`, `byte ${at}`);
  }

  /** The element ending at chunk[i] (a ',' or the array's ']') is complete. */
  private endElement(chunk: Uint8Array, i: number, last: boolean): void {
    const at = this.chunkPos + i;
    if (!this.eContent) {
      if (!last) throw this.elementError("unexpected ',', expected a value", at);
      if (this.sawComma) throw this.elementError("unexpected ']' after ',', expected a value", at);
    } else {
      this.batchCount++;
    }
    this.eContent = false;
    this.eStart = at + 1;
    if (!last) this.sawComma = true;
    if (
      this.batchCount > 0 &&
      (last || this.batchCount >= this.batchSize || at - this.batchStart >= this.maxBatchBytes)
    ) {
      this.flushBatch(chunk, i);
    } else if (last) {
      this.pieces = [];
      this.piecesBytes = 0;
    }
  }

  /** Parses the batch that ends just before chunk[end]. */
  private flushBatch(chunk: Uint8Array, end: number): void {
    const frame = this.stack[this.stack.length - 1] as Frame;
    const from = Math.max(0, this.batchStart - this.chunkPos);
    let bytes: Uint8Array;
    if (this.pieces.length === 0) {
      bytes = chunk.subarray(from, end);
    } else {
      const tail = chunk.subarray(from, end);
      bytes = new Uint8Array(this.piecesBytes + tail.length);
      let o = 0;
      for (const p of this.pieces) {
        bytes.set(p, o);
        o += p.length;
      }
      bytes.set(tail, o);
    }
    const firstIndex = this.eCount;
    let items: unknown[];
    try {
      items = parseJsonText(`[${this.decoder.decode(bytes)}]`, this.nonFinite) as unknown[];
    } catch (e) {
      throw this.locateBatchError(bytes, frame.path, firstIndex, this.batchStart, e as Error);
    }
    if (items.length !== this.batchCount) {
      // Cannot happen with valid JSON (the boundaries come from the same bytes); be loud.
      throw new JsonSyntaxError(
        `batch of ${this.batchCount} elements at ${this.pathString([...frame.path, firstIndex])} parsed as ${items.length}`,
        `byte ${this.batchStart}`,
      );
    }
    this.events.push({ type: 'items', path: frame.path, items, firstIndex });
    this.eCount += this.batchCount;
    this.batchCount = 0;
    this.batchStart = this.chunkPos + end + 1;
    this.pieces = [];
    this.piecesBytes = 0;
  }

  /** Re-scans a rejected batch with the validating tokenizer to find the exact error. */
  private locateBatchError(
    bytes: Uint8Array,
    arrayPath: PathSegment[],
    firstIndex: number,
    byteStart: number,
    cause: Error,
  ): JsonSyntaxError {
    const probe = new JsonSplitter(
      // The probe's root is the array itself: its elements start one level deeper.
      { nonFinite: this.nonFinite, maxDepth: this.maxDepth - this.stack.length + 1 },
      {},
      { rootPath: arrayPath, rootIndexOffset: firstIndex, byteOffset: byteStart - 1 },
    );
    try {
      probe.push(new Uint8Array([LBRACKET]));
      probe.push(bytes);
      probe.push(new Uint8Array([RBRACKET]));
      probe.end();
    } catch (e) {
      if (e instanceof JsonSyntaxError) return e;
      throw e;
    }
    return new JsonSyntaxError(
      `invalid JSON in ${this.pathString([...arrayPath, firstIndex])} and the following elements: ${cause.message}`,
      `byte ${byteStart}`,
    );
  }

  /** End of chunk inside a big array: keep the bytes of the unfinished batch. */
  private keepBatchTail(chunk: Uint8Array, n: number): void {
    const from = Math.max(0, this.batchStart - this.chunkPos);
    if (from < n) {
      // Copy: the source may reuse its buffer for the next chunk.
      const piece = chunk.slice(from, n);
      this.pieces.push(piece);
      this.piecesBytes += piece.length;
    }
    const elementBytes = this.chunkPos + n - this.eStart;
    if (elementBytes > this.maxElementBytes) {
      const frame = this.stack[this.stack.length - 1] as Frame;
      const path = [...frame.path, this.eCount + this.batchCount];
      throw new IngestError(
        'LIMIT',
        `element ${this.pathString(path)} is larger than ${this.maxElementBytes} bytes`,
        `byte ${this.eStart}`,
      );
    }
  }

  private leaveBig(): void {
    const frame = this.stack.pop() as Frame;
    this.events.push({ type: 'arrayEnd', path: frame.path, count: this.eCount });
    this.inBig = false;
    this.pieces = [];
    this.piecesBytes = 0;
    // The skeleton shows the big array as empty.
    this.appendAscii('[]');
    this.valueDone();
  }
}

/**
 * Splits the JSON document read from `source`, calling the handler for each batch of big-array
 * elements and each emitted container, in document order. Handler promises are awaited
 * (backpressure, at most ~1 MiB of input is parsed ahead). Returns the root skeleton.
 */
export async function splitJson(
  source: ByteSource,
  handler: JsonSplitHandler,
  options: JsonSplitOptions = {},
): Promise<{ root: unknown; bytes: number }> {
  const splitter = new JsonSplitter(options, handler);
  let bytes = 0;
  for (let chunk = await source.read(); chunk; chunk = await source.read()) {
    for (let off = 0; off < chunk.length; off += MiB) {
      const part = off === 0 && chunk.length <= MiB ? chunk : chunk.subarray(off, off + MiB);
      splitter.push(part);
      await deliver(splitter.takeEvents(), handler);
    }
    bytes += chunk.length;
    options.onProgress?.(bytes);
  }
  splitter.end();
  await deliver(splitter.takeEvents(), handler);
  return { root: splitter.root, bytes };
}

async function deliver(events: JsonSplitEvent[], handler: JsonSplitHandler): Promise<void> {
  for (const ev of events) {
    let r: void | Promise<void>;
    if (ev.type === 'items') r = handler.items?.(ev.path, ev.items, ev.firstIndex);
    else if (ev.type === 'arrayEnd') r = handler.arrayEnd?.(ev.path, ev.count);
    else r = handler.value?.(ev.path, ev.value);
    if (r) await r;
  }
}
