// Member names are checked before anything is written: an absolute path, a drive letter or a
// `..` segment is refused (zip-slip), and the joined destination must stay under the folder.
import path from 'node:path';

export type PathCheck = { ok: true; segments: string[] } | { ok: false; reason: string };

export function checkMemberName(name: string): PathCheck {
  if (name.includes('\0')) return { ok: false, reason: 'NUL byte in the member name' };
  if (name.startsWith('/') || name.startsWith('\\')) return { ok: false, reason: 'absolute path' };
  if (/^[A-Za-z]:/.test(name)) return { ok: false, reason: 'absolute path (drive letter)' };
  const segments: string[] = [];
  for (const s of name.split('/')) {
    if (s === '' || s === '.') continue;
    if (s === '..') return { ok: false, reason: 'path escapes the archive (..)' };
    segments.push(s);
  }
  if (segments.length === 0) return { ok: false, reason: 'empty member name' };
  return { ok: true, segments };
}

/** Joins under `dir`, or throws if the result would leave it (defence in depth). */
export function joinInside(dir: string, segments: string[]): string {
  const dest = path.resolve(dir, ...segments);
  const rel = path.relative(dir, dest);
  if (rel === '' || rel === '..' || rel.startsWith(`..${path.sep}`) || path.isAbsolute(rel)) {
    throw new Error(`member path ${segments.join('/')} resolves outside the extraction folder`);
  }
  return dest;
}
