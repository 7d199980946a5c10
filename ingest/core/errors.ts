// The three tiers of ingest errors (STYLE.md, "Ingest"): unrecognised input, fatal structure
// (thrown), recoverable damage (a warning, see model.ts ParseWarning).

/** Stable machine-readable codes, shown in CLI --json output, jobs and API errors. */
export type IngestErrorCode =
  | 'UNRECOGNISED'
  | 'EMPTY'
  | 'JSON_SYNTAX'
  | 'RALLY_SHAPE'
  | 'PCAP_FORMAT'
  | 'ARCHIVE'
  | 'DESCRIPTOR'
  | 'CSV_SHAPE'
  | 'LIMIT'
  | 'NOT_FOUND';

export class IngestError extends Error {
  override name = 'IngestError';
  constructor(
    readonly code: IngestErrorCode,
    message: string,
    /** Where: a JSON path like `$[0].result[3].duration` or `byte 1234`. */
    readonly at: string | null = null,
  ) {
    super(message);
  }
}

export class CouldNotDetermineFormatError extends IngestError {
  override name = 'CouldNotDetermineFormatError';
  constructor(message = 'not a recognised result file') {
    super('UNRECOGNISED', message);
  }
}

/** Fatal structure error in a Rally file. */
export class RallyContentError extends IngestError {
  override name = 'RallyContentError';
  constructor(message: string, at: string | null) {
    super('RALLY_SHAPE', message, at);
  }
}

export class JsonSyntaxError extends IngestError {
  override name = 'JsonSyntaxError';
  constructor(message: string, at: string | null) {
    super('JSON_SYNTAX', message, at);
  }
}
