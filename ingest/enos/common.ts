// Shared pieces of the EnOS parsers: result shape, errors, YAML reading with line numbers, text
// decoding. Pure: strings and Uint8Array only.
import {
  type CST,
  Composer,
  type Document,
  isMap,
  isSeq,
  LineCounter,
  Parser,
  YAMLParseError,
} from 'yaml';
import { IngestError, type IngestErrorCode } from '@/ingest/core/errors';
import type { ParseWarning } from '@/ingest/model';

export interface ParseResult<T> {
  value: T;
  warnings: ParseWarning[];
  format: string;
  formatVersion: string | null;
}

// The error codes of ingest/core/errors.ts have no EnOS entry yet; `ENOS_SHAPE` is proposed to
// the lead (see the report). The cast keeps the code stable in the meantime.
const ENOS_SHAPE = 'ENOS_SHAPE' as IngestErrorCode;

/** Fatal structure error in an EnOS file (reservation, inventory, fping output, ombt output). */
export class EnosContentError extends IngestError {
  override name = 'EnosContentError';
  constructor(message: string, at: string | null) {
    super(ENOS_SHAPE, message, at);
  }
}

/** Bytes or text to text: UTF-8 (a BOM is dropped), invalid sequences replaced. */
export function toText(input: string | Uint8Array): string {
  const text = typeof input === 'string' ? input : new TextDecoder('utf-8').decode(input);
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

export type PathPart = string | number;

/** `network_constraints.constraints[1].delay` */
export function formatPath(path: readonly PathPart[]): string {
  let out = '';
  for (const p of path) {
    if (typeof p === 'number') out += `[${p}]`;
    else out += out ? `.${p}` : p;
  }
  return out || '$';
}

export interface YamlFile {
  /** The plain JavaScript value (YAML 1.1 as PyYAML reads it: `yes`/`no` are booleans). */
  data: unknown;
  /** 1-based line of the node at `path` (its value), or null. */
  lineOf(path: readonly PathPart[]): number | null;
}

/**
 * Deepest YAML nesting read (collections inside collections). The `yaml` package composes
 * recursively: 1,000 nested `[` overflow the stack, which it catches and reports as the syntax
 * error "Maximum call stack size exceeded" (an internal crash in disguise, found by fuzzing,
 * docs/FUZZING.md; with yaml's pretty errors on, 5,000 even aborted the process). Reservations
 * and descriptors nest a handful of levels.
 */
export const MAX_YAML_DEPTH = 100;

/**
 * Largest YAML file read (a reservation or a descriptor is a few KB). The `yaml` package reads
 * about 0.5 MB/s: a 64 MB upload (the pipeline's text limit) would hold the worker for minutes.
 */
export const MAX_YAML_CHARS = 256 * 1024;

/**
 * The offset of the first collection nested deeper than `max` in yaml's concrete syntax tree,
 * or null. Iterative: the tree may be deeper than the stack allows.
 */
function yamlTooDeep(tokens: readonly CST.Token[], max: number): number | null {
  const stack: [CST.Token, number][] = tokens.map((t) => [t, 0]);
  for (let top = stack.pop(); top; top = stack.pop()) {
    const [t, depth] = top;
    switch (t.type) {
      case 'document':
        if (t.value) stack.push([t.value, depth]);
        break;
      case 'block-map':
      case 'block-seq':
      case 'flow-collection':
        if (depth + 1 > max) return t.offset;
        for (const item of t.items as CST.CollectionItem[]) {
          if (item.key) stack.push([item.key, depth + 1]);
          if (item.value) stack.push([item.value, depth + 1]);
        }
        break;
      default:
        break;
    }
  }
  return null;
}

/**
 * A quick look before yaml's parser, which recurses on some paths too (5,000 `- ` after a
 * stray NUL overflowed the stack inside it) and takes seconds over 200,000 `[`. Returns the
 * offset of a nesting that may be deeper than the limits, or null:
 * - flow brackets (outside quotes and comments) open more than `flowLimit` levels;
 * - a line's content (after its indentation and its `- `, `? `, `: ` block indicators) starts
 *   past column `columnLimit`: a block level needs one more column than its parent (two levels
 *   for a sequence under a mapping key), so block nesting is at most about twice the column.
 * Brackets and indentation inside scalars count too, so the limits are far above any real
 * file; the exact check on the syntax tree follows.
 */
function mayBeTooDeep(text: string, flowLimit: number, columnLimit: number): number | null {
  let depth = 0;
  let lineStart = true;
  for (let i = 0; i < text.length; i++) {
    if (lineStart) {
      lineStart = false;
      for (let j = i; ; ) {
        const c = text.charCodeAt(j);
        const n = text.charCodeAt(j + 1);
        if (c === 0x20) j++;
        else if ((c === 0x2d || c === 0x3f || c === 0x3a) && (n === 0x20 || n === 0x0a)) j += 2;
        else break;
        if (j - i > columnLimit) return i;
      }
    }
    const c = text.charCodeAt(i);
    if (c === 0x0a) {
      lineStart = true;
    } else if (c === 0x23 /* # */) {
      const p = i === 0 ? 0x0a : text.charCodeAt(i - 1);
      if (p === 0x20 || p === 0x09 || p === 0x0a || p === 0x0d) {
        const nl = text.indexOf('\n', i);
        if (nl < 0) break;
        i = nl;
        lineStart = true;
      }
    } else if (c === 0x22 /* " */) {
      for (i++; i < text.length && text.charCodeAt(i) !== 0x22; i++) {
        if (text.charCodeAt(i) === 0x5c) i++;
      }
    } else if (c === 0x5b || c === 0x7b) {
      if (++depth > flowLimit) return i;
    } else if (c === 0x5d || c === 0x7d) {
      if (depth > 0) depth--;
    }
  }
  return null;
}

/** yaml's parseDocument, with the nesting checked between its parser and its composer. */
function parseYamlDocument(
  text: string,
  version: '1.1' | '1.2',
  lineCounter: LineCounter,
): Document.Parsed {
  const tooDeep = (offset: number, lines: LineCounter): never => {
    const pos = lines.linePos(offset);
    const at = `line ${pos.line}, column ${pos.col}`;
    throw new IngestError('LIMIT', `YAML nested deeper than ${MAX_YAML_DEPTH} levels at ${at}`, at);
  };
  const brackets = mayBeTooDeep(text, 10 * MAX_YAML_DEPTH, 4 * MAX_YAML_DEPTH);
  if (brackets !== null) {
    const lines = new LineCounter();
    lines.addNewLine(0);
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lines.addNewLine(i + 1);
    tooDeep(brackets, lines);
  }
  let tokens: CST.Token[];
  try {
    tokens = [...new Parser(lineCounter.addNewLine).parse(text)];
  } catch (e) {
    // yaml's parser recurses while it recovers from some errors: lines that keep opening a
    // mapping inside a value (`compute:   control: 1`, 2,000 times at one indentation) ran it
    // out of stack (found by fuzzing, docs/FUZZING.md). Its state is local: report where it was.
    if (!(e instanceof RangeError)) throw e;
    const line = lineCounter.lineStarts.length;
    throw new IngestError(
      'LIMIT',
      `YAML too deeply nested for the YAML reader (it gave up near line ${line})`,
      `line ${line}`,
    );
  }
  const deep = yamlTooDeep(tokens, MAX_YAML_DEPTH);
  if (deep !== null) tooDeep(deep, lineCounter);
  const composer = new Composer({ version, uniqueKeys: false });
  let doc: Document.Parsed | null = null;
  for (const d of composer.compose(tokens, true, text.length)) {
    if (!doc) doc = d;
    else {
      // As parseDocument does: one document per file.
      doc.errors.push(
        new YAMLParseError(
          d.range.slice(0, 2) as [number, number],
          'MULTIPLE_DOCS',
          'Source contains multiple documents; please use YAML.parseAllDocuments()',
        ),
      );
      break;
    }
  }
  return doc as Document.Parsed;
}

/**
 * Parses YAML as the Python tools that wrote or read it do (PyYAML, YAML 1.1, duplicate keys:
 * last wins). Syntax errors throw `makeError` with `line L, column C`; nesting deeper than
 * MAX_YAML_DEPTH is an IngestError('LIMIT') with the same place.
 */
export function readYaml(
  text: string,
  makeError: (message: string, at: string | null) => Error,
  warnings: ParseWarning[],
  version: '1.1' | '1.2' = '1.1',
): YamlFile {
  if (text.length > MAX_YAML_CHARS) {
    throw new IngestError(
      'LIMIT',
      `YAML file of ${text.length} characters: more than ${MAX_YAML_CHARS}, the most read`,
      `character ${MAX_YAML_CHARS}`,
    );
  }
  const lineCounter = new LineCounter();
  const doc = parseYamlDocument(text, version, lineCounter);
  const first = doc.errors[0];
  if (first) {
    const pos = first.linePos?.[0] ?? lineCounter.linePos(first.pos[0]);
    const at = `line ${pos.line}, column ${pos.col}`;
    throw makeError(`YAML syntax error: ${first.message.split('\n')[0]}`, at);
  }
  for (const w of doc.warnings) {
    const pos = w.linePos?.[0] ?? lineCounter.linePos(w.pos[0]);
    warnings.push({ message: w.message, at: `line ${pos.line}` });
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 100 }); // yaml's default: stops alias bombs
  } catch (e) {
    throw makeError(`YAML cannot be read: ${e instanceof Error ? e.message : String(e)}`, null);
  }
  return {
    data,
    lineOf(path) {
      let node: unknown = doc.contents;
      for (const key of path) {
        if (isMap(node)) node = node.get(key, true);
        else if (isSeq(node) && typeof key === 'number') node = node.get(key, true);
        else return null;
      }
      const range = (node as { range?: [number, number, number] } | undefined)?.range;
      return range ? lineCounter.linePos(range[0]).line : null;
    },
  };
}

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Rounds away binary noise (0.1 + 0.2) while keeping every meaningful digit. */
export function clean(n: number): number {
  return Number(n.toPrecision(12));
}
