// Archive errors name the member (its display path, `upload.tar.gz!host-rally.tar.gz!x.json`)
// and the reason. `at` carries the same member path so CLI/job reports can show it.
import { IngestError } from '@/ingest/core/errors';

/** A damaged or unreadable archive (truncated gzip, bad tar header, no zip directory). */
export class ArchiveError extends IngestError {
  override name = 'ArchiveError';
  constructor(
    message: string,
    /** Display path of the member (or archive) at fault. */
    readonly member: string,
  ) {
    super('ARCHIVE', `${member}: ${message}`, member);
  }
}

/** A member refused for safety (absolute path, `..`, a link, a device) when refusals are fatal. */
export class ArchiveUnsafeMemberError extends IngestError {
  override name = 'ArchiveUnsafeMemberError';
  constructor(
    readonly reason: string,
    readonly member: string,
  ) {
    super('ARCHIVE', `${member}: refused, ${reason}`, member);
  }
}

/** A limit (total size, member count, nesting depth, compression ratio) was exceeded. */
export class ArchiveLimitError extends IngestError {
  override name = 'ArchiveLimitError';
  constructor(
    message: string,
    readonly member: string,
    readonly limit: 'maxTotalBytes' | 'maxMembers' | 'maxDepth' | 'maxRatio',
  ) {
    super('LIMIT', `${member}: ${message}`, member);
  }
}
