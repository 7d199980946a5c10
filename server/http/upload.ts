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

export async function receiveUpload(request: Request, dir: string): Promise<Upload> {
  const type = request.headers.get('content-type') ?? '';
  if (!type.toLowerCase().startsWith('multipart/form-data')) {
    throw new ApiError(
      415,
      'UNSUPPORTED_MEDIA_TYPE',
      'send the files as multipart/form-data (field "file")',
    );
  }
  if (!request.body) throw new ApiError(400, 'EMPTY_BODY', 'the request has no body');
  const limit = maxUploadBytes();
  fs.mkdirSync(dir, { recursive: true });
  const files: UploadedFile[] = [];
  const fields: Record<string, string> = {};
  const writes: Promise<void>[] = [];
  let failure: ApiError | null = null;

  let parser: busboy.Busboy;
  try {
    parser = busboy({
      headers: { 'content-type': type },
      limits: { fileSize: limit, fields: 100, fieldSize: 64 * 1024, files: 1000, parts: 1200 },
    });
  } catch (e) {
    throw new ApiError(
      400,
      'BAD_MULTIPART',
      `malformed multipart request: ${(e as Error).message}`,
    );
  }
  parser.on('field', (name, value) => {
    fields[name] = value;
  });
  parser.on('file', (field, stream, info) => {
    if (field !== 'file' || failure) {
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
    const fail = (e: ApiError) => {
      failure ??= e;
      dead = true;
      out.destroy();
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
          fail(new ApiError(400, 'UPLOAD_FAILED', `${name}: ${e.message}`));
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
    fs.rmSync(dir, { recursive: true, force: true });
    throw failure;
  }
  return { files, fields };
}
