// Server-side archive reading (issue 4): see expand.ts.
export { type ArchiveFormat, isGzip, isTar, isZip } from './detect';
export { diskMember } from './diskMember';
export { ArchiveError, ArchiveLimitError, ArchiveUnsafeMemberError } from './errors';
export {
  type ExpandedArchive,
  type ExpandedInput,
  type ExpandOptions,
  expandArchive,
  expandInput,
  type RefusedMember,
  sniffArchive,
  sniffArchiveHead,
} from './expand';
export { type ArchiveLimits, DEFAULT_ARCHIVE_LIMITS, resolveLimits } from './limits';
export { checkMemberName } from './safePath';
