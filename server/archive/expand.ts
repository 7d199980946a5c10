// Safe reading of uploaded archives and CLI inputs (issue 4): `.tar`, `.tar.gz`/`.tgz`, `.zip`,
// plain gzip and directories, recursing into nested archives (EnOS's `<host>-rally.tar.gz` inside
// the backup tarball). Formats are told by magic bytes. Everything streams: an archive is never
// held in memory; members are extracted to a temp folder under `root` and handed out as
// `Member`s (server/ingest/members.ts) named like `backup.tar.gz!root/rally_home/report.json`.
//
// Safety: members with an absolute path or a `..` segment are refused (fatal by default), links,
// devices and fifos are refused (reported and not written, by default), and the limits of
// limits.ts (total bytes, member count, nesting depth, compression ratio) fail the input.
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import zlib from 'node:zlib';
import tar from 'tar-stream';
import yauzl from 'yauzl';
import { IngestError } from '@/ingest/core/errors';
import type { Member } from '../ingest/members';
import { type ArchiveFormat, isGzip, isTar, isZip } from './detect';
import { diskMember } from './diskMember';
import { ArchiveError, ArchiveLimitError, ArchiveUnsafeMemberError } from './errors';
import { type ArchiveLimits, resolveLimits } from './limits';
import { checkMemberName, joinInside } from './safePath';

export interface RefusedMember {
  /** Display path, e.g. `upload.tar!../../etc/passwd`. */
  path: string;
  reason: string;
}

export interface ExpandedArchive {
  path: string;
  format: ArchiveFormat;
}

export interface ExpandOptions {
  /** Temp folders are created under this folder (e.g. `<data dir>/tmp`); nothing is written elsewhere. */
  root: string;
  limits?: Partial<ArchiveLimits>;
  /** `fail` (default): a member with an absolute path or `..` fails the input. `skip`: refuse and report it. */
  unsafePaths?: 'fail' | 'skip';
  /** `skip` (default): links, devices and fifos are refused and reported. `fail`: they fail the input. */
  specialFiles?: 'skip' | 'fail';
  /** Progress of the outer inputs, by bytes read. */
  onProgress?: (p: { stage: string; progress: number }) => void;
}

export interface ExpandedInput {
  /** Every regular file found, archives replaced by their members, in archive order. */
  members: Member[];
  /** Members not extracted, with why. */
  refused: RefusedMember[];
  /** The archives that were opened (outer and nested), by display path. */
  archives: ExpandedArchive[];
  /** The temp folder holding extracted members (null when no archive was opened). */
  tempDir: string | null;
  /** Removes the temp folder. Members of archives cannot be opened afterwards. */
  cleanup(): Promise<void>;
}

/** Tells an archive from its first bytes (and, for gzip, from the first decompressed bytes). */
export async function sniffArchive(file: string): Promise<ArchiveFormat | null> {
  const head = await readHead(file, 512);
  if (isZip(head)) return 'zip';
  if (isTar(head)) return 'tar';
  if (isGzip(head)) return isTar(await peekGunzip(file, 512)) ? 'tar.gz' : 'gzip';
  return null;
}

/**
 * Tells an archive from the first bytes of an upload while it streams in (give at least 512
 * bytes; 4 KiB is plenty): a gzip is inflated just enough to look for a tar header. Use it to
 * refuse at once an upload that is neither an archive nor a result file.
 */
export function sniffArchiveHead(head: Uint8Array): ArchiveFormat | null {
  if (isZip(head)) return 'zip';
  if (isTar(head)) return 'tar';
  if (!isGzip(head)) return null;
  try {
    const inflated = zlib.gunzipSync(head.subarray(0, 4096), {
      finishFlush: zlib.constants.Z_SYNC_FLUSH,
      maxOutputLength: 1 << 20,
    });
    return isTar(inflated.subarray(0, 512)) ? 'tar.gz' : 'gzip';
  } catch {
    // Damaged, or so compressible that 4 KiB inflate past 1 MiB: extraction will tell.
    return 'gzip';
  }
}

