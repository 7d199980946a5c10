// Rally result files (both JSON shapes), streamed: iterations go to the sink in batches while
// the file is read, so a 600 MB report with 1,000,000 iterations never sits in memory.
//
// Detection cascade (STYLE.md §4): the first 64 KiB decide between the old list of workloads
// (`parseLegacyResults`) and the new `{info, tasks}` report (`parseTaskReportV1`).

import { CouldNotDetermineFormatError, IngestError } from '../core/errors';
import type { ByteSource } from '../core/source';
import { DETECT_HEAD_BYTES, detectRally } from './detect';
import { parseLegacyResults } from './parseLegacyResults';
import { parseTaskReportV1 } from './parseTaskReportV1';
import type { RallyParseOptions, RallyParseResult, RallySink } from './types';

export type { RallySink, RallyParseOptions, RallyParseResult } from './types';
export { detectRally, DETECT_HEAD_BYTES, type RallyJsonFormat } from './detect';
export { parseLegacyResults } from './parseLegacyResults';
export { parseTaskReportV1, KNOWN_FORMAT_VERSIONS } from './parseTaskReportV1';
export { RallyStats, toRallyTable, NO_NAME_ACTION, type RallyTableRow } from './stats';

export async function parseRally(
  source: ByteSource,
  sink: RallySink,
  opts: RallyParseOptions = {},
): Promise<RallyParseResult> {
  const { head, replay } = await readHead(source, DETECT_HEAD_BYTES);
  if (isBlank(head)) throw new IngestError('EMPTY', 'empty input: no bytes to parse', 'byte 0');
  const format = detectRally(head);
  if (format === null) {
    throw new CouldNotDetermineFormatError(
      'not a Rally result file: expected a list of workloads with `key` and `result` (rally task results) ' +
        'or an object with `info` and `tasks` (rally task report --json)',
    );
  }
  if (format === 'rally-old-json') {
    const r = await parseLegacyResults(replay, sink, opts);
    return { format, formatVersion: r.formatVersion, warnings: r.warnings };
  }
  const r = await parseTaskReportV1(replay, sink, opts);
  return { format, formatVersion: r.formatVersion, warnings: r.warnings };
}

/** Whitespace only (or a lone byte order mark). */
function isBlank(bytes: Uint8Array): boolean {
  let i = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  for (; i < bytes.length; i++) {
    const b = bytes[i];
    if (b !== 0x20 && b !== 0x0a && b !== 0x0d && b !== 0x09) return false;
  }
  return true;
}

/**
 * Reads at least `want` bytes (fewer at the end of the input) and returns them plus a source
 * that replays them before the rest.
 */
async function readHead(source: ByteSource, want: number): Promise<{ head: Uint8Array; replay: ByteSource }> {
  const chunks: Uint8Array[] = [];
  let total = 0;
  let ended = false;
  while (total < want) {
    const chunk = await source.read();
    if (chunk === null) {
      ended = true;
      break;
    }
    if (chunk.length === 0) continue;
    chunks.push(chunk);
    total += chunk.length;
  }
  let head: Uint8Array;
  if (chunks.length === 1) head = chunks[0] as Uint8Array;
  else {
    head = new Uint8Array(total);
    let o = 0;
    for (const c of chunks) {
      head.set(c, o);
      o += c.length;
    }
  }
  let k = 0;
  const replay: ByteSource = {
    size: source.size,
    async read() {
      if (k < chunks.length) return chunks[k++] as Uint8Array;
      if (ended) return null;
      return source.read();
    },
  };
  return { head, replay };
}
