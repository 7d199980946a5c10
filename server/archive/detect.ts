// Archive formats recognised by their magic bytes, never by the file name (issue 4).

export type ArchiveFormat = 'tar' | 'tar.gz' | 'gzip' | 'zip';

/** gzip: RFC 1952 §2.3.1, ID1 ID2 = 1f 8b, CM = 8 (deflate). */
export function isGzip(head: Uint8Array): boolean {
  return head.length >= 3 && head[0] === 0x1f && head[1] === 0x8b && head[2] === 0x08;
}

/** zip: APPNOTE 4.3.7 local file header `PK\3\4`, or 4.3.16 end of central directory `PK\5\6` (empty zip). */
export function isZip(head: Uint8Array): boolean {
  return (
    head.length >= 4 &&
    head[0] === 0x50 &&
    head[1] === 0x4b &&
    ((head[2] === 0x03 && head[3] === 0x04) || (head[2] === 0x05 && head[3] === 0x06))
  );
}

/**
 * tar: POSIX ustar `ustar\0` (or GNU `ustar  `) at offset 257; a v7 header without magic is
 * accepted when its checksum (offset 148, octal) matches the header bytes.
 */
export function isTar(head: Uint8Array): boolean {
  if (head.length < 512) return false;
  const magic = String.fromCharCode(...head.subarray(257, 262));
  if (magic === 'ustar') return checksumOk(head);
  return head[0] !== 0 && checksumOk(head);
}

function checksumOk(h: Uint8Array): boolean {
  const field = String.fromCharCode(...h.subarray(148, 156))
    .replace(/[\0 ]+$/g, '')
    .trim();
  if (!/^[0-7]+$/.test(field)) return false;
  const expected = Number.parseInt(field, 8);
  let sum = 0;
  for (let i = 0; i < 512; i++) sum += i >= 148 && i < 156 ? 0x20 : h[i]!;
  return sum === expected;
}