/**
 * Lists the members of a file or directory input, expanding every archive in it (recursively).
 * On any error the temp folder is removed before the error is thrown.
 */
export async function expandInput(input: string, opts: ExpandOptions): Promise<ExpandedInput> {
  const x = new Expander(opts);
  try {
    const resolved = path.resolve(input);
    const base = path.basename(resolved);
    const stat = await fsp.lstat(resolved);
    if (stat.isDirectory()) await x.walk(resolved, base);
    else if (stat.isFile()) await x.visit(resolved, base, 0, stat.size, true);
    else x.refuse(base, describeStat(stat), 'special');
  } catch (e) {
    await x.cleanup();
    throw e;
  }
  return x.result();
}

/** Expands one archive file (or returns it as a single member if it is no archive). */
export function expandArchive(file: string, opts: ExpandOptions): Promise<ExpandedInput> {
  return expandInput(file, opts);
}

interface Extracted {
  file: string;
  display: string;
  size: number;
}

class Expander {
  readonly limits: ArchiveLimits;
  readonly members: Member[] = [];
  readonly refused: RefusedMember[] = [];
  readonly archives: ExpandedArchive[] = [];
  tempDir: string | null = null;
  private bytes = 0;
  private entries = 0;
  private seq = 0;

  constructor(readonly opts: ExpandOptions) {
    this.limits = resolveLimits(opts.limits);
  }

  result(): ExpandedInput {
    return {
      members: this.members,
      refused: this.refused,
      archives: this.archives,
      tempDir: this.tempDir,
      cleanup: () => this.cleanup(),
    };
  }

  async cleanup(): Promise<void> {
    if (this.tempDir) await fsp.rm(this.tempDir, { recursive: true, force: true });
  }

  /** A directory input (CLI): regular files in name order, links not followed. */
  async walk(dir: string, display: string): Promise<void> {
    const entries = (await fsp.readdir(dir, { withFileTypes: true })).sort((a, b) =>
      a.name < b.name ? -1 : a.name > b.name ? 1 : 0,
    );
    for (const e of entries) {
      const full = path.join(dir, e.name);
      const shown = `${display}/${e.name}`;
      if (e.isDirectory()) await this.walk(full, shown);
      else if (e.isFile()) await this.visit(full, shown, 0, (await fsp.stat(full)).size, true);
      else this.refuse(shown, describeStat(await fsp.lstat(full)), 'special');
    }
  }

  /** A file at `depth` archive levels: a member, or an archive to expand one level deeper. */
  async visit(
    file: string,
    display: string,
    depth: number,
    size: number,
    outer: boolean,
  ): Promise<void> {
    const format = size > 0 ? await sniffArchive(file) : null;
    if (!format) {
      this.members.push(diskMember(file, display, size));
      return;
    }
    if (depth + 1 > this.limits.maxDepth) {
      throw new ArchiveLimitError(
        `archive nested deeper than ${this.limits.maxDepth} levels (limit maxDepth)`,
        display,
        'maxDepth',
      );
    }
    this.archives.push({ path: display, format });
    const dir = await this.newDir();
    const progress = outer ? (n: number) => this.progress(display, size ? n / size : 1) : null;
    let found: Extracted[];
    if (format === 'zip') found = await this.unzip(file, display, dir, progress);
    else if (format === 'gzip') found = await this.gunzip(file, display, dir, progress);
    else found = await this.untar(file, display, dir, format === 'tar.gz', progress);
    // A nested archive is not needed once expanded: free its disk space.
    if (!outer) await fsp.rm(file, { force: true });
    for (const f of found) await this.visit(f.file, f.display, depth + 1, f.size, false);
  }

  refuse(display: string, reason: string, kind: 'path' | 'special'): void {
    const fatal =
      kind === 'path' ? this.opts.unsafePaths !== 'skip' : this.opts.specialFiles === 'fail';
    if (fatal) throw new ArchiveUnsafeMemberError(reason, display);
    this.refused.push({ path: display, reason });
  }

  private progress(display: string, fraction: number): void {
    this.opts.onProgress?.({ stage: `unpacking ${display}`, progress: Math.min(1, fraction) });
  }

