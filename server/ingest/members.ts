// A member of an input: a file given on the command line or uploaded, a file of a directory,
// or a file inside an archive (server/archive expands them). It knows its display path, size,
// first bytes and sha256, and opens as a ByteSource for the parsers.
import type { ByteSource } from '@/ingest/core/source';

export const HEAD_BYTES = 64 * 1024;

export interface Member {
  /** Shown to users: the input's name, then the path inside it (`backup.tar.gz!root/report.json`). */
  path: string;
  size: number;
  /** The first HEAD_BYTES bytes (fewer for a small file). */
  readonly head: Uint8Array;
  open(): ByteSource;
  sha256(): Promise<string>;
}
