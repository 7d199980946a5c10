// Limits that stop archive bombs (issue 4, "Safety"). Every limit is configurable per call; the
// defaults below are what uploads and the CLI use unless told otherwise (docs/formats.md).

export interface ArchiveLimits {
  /** Bytes written to the temp folder over the whole input, nested archives included. */
  maxTotalBytes: number;
  /** Archive entries (files, links, refused ones) over the whole input. */
  maxMembers: number;
  /** Archives inside archives: the uploaded archive is level 1. */
  maxDepth: number;
  /** Decompressed bytes per compressed byte of one gzip stream or zip entry set. */
  maxRatio: number;
  /** The ratio is checked only past this many decompressed bytes (small files compress well). */
  ratioGraceBytes: number;
}

export const DEFAULT_ARCHIVE_LIMITS: Readonly<ArchiveLimits> = Object.freeze({
  maxTotalBytes: 4 * 1024 ** 3,
  maxMembers: 100_000,
  maxDepth: 4,
  maxRatio: 200,
  ratioGraceBytes: 1024 * 1024,
});

export function resolveLimits(partial: Partial<ArchiveLimits> | undefined): ArchiveLimits {
  const out = { ...DEFAULT_ARCHIVE_LIMITS };
  for (const [key, value] of Object.entries(partial ?? {}) as [keyof ArchiveLimits, number][]) {
    if (value === undefined) continue;
    if (!Number.isFinite(value) || value < 0)
      throw new RangeError(`archive limit ${key} must be a non-negative number`);
    out[key] = value;
  }
  return out;
}
