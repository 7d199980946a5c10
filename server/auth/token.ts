// The write token (CONTRACT.md): EDGEPERF_TOKEN, or generated at first start and kept in the
// data folder (mode 0600) so it survives restarts.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { ApiError } from '../http/errors';
import { dataDir } from '../paths';

export function tokenFile(): string {
  return path.join(dataDir(), 'write-token');
}

/** The write token, creating and saving one when none is configured. */
export function writeToken(): string {
  const fromEnv = process.env.EDGEPERF_TOKEN;
  if (fromEnv) return fromEnv;
  const file = tokenFile();
  try {
    return fs.readFileSync(file, 'utf8').trim();
  } catch {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const token = randomBytes(24).toString('base64url');
    fs.writeFileSync(file, `${token}\n`, { mode: 0o600, flag: 'wx' });
    return token;
  }
}

/** The token of `Authorization: Bearer …`, or null. */
export function bearer(request: Request): string | null {
  const header = request.headers.get('authorization');
  const match = header?.match(/^Bearer\s+(.+)$/i);
  return match?.[1]?.trim() ?? null;
}

/** Constant-time comparison of two secrets. */
export function same(a: string, b: string): boolean {
  const ab = Buffer.from(a);
  const bb = Buffer.from(b);
  return ab.length === bb.length && timingSafeEqual(ab, bb);
}

/** Throws 401 unless the request carries the write token. */
export function requireWrite(request: Request): void {
  const given = bearer(request);
  if (!given)
    throw new ApiError(
      401,
      'UNAUTHORIZED',
      'this endpoint needs Authorization: Bearer <write token>',
    );
  if (!same(given, writeToken())) throw new ApiError(401, 'UNAUTHORIZED', 'wrong write token');
}
