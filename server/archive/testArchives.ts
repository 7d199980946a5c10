// Builders of small archives for tests (this folder's and the API tests'): tar and tar.gz through
// tar-stream, zip through a minimal writer (APPNOTE 6.3.x: local headers, central directory,
// end record) that can also write what real zip tools refuse to: `../` names, absolute paths,
// symlinks.
import zlib from 'node:zlib';
import tar from 'tar-stream';

export interface TarItem {
  name: string;
  data?: Uint8Array | string;
  type?: 'file' | 'directory' | 'symlink' | 'link' | 'character-device' | 'block-device' | 'fifo';
  linkname?: string;
}

export async function makeTar(items: TarItem[]): Promise<Uint8Array> {
  const pack = tar.pack();
  const chunks: Uint8Array[] = [];
  const collected = (async () => {
    for await (const c of pack) chunks.push(c as Uint8Array);
  })();
  for (const item of items) {
    const data = typeof item.data === 'string' ? new TextEncoder().encode(item.data) : item.data;
    const type = item.type ?? 'file';
    await new Promise<void>((resolve, reject) => {
      const header = {
        name: item.name,
        type,
        linkname: item.linkname,
        size: type === 'file' ? (data?.byteLength ?? 0) : 0,
        mode: type === 'directory' ? 0o755 : 0o644,
        mtime: new Date(0),
      };
      const cb = (err?: Error | null) => (err ? reject(err) : resolve());
      if (type === 'file') pack.entry(header, Buffer.from(data ?? new Uint8Array()), cb);
      else pack.entry(header, cb);
    });
  }
  pack.finalize();
  await collected;
  return Buffer.concat(chunks);
}

export async function makeTarGz(items: TarItem[]): Promise<Uint8Array> {
  return zlib.gzipSync(await makeTar(items));
}

export interface ZipItem {
  name: string;
  data?: Uint8Array | string;
  /** Unix mode in the external attributes, e.g. 0o120777 for a symlink. */
  mode?: number;
  deflate?: boolean;
}

export function makeZip(items: ZipItem[]): Uint8Array {
  const locals: Uint8Array[] = [];
  const centrals: Uint8Array[] = [];
  let offset = 0;
  for (const item of items) {
    const name = new TextEncoder().encode(item.name);
    const raw =
      typeof item.data === 'string'
        ? new TextEncoder().encode(item.data)
        : (item.data ?? new Uint8Array());
    const body = item.deflate ? zlib.deflateRawSync(raw) : raw;
    const crc = zlib.crc32(raw);
    const method = item.deflate ? 8 : 0;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x800, 6); // UTF-8 names
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.byteLength, 18);
    local.writeUInt32LE(raw.byteLength, 22);
    local.writeUInt16LE(name.byteLength, 26);
    locals.push(local, name, body);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE((3 << 8) | 20, 4); // made by Unix
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x800, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(body.byteLength, 20);
    central.writeUInt32LE(raw.byteLength, 24);
    central.writeUInt16LE(name.byteLength, 28);
    central.writeUInt32LE(
      ((item.mode ?? (item.name.endsWith('/') ? 0o40755 : 0o100644)) << 16) >>> 0,
      38,
    );
    central.writeUInt32LE(offset, 42);
    centrals.push(central, name);
    offset += 30 + name.byteLength + body.byteLength;
  }
  const cdSize = centrals.reduce((n, b) => n + b.byteLength, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(items.length, 8);
  end.writeUInt16LE(items.length, 10);
  end.writeUInt32LE(cdSize, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, ...centrals, end]);
}
