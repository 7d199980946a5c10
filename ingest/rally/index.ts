// Rally result files (both JSON shapes), streamed: iterations go to the sink in batches while
// the file is read, so a 600 MB report with 1,000,000 iterations never sits in memory.
//
// Detection cascade (STYLE.md §4): the first 64 KiB decide between the old list of workloads
// (`parseLegacyResults`), the new `{info, tasks}` report (`parseTaskReportV1`) and Rally's HTML
// report (`parseHtmlReport`, read whole: it holds at most 1000 points per series).

import { CouldNotDetermineFormatError, IngestError } from '../core/errors';
import type { ByteSource } from '../core/source';
import { DETECT_HEAD_BYTES, detectHtmlHead, detectRallyHead } from './detect';

/** How far detection may read when the first 64 KiB are not decisive. */
const MAX_HEAD_BYTES = 4 * 1024 * 1024;
import { parseHtmlReport } from './parseHtmlReport';
import { parseLegacyResults } from './parseLegacyResults';
import { parseTaskReportV1 } from './parseTaskReportV1';
import type { RallyParseOptions, RallyParseResult, RallySink } from './types';

export type { RallySink, RallyParseOptions, RallyParseResult } from './types';
export {
  detectRally,
  detectRallyHead,
  detectHtmlHead,
  DETECT_HEAD_BYTES,
  type RallyJsonFormat,
  type RallyDetectedFormat,
} from './detect';
export { parseHtmlReport, tableToStats, HTML_ZIPPED_SIZE } from './parseHtmlReport';
export { parseLegacyResults } from './parseLegacyResults';
export { parseTaskReportV1, KNOWN_FORMAT_VERSIONS } from './parseTaskReportV1';
export { RallyStats, toRallyTable, NO_NAME_ACTION, type RallyTableRow } from './stats';

export async function parseRally(
  source: ByteSource,
  sink: RallySink,
  opts: RallyParseOptions = {},
): Promise<RallyParseResult> {
  const reader = new HeadReader(source);
  let head = await reader.read(DETECT_HEAD_BYTES);
  let detected = isBlank(head) ? 'undecided' : detectRallyHead(head);
  // Nothing decisive in the first 64 KiB (long hooks before `result`?): look further.
  while (detected === 'undecided' && !reader.ended && head.length < MAX_HEAD_BYTES) {
    head = await reader.read(head.length * 4);
    detected = isBlank(head) ? 'undecided' : detectRallyHead(head);
  }
  if (reader.ended && isBlank(head)) {
    throw new IngestError('EMPTY', 'empty input: no bytes to parse', 'byte 0');
  }
  const format = detected === 'undecided' ? null : detected;
  const replay = reader.replay();
  if (format === null) {
    if (detectHtmlHead(head) !== null) {
      throw new CouldNotDetermineFormatError(
        "not a Rally task report: an HTML document without Rally's `$scope.scenarios = […]` data" +
          (reader.ended ? '' : ` in its first ${head.length} bytes`),
      );
    }
    throw new CouldNotDetermineFormatError(
      'not a Rally result file: expected a list of workloads with `key` and `result` (rally task results), ' +
        'an object with `info` and `tasks` (rally task report --json) or an HTML report (rally task report)',
    );
  }
  if (format === 'rally-html') {
    const r = await parseHtmlReport(replay, sink, opts);
    return { format, formatVersion: r.formatVersion, warnings: r.warnings };
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

/** Reads the first bytes of a source and then replays them before the rest. */
class HeadReader {
  private readonly chunks: Uint8Array[] = [];
  private total = 0;
  ended = false;

  constructor(private readonly source: ByteSource) {}

  /** At least `want` bytes from the start (fewer at the end of the input). */
  async read(want: number): Promise<Uint8Array> {
    while (this.total < want && !this.ended) {
      const chunk = await this.source.read();
      if (chunk === null) this.ended = true;
      else if (chunk.length > 0) {
        // Kept as given: a source must not reuse a chunk's memory after returning it.
        this.chunks.push(chunk);
        this.total += chunk.length;
      }
    }
    if (this.chunks.length === 1) return this.chunks[0] as Uint8Array;
    const head = new Uint8Array(this.total);
    let o = 0;
    for (const c of this.chunks) {
      head.set(c, o);
      o += c.length;
    }
    return head;
  }

  replay(): ByteSource {
    let k = 0;
    const { chunks, source } = this;
    return {
      size: source.size,
      read: async () => {
        if (k < chunks.length) return chunks[k++] as Uint8Array;
        if (this.ended) return null;
        return source.read();
      },
    };
  }
}