  private async newDir(): Promise<string> {
    if (!this.tempDir) {
      await fsp.mkdir(this.opts.root, { recursive: true });
      this.tempDir = await fsp.mkdtemp(path.join(this.opts.root, 'archive-'));
    }
    const dir = path.join(this.tempDir, String(++this.seq));
    await fsp.mkdir(dir);
    return dir;
  }

  private countEntry(display: string): void {
    if (++this.entries > this.limits.maxMembers) {
      throw new ArchiveLimitError(
        `more than ${this.limits.maxMembers} archive members (limit maxMembers)`,
        display,
        'maxMembers',
      );
    }
  }

  /** Accounts for bytes about to be (or being) written; throws past maxTotalBytes. */
  private addBytes(n: number, display: string): void {
    this.bytes += n;
    if (this.bytes > this.limits.maxTotalBytes) {
      throw new ArchiveLimitError(
        `unpacked size exceeds ${this.limits.maxTotalBytes} bytes (limit maxTotalBytes)`,
        display,
        'maxTotalBytes',
      );
    }
  }

  private ratioGuard(compressed: () => number, display: () => string): Transform {
    let out = 0;
    const { maxRatio, ratioGraceBytes } = this.limits;
    return new Transform({
      transform(chunk: Uint8Array, _enc, cb: TransformCallback) {
        out += chunk.byteLength;
        const inBytes = compressed();
        if (out > ratioGraceBytes && out > maxRatio * Math.max(1, inBytes)) {
          cb(
            new ArchiveLimitError(
              `compression ratio above ${maxRatio}:1 (${out} bytes out of ${inBytes} compressed; limit maxRatio)`,
              display(),
              'maxRatio',
            ),
          );
          return;
        }
        cb(null, chunk);
      },
    });
  }

  private async prepareDest(dir: string, segments: string[], display: string): Promise<string> {
    const dest = joinInside(dir, segments);
    try {
      await fsp.mkdir(path.dirname(dest), { recursive: true });
    } catch (e) {
      throw new ArchiveError(`cannot create the member's folder (${errorText(e)})`, display);
    }
    return dest;
  }

  private async untar(
    file: string,
    display: string,
    dir: string,
    gz: boolean,
    progress: ((n: number) => void) | null,
  ): Promise<Extracted[]> {
    const found = new Map<string, Extracted>();
    let current: string | null = null;
    let compressed = 0;
    const source = fs.createReadStream(file, { highWaterMark: 1 << 20 });
    source.on('data', (c) => {
      compressed += c.length;
      progress?.(compressed);
    });
    const extract = tar.extract();
    const stages: NodeJS.ReadWriteStream[] = gz
      ? [
          zlib.createGunzip(),
          this.ratioGuard(
            () => compressed,
            () => display,
          ),
        ]
      : [];
    const done = pipeline([source, ...stages, extract]);
    // tar-stream's entries are streamx streams: once the pipeline fails (a truncated gzip), a
    // pending `next()` or a write of the current entry may never settle, so race them with it.
    const failed = new Promise<never>((_, reject) => {
      done.catch(reject);
    });
    failed.catch(() => {});
    const entries = extract[Symbol.asyncIterator]();
    try {
      for (;;) {
        const step = await Promise.race([entries.next(), failed]);
        if (step.done) break;
        const entry = step.value;
        const h = entry.header;
        current = h.name;
        const shown = `${display}!${h.name}`;
        if (h.type === 'directory') {
          entry.resume();
          continue;
        }
        this.countEntry(shown);
        const check = checkMemberName(h.name);
        if (!check.ok) {
          entry.resume();
          this.refuse(shown, check.reason, 'path');
          continue;
        }
        if (h.type !== 'file' && h.type !== 'contiguous-file') {
          entry.resume();
          this.refuse(shown, describeTarType(h.type, h.linkname), 'special');
          continue;
        }
        const size = h.size ?? 0;
        this.addBytes(size, shown);
        const dest = await this.prepareDest(dir, check.segments, shown);
        const out = fs.createWriteStream(dest);
        await Promise.race([pipeline(entry, out), failed]).catch((e: unknown) => {
          out.destroy();
          throw e;
        });
        found.delete(dest); // a later entry with the same name replaces the earlier one (tar -r)
        found.set(dest, { file: dest, display: shown, size });
      }
      await done;
    } catch (e) {
      source.destroy();
      extract.destroy();
      if (e instanceof IngestError) throw e;
      const root = await done.then(
        () => null,
        (x: unknown) => x,
      );
      if (root instanceof IngestError) throw root;
      throw streamError(root ?? e, display, current, gz ? 'tar.gz' : 'tar');
    }
    return [...found.values()];
  }

