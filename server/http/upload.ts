// Streams a multipart upload to disk (busboy): nothing holds a whole upload in memory. Refuses at
// once only what it can tell while the body streams in (CONTRACT.md, POST /api/uploads).
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import busboy from 'busboy';
import { ApiError } from './errors';

export interface UploadedFile {
  path: string;
  name: string;
  size: number;
}

export interface Upload {
  files: UploadedFile[];
  fields: Record<string, string>;
}

/** Upload size limit per file, bytes (EDGEPERF_MAX_UPLOAD_BYTES, default 20 GiB). */
export function maxUploadBytes(): number {
  const v = Number(process.env.EDGEPERF_MAX_UPLOAD_BYTES);
  return Number.isFinite(v) && v > 0 ? v : 20 * 2 ** 30;
}

/** A safe file name for the disk: the original name stays in the job for display. */
function diskName(index: number, name: string): string {
  const base = path
    .basename(name.replaceAll('\\', '/'))
    .replace(/[^A-Za-z0-9._-]/g, '_')
    .slice(-100);
  return `${index}-${base || 'upload'}`;
}

/**
 * The first bytes of an outer file must look like something edgeperf reads: an archive (gzip,
 * zip, tar), a capture (pcap, pcapng), or text (JSON, HTML, CSV, YAML). Anything else is refused
 * before the rest of it is stored.
 */
export function looksIngestible(head: Uint8Array): boolean {
  const b = head;
  const u32 = b.length >= 4 ? ((b[0]! << 24) | (b[1]! << 16) | (b[2]! << 8) | b[3]!) >>> 0 : 0;
  if (b[0] === 0x1f && b[1] === 0x8b) return true; // gzip
  if (u32 === 0x504b0304 || u32 === 0x504b0506) return true; // zip
  if ([0xa1b2c3d4, 0xd4c3b2a1, 0xa1b23c4d, 0x4d3cb2a1, 0x0a0d0d0a].includes(u32)) return true; // pcap, pcapng
  if (b.length > 262 && new TextDecoder().decode(b.subarray(257, 262)) === 'ustar') return true; // tar
  const sample = b.subarray(0, 4096);
  if (sample.length === 0 || sample.includes(0)) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(
      sample.subarray(0, Math.max(0, sample.length - 3)),
    );
    return true;
  } catch {
    return false;
  }
}

/**
 * Why a part's file name is refused, or null. RFC 7578 §4.2: a file name carries no path, and
 * browsers send the base name only; a name with a path (`../../etc/passwd`), a drive, control
 * characters, or a name that is all dots is a crafted request. (The disk name is made safe
 * anyway; the original name is shown in the job and may become a run's name.)
 */
function badFileName(name: string | undefined): string | null {
  if (!name) return null;
  if (/[/\\]/.test(name)) return 'a file name must not contain a path';
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused
  if (/[\u0000-\u001f\u007f]/.test(name)) return 'a file name must not contain control characters';
  if (/^\.+$/.test(name)) return 'not a file name';
  if (name.length > 255) return 'a file name is at most 255 characters';
  return null;
}

