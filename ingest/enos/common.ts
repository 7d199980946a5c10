// Shared pieces of the EnOS parsers: result shape, errors, YAML reading with line numbers, text
// decoding. Pure: strings and Uint8Array only.
import { isMap, isSeq, LineCounter, parseDocument } from 'yaml';
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
 * Parses YAML as the Python tools that wrote or read it do (PyYAML, YAML 1.1, duplicate keys:
 * last wins). Syntax errors throw `makeError` with `line L, column C`.
 */
export function readYaml(
  text: string,
  makeError: (message: string, at: string | null) => Error,
  warnings: ParseWarning[],
  version: '1.1' | '1.2' = '1.1',
): YamlFile {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, {
    version,
    uniqueKeys: false,
    lineCounter,
    prettyErrors: false,
  });
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