  private async gunzip(
    file: string,
    display: string,
    dir: string,
    progress: ((n: number) => void) | null,
  ): Promise<Extracted[]> {
    const base = display.split(/[!/]/).pop() ?? 'member';
    const name = base.replace(/\.tgz$/i, '.tar').replace(/\.gz(ip)?$/i, '') || `${base}.out`;
    const shown = `${display}!${name === base ? `${base}.out` : name}`;
    this.countEntry(shown);
    const dest = joinInside(dir, [shown.slice(display.length + 1)]);
    let compressed = 0;
    let size = 0;
    const source = fs.createReadStream(file, { highWaterMark: 1 << 20 });
    source.on('data', (c) => {
      compressed += c.length;
      progress?.(compressed);
    });
    const self = this;
    const total = new Transform({
      transform(chunk: Uint8Array, _enc, cb: TransformCallback) {
        try {
          self.addBytes(chunk.byteLength, shown);
        } catch (e) {
          cb(e as Error);
          return;
        }
        size += chunk.byteLength;
        cb(null, chunk);
      },
    });
    try {
      await pipeline(
        source,
        zlib.createGunzip(),
        this.ratioGuard(
          () => compressed,
          () => display,
        ),
        total,
        fs.createWriteStream(dest),
      );
    } catch (e) {
      if (e instanceof IngestError) throw e;
      throw streamError(e, display, null, 'gzip');
    }
    return [{ file: dest, display: shown, size }];
  }

  private async unzip(
    file: string,
    display: string,
    dir: string,
    progress: ((n: number) => void) | null,
  ): Promise<Extracted[]> {
    let zip: yauzl.ZipFile;
    try {
      zip = await yauzl.openPromise(file, {
        lazyEntries: true,
        decodeStrings: false,
        autoClose: false,
        validateEntrySizes: true,
      });
    } catch (e) {
      throw new ArchiveError(`not a readable zip archive (${errorText(e)})`, display);
    }
    const found = new Map<string, Extracted>();
    let compressed = 0;
    let current: string | null = null;
    try {
      for await (const entry of zip.eachEntry()) {
        // Decoded as yauzl does (UTF-8 flag, Info-ZIP Unicode path field, else CP437), with `\`
        // turned into `/`; checked by us rather than by yauzl so each refusal names its member.
        const name = yauzl.getFileNameLowLevel(
          entry.generalPurposeBitFlag,
          entry.fileNameRaw,
          entry.extraFields,
          false,
        );
        current = name;
        const shown = `${display}!${name}`;
        if (name.endsWith('/')) continue;
        this.countEntry(shown);
        const check = checkMemberName(name);
        if (!check.ok) {
          this.refuse(shown, check.reason, 'path');
          continue;
        }
        const special = zipSpecialType(entry);
        if (special) {
          this.refuse(shown, special, 'special');
          continue;
        }
        if (entry.isEncrypted()) {
          this.refuse(shown, 'encrypted member', 'special');
          continue;
        }
        if (!entry.canDecodeFileData()) {
          this.refuse(
            shown,
            `unsupported compression method ${entry.compressionMethod}`,
            'special',
          );
          continue;
        }
        this.addBytes(entry.uncompressedSize, shown);
        compressed += entry.compressedSize;
        progress?.(entry.relativeOffsetOfLocalHeader + entry.compressedSize);
        const dest = await this.prepareDest(dir, check.segments, shown);
        const stream = await zip.openReadStreamPromise(entry);
        await pipeline(
          stream,
          this.ratioGuard(
            () => compressed,
            () => shown,
          ),
          fs.createWriteStream(dest),
        );
        found.delete(dest);
        found.set(dest, { file: dest, display: shown, size: entry.uncompressedSize });
      }
    } catch (e) {
      if (e instanceof IngestError) throw e;
      throw streamError(e, display, current, 'zip');
    } finally {
      zip.close();
    }
    return [...found.values()];
  }
}

