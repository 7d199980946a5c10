// Prefixed, random, ULID-style ids (CONTRACT.md): 48 bits of time + 80 random bits from
// crypto.getRandomValues, in Crockford base32 (dub lib/api/create-id.ts). Isomorphic.

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

export type IdPrefix = 'cmp' | 'run' | 'wl' | 'cap' | 'job' | 'src' | 'met';

function encodeTime(ms: number): string {
  let out = '';
  for (let i = 0; i < 10; i++) {
    out = ALPHABET[ms % 32] + out;
    ms = Math.floor(ms / 32);
  }
  return out;
}

function randomBase32(chars: number): string {
  const bytes = crypto.getRandomValues(new Uint8Array(chars));
  let out = '';
  for (const b of bytes) out += ALPHABET[b & 31];
  return out;
}

export function newId(prefix: IdPrefix, now = Date.now()): string {
  return `${prefix}_${encodeTime(now)}${randomBase32(16)}`;
}

/** A share slug: 26 base32 characters = 130 random bits (CONTRACT.md asks for at least 128). */
export function newSlug(): string {
  return randomBase32(26).toLowerCase();
}
