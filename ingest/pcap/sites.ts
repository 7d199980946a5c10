// Address → site attribution from CIDR blocks (longest prefix wins).
import { IngestError } from '../core/errors';

export interface SiteSpec {
  name: string;
  cidr: string;
}

interface Block {
  name: string;
  v6: boolean;
  bytes: Uint8Array;
  bits: number;
}

function parseV4(text: string): Uint8Array | null {
  const parts = text.split('.');
  if (parts.length !== 4) return null;
  const out = new Uint8Array(4);
  for (let i = 0; i < 4; i++) {
    const s = parts[i] ?? '';
    if (!/^\d{1,3}$/.test(s)) return null;
    const n = Number(s);
    if (n > 255) return null;
    out[i] = n;
  }
  return out;
}

function parseV6(text: string): Uint8Array | null {
  const halves = text.split('::');
  if (halves.length > 2) return null;
  const groups = (s: string) => (s === '' ? [] : s.split(':'));
  const head = groups(halves[0] ?? '');
  const tail = halves.length === 2 ? groups(halves[1] ?? '') : [];
  const words: number[] = [];
  const push = (list: string[]) => {
    for (const g of list) {
      if (g.includes('.')) {
        const v4 = parseV4(g);
        if (!v4) return false;
        words.push(
          ((v4[0] as number) << 8) | (v4[1] as number),
          ((v4[2] as number) << 8) | (v4[3] as number),
        );
      } else {
        if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return false;
        words.push(Number.parseInt(g, 16));
      }
    }
    return true;
  };
  if (!push(head)) return null;
  const headLen = words.length;
  if (!push(tail)) return null;
  const tailWords = words.splice(headLen);
  if (halves.length === 2) {
    if (headLen + tailWords.length > 7) return null;
    while (words.length + tailWords.length < 8) words.push(0);
  }
  words.push(...tailWords);
  if (words.length !== 8) return null;
  const out = new Uint8Array(16);
  words.forEach((w, i) => {
    out[i * 2] = w >> 8;
    out[i * 2 + 1] = w & 255;
  });
  return out;
}

export class SiteMap {
  private readonly blocks: Block[];
  private readonly cache = new Map<number | string, string | null>();

  constructor(specs: SiteSpec[]) {
    this.blocks = specs.map((s) => {
      const [addr = '', bitsText] = s.cidr.trim().split('/');
      const v6 = addr.includes(':');
      const bytes = v6 ? parseV6(addr) : parseV4(addr);
      const max = v6 ? 128 : 32;
      const bits = bitsText === undefined ? max : Number(bitsText);
      if (!bytes || !Number.isInteger(bits) || bits < 0 || bits > max) {
        throw new IngestError('DESCRIPTOR', `invalid CIDR "${s.cidr}" for site "${s.name}"`);
      }
      return { name: s.name, v6, bytes, bits };
    });
    // Longest prefix first.
    this.blocks.sort((a, b) => b.bits - a.bits);
  }

  get empty(): boolean {
    return this.blocks.length === 0;
  }

  /** Site of an address key (IPv4 number or 32 hex digits). */
  site(addr: number | string): string | null {
    const hit = this.cache.get(addr);
    if (hit !== undefined) return hit;
    let bytes: Uint8Array;
    if (typeof addr === 'number') {
      bytes = new Uint8Array([addr >>> 24, (addr >>> 16) & 255, (addr >>> 8) & 255, addr & 255]);
    } else {
      bytes = new Uint8Array(16);
      for (let i = 0; i < 16; i++) bytes[i] = Number.parseInt(addr.slice(i * 2, i * 2 + 2), 16);
    }
    let found: string | null = null;
    for (const b of this.blocks) {
      if (b.v6 !== (typeof addr === 'string')) continue;
      if (matches(bytes, b.bytes, b.bits)) {
        found = b.name;
        break;
      }
    }
    if (this.cache.size < 100_000) this.cache.set(addr, found);
    return found;
  }
}

function matches(a: Uint8Array, net: Uint8Array, bits: number): boolean {
  const full = bits >> 3;
  for (let i = 0; i < full; i++) if (a[i] !== net[i]) return false;
  const rest = bits & 7;
  if (rest === 0) return true;
  const mask = (0xff << (8 - rest)) & 0xff;
  return ((a[full] as number) & mask) === ((net[full] as number) & mask);
}