/** The reason shown for a tar entry that is not a regular file. */
function describeTarType(
  type: string | null | undefined,
  linkname: string | null | undefined,
): string {
  switch (type) {
    case 'symlink':
      return `symbolic link (to ${linkname ?? '?'})`;
    case 'link':
      return `hard link (to ${linkname ?? '?'})`;
    case 'character-device':
    case 'block-device':
      return `device file (${type})`;
    case 'fifo':
      return 'named pipe (fifo)';
    default:
      return `unsupported entry type ${type ?? 'unknown'}`;
  }
}

function describeStat(stat: fs.Stats): string {
  if (stat.isSymbolicLink()) return 'symbolic link (not followed)';
  if (stat.isCharacterDevice() || stat.isBlockDevice()) return 'device file';
  if (stat.isFIFO()) return 'named pipe (fifo)';
  if (stat.isSocket()) return 'socket';
  return 'not a regular file';
}

/** Unix file type from a zip entry's external attributes (APPNOTE 4.4.15, made by Unix = 3). */
function zipSpecialType(entry: yauzl.Entry): string | null {
  if (entry.versionMadeBy >> 8 !== 3) return null;
  const mode = (entry.externalFileAttributes >>> 16) & 0o170000;
  if (mode === 0 || mode === 0o100000 || mode === 0o040000) return null;
  if (mode === 0o120000) return 'symbolic link';
  if (mode === 0o020000 || mode === 0o060000) return 'device file';
  if (mode === 0o010000) return 'named pipe (fifo)';
  return `unsupported file type 0o${mode.toString(8)}`;
}

function streamError(
  e: unknown,
  display: string,
  current: string | null,
  format: string,
): ArchiveError {
  const code = (e as { code?: string } | null)?.code;
  const text = errorText(e);
  const where = current ? ` while reading ${current}` : '';
  if (code === 'Z_BUF_ERROR' || /unexpected end of file/i.test(text)) {
    return new ArchiveError(`truncated gzip stream${where} (unexpected end of file)`, display);
  }
  if (code === 'Z_DATA_ERROR')
    return new ArchiveError(`corrupt gzip stream${where} (${text})`, display);
  if (/unexpected end of data/i.test(text))
    return new ArchiveError(`truncated tar archive${where}`, display);
  if (/invalid tar header/i.test(text))
    return new ArchiveError(`corrupt tar header${where} (${text})`, display);
  return new ArchiveError(`cannot read the ${format} archive${where} (${text})`, display);
}

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

async function readHead(file: string, n: number): Promise<Uint8Array> {
  const fh = await fsp.open(file, 'r');
  try {
    const buf = new Uint8Array(n);
    const { bytesRead } = await fh.read(buf, 0, n, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}

/** The first `n` decompressed bytes of a gzip file (fewer if it is short or damaged). */
function peekGunzip(file: string, n: number): Promise<Uint8Array> {
  return new Promise((resolve) => {
    const parts: Uint8Array[] = [];
    let got = 0;
    const source = fs.createReadStream(file, { highWaterMark: 64 * 1024 });
    const gz = zlib.createGunzip();
    let settled = false;
    const finish = () => {
      if (settled) return;
      settled = true;
      source.destroy();
      gz.destroy();
      const out = new Uint8Array(got);
      let at = 0;
      for (const p of parts) {
        out.set(p, at);
        at += p.byteLength;
      }
      resolve(out.subarray(0, Math.min(n, got)));
    };
    gz.on('data', (c: Uint8Array) => {
      parts.push(c);
      got += c.byteLength;
      if (got >= n) finish();
    });
    gz.on('error', finish);
    gz.on('end', finish);
    source.on('error', finish);
    source.pipe(gz);
  });
}