export async function receiveUpload(request: Request, dir: string): Promise<Upload> {
  const type = request.headers.get('content-type') ?? '';
  if (type.split(';')[0]!.trim().toLowerCase() !== 'multipart/form-data') {
    throw new ApiError(
      415,
      'UNSUPPORTED_MEDIA_TYPE',
      'send the files as multipart/form-data (field "file")',
    );
  }
  if (!request.body) throw new ApiError(400, 'EMPTY_BODY', 'the request has no body');
  const limit = maxUploadBytes();
  const files: UploadedFile[] = [];
  const fields: Record<string, string> = {};
  const writes: Promise<void>[] = [];
  const closes: Promise<void>[] = [];
  const outs: fs.WriteStream[] = [];
  let failure: ApiError | null = null;

  let parser: busboy.Busboy;
  try {
    parser = busboy({
      headers: { 'content-type': type },
      // the name as sent, so that a path in it is seen and refused (badFileName), not cut off
      preservePath: true,
      limits: { fileSize: limit, fields: 100, fieldSize: 64 * 1024, files: 1000, parts: 1200 },
    });
  } catch (e) {
    throw new ApiError(
      400,
      'BAD_MULTIPART',
      `malformed multipart request: ${(e as Error).message}`,
    );
  }
  // only now, when the request looks like a form: a refusal above leaves no folder behind
  fs.mkdirSync(dir, { recursive: true });
  // busboy stops at its limits without an error: a request over them is refused, never
  // half-taken (the files after the 1000th, or a campaign cut at 64 KiB, would be lost quietly).
  const tooMany = (what: string) => () => {
    failure ??= new ApiError(413, 'TOO_MANY_PARTS', `more ${what} than one upload takes`);
  };
  parser.on('partsLimit', tooMany('parts (1,200)'));
  parser.on('filesLimit', tooMany('files (1,000)'));
  parser.on('fieldsLimit', tooMany('fields (100)'));
  parser.on('field', (name, value, info) => {
    if (info.valueTruncated || info.nameTruncated) {
      failure ??= new ApiError(
        413,
        'TOO_LARGE',
        `form field "${name.slice(0, 40)}": larger than 64 KiB`,
      );
      return;
    }
    fields[name] = value;
  });
  parser.on('file', (field, stream, info) => {
    if (field !== 'file' || failure) {
      stream.resume();
      return;
    }
    const bad = badFileName(info.filename);
    if (bad) {
      failure ??= new ApiError(
        400,
        'BAD_MULTIPART',
        `file name ${JSON.stringify(info.filename?.slice(0, 200))}: ${bad}`,
      );
      stream.resume();
      return;
    }
    const name = info.filename || `upload-${files.length + 1}`;
    const file: UploadedFile = {
      path: path.join(dir, diskName(files.length, name)),
      name,
      size: 0,
    };
    files.push(file);
    let head = new Uint8Array(0);
    let checked = false;
    let dead = false;
    const out = fs.createWriteStream(file.path, { flags: 'wx' });
    // A file is on disk for good only once its stream is closed: a stream destroyed while it
    // was still opening creates the file afterwards, so a refusal waits for every close
    // before it removes the folder.
    outs.push(out);
    closes.push(new Promise<void>((resolve) => out.once('close', () => resolve())));
    const fail = (e: ApiError) => {
      failure ??= e;
      dead = true;
      out.destroy();
      // it may be paused for a 'drain' that a destroyed stream never emits: drain it instead
      stream.resume();
    };
    const sniff = (chunk: Uint8Array | null) => {
      if (checked) return;
      if (chunk) {
        const joined = new Uint8Array(head.length + chunk.length);
        joined.set(head);
        joined.set(chunk, head.length);
        head = joined;
      }
      if (head.length < 4096 && chunk) return;
      checked = true;
      if (!looksIngestible(head)) {
        const what =
          head.length === 0 ? 'empty file' : 'not an archive, a capture or a result file';
        fail(new ApiError(422, 'UNRECOGNISED', `${name}: ${what} (checked the first bytes)`));
      }
    };
    // Once a file is refused its data is drained, not written: busboy waits for each part
    // to be consumed before it reads on.
    stream.on('data', (chunk: Buffer) => {
      if (dead || failure) return;
      file.size += chunk.length;
      sniff(chunk);
      if (dead) return;
      if (!out.write(chunk)) {
        stream.pause();
        out.once('drain', () => stream.resume());
      }
    });
    stream.on('limit', () => {
      fail(
        new ApiError(413, 'TOO_LARGE', `${name}: larger than the upload limit of ${limit} bytes`),
      );
    });
    writes.push(
      new Promise<void>((resolve) => {
        stream.on('end', () => {
          if (!dead) sniff(null);
          if (dead) return resolve();
          out.end(() => resolve());
        });
        stream.on('error', (e) => {
          // the body ended inside this part (cut off, or its closing boundary missing)
          fail(
            new ApiError(
              400,
              'BAD_MULTIPART',
              `malformed multipart request: ${name}: ${e.message}`,
            ),
          );
          resolve();
        });
        out.on('error', (e) => {
          if (!dead)
            fail(
              new ApiError(500, 'UPLOAD_FAILED', `${name}: cannot store the upload: ${e.message}`),
            );
          stream.resume();
          resolve();
        });
      }),
    );
  });

  try {
    await pipeline(
      Readable.fromWeb(request.body as unknown as WebReadableStream<Uint8Array>),
      parser,
    );
  } catch (e) {
    failure ??= new ApiError(
      400,
      'BAD_MULTIPART',
      `malformed multipart request: ${(e as Error).message}`,
    );
  }
  await Promise.all(writes);
  if (!failure && files.length === 0)
    failure = new ApiError(422, 'NO_FILE', 'no file part named "file"');
  if (failure) {
    for (const out of outs) out.destroy();
    await Promise.all(closes);
    fs.rmSync(dir, { recursive: true, force: true });
    throw failure;
  }
  return { files, fields };
}
