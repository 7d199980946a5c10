// edgeperf.yaml (or .yml, or JSON) → a normalized descriptor. Errors name the key path and the
// line: `factors.sites: expected a number (line 4)`.
import type { ZodError } from 'zod';
import type { Factor } from '@/lib/apiTypes';
import type { FactorKey } from '@/lib/factors';
import { IngestError } from '@/ingest/core/errors';
import {
  formatPath,
  isRecord,
  type ParseResult,
  type PathPart,
  readYaml,
  toText,
} from '@/ingest/enos/common';
import type { ParseWarning } from '@/ingest/model';
import { DESCRIPTOR_VERSION, descriptorSchema } from './schema';

export class DescriptorContentError extends IngestError {
  override name = 'DescriptorContentError';
  constructor(message: string, at: string | null) {
    super('DESCRIPTOR', message, at);
  }
}

export interface DescriptorSite {
  name: string;
  cidrs: string[];
}

export interface Descriptor {
  name: string | null;
  campaign: string | null;
  /** Stated factors, each with the source `<file>:factors.<key>`; a stated null means "unknown". */
  factors: Partial<Record<FactorKey, Factor>>;
  sites: DescriptorSite[];
  notes: string | null;
}

export interface DescriptorOptions {
  fileName?: string;
}

export function parseDescriptor(
  input: string | Uint8Array,
  opts: DescriptorOptions = {},
): ParseResult<Descriptor> {
  const file = opts.fileName ?? 'edgeperf.yaml';
  const warnings: ParseWarning[] = [];
  const text = toText(input);
  if (text.trim() === '') throw new DescriptorContentError(`${file} is empty`, null);
  const yaml = readYaml(text, (m, at) => new DescriptorContentError(m, at), warnings, '1.2');
  if (!isRecord(yaml.data)) throw new DescriptorContentError(`${file} must be a mapping`, '$');
  const parsed = descriptorSchema.safeParse(yaml.data);
  if (!parsed.success) throw toDescriptorError(parsed.error, yaml.lineOf);
  const d = parsed.data;
  const factors: Partial<Record<FactorKey, Factor>> = {};
  for (const [key, value] of Object.entries(d.factors ?? {}) as [
    FactorKey,
    Factor['value'] | undefined,
  ][]) {
    if (value === undefined) continue;
    factors[key] = { value: value ?? null, source: `${file}:factors.${key}` };
  }
  const sites = (d.sites ?? []).map((s) => ({
    name: s.name,
    cidrs: Array.isArray(s.cidr) ? s.cidr : [s.cidr],
  }));
  const seen = new Set<string>();
  for (const s of sites) {
    if (seen.has(s.name))
      warnings.push({
        message: `site ${s.name} is listed twice: its CIDRs are merged`,
        at: 'sites',
      });
    seen.add(s.name);
  }
  const merged = new Map<string, DescriptorSite>();
  for (const s of sites) {
    const m = merged.get(s.name);
    if (m) m.cidrs.push(...s.cidrs);
    else merged.set(s.name, { name: s.name, cidrs: [...s.cidrs] });
  }
  return {
    value: {
      name: d.name ?? null,
      campaign: d.campaign ?? null,
      factors,
      sites: [...merged.values()],
      notes: d.notes ?? null,
    },
    warnings,
    format: 'edgeperf-descriptor',
    formatVersion: String(d.version ?? DESCRIPTOR_VERSION),
  };
}

function toDescriptorError(
  error: ZodError,
  lineOf: (path: readonly PathPart[]) => number | null,
): DescriptorContentError {
  const issue = error.issues[0]!;
  let path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
  let message = issue.message;
  if (issue.code === 'unrecognized_keys') {
    const key = issue.keys[0]!;
    path = [...path, key];
    message =
      path.length === 2 && path[0] === 'factors'
        ? `unknown factor ${key} (see lib/factors.ts: backend, backend_nodes, replication, bus, …)`
        : `unknown key ${key}`;
  }
  const line = lineOf(path) ?? lineOf(path.slice(0, -1));
  return new DescriptorContentError(
    `${formatPath(path)}: ${message}${line ? ` (line ${line})` : ''}`,
    formatPath(path),
  );
}

/** The site whose CIDR holds `address` (IPv4 or IPv6), the most specific block winning. */
export function siteOfAddress(address: string, sites: DescriptorSite[]): string | null {
  const addr = parseAddress(address);
  if (!addr) return null;
  let best: { name: string; bits: number } | null = null;
  for (const site of sites) {
    for (const cidr of site.cidrs) {
      const [net, len] = cidr.split('/');
      const block = parseAddress(net ?? '');
      const bits = Number(len);
      if (!block || block.length !== addr.length || !(bits >= 0)) continue;
      if (matches(addr, block, bits) && (!best || bits > best.bits))
        best = { name: site.name, bits };
    }
  }
  return best?.name ?? null;
}

function matches(a: Uint8Array, b: Uint8Array, bits: number): boolean {
  for (let i = 0; i < a.length && bits > 0; i++, bits -= 8) {
    const mask = bits >= 8 ? 0xff : (0xff << (8 - bits)) & 0xff;
    if ((a[i]! & mask) !== (b[i]! & mask)) return false;
  }
  return true;
}

/** IPv4 → 4 bytes, IPv6 (with `::` and an embedded IPv4 tail) → 16 bytes. */
export function parseAddress(text: string): Uint8Array | null {
  const v4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text);
  if (v4) {
    const parts = v4.slice(1).map(Number);
    return parts.every((p) => p <= 255) ? new Uint8Array(parts) : null;
  }
  if (!text.includes(':')) return null;
  let s = text;
  const lastColon = s.lastIndexOf(':');
  if (s.slice(lastColon + 1).includes('.')) {
    // ::ffff:10.0.0.1 → ::ffff:a00:1
    const b = parseAddress(s.slice(lastColon + 1));
    if (b?.length !== 4) return null;
    s = `${s.slice(0, lastColon + 1)}${((b[0]! << 8) | b[1]!).toString(16)}:${((b[2]! << 8) | b[3]!).toString(16)}`;
  }
  const halves = s.split('::');
  if (halves.length > 2) return null;
  const groupsOf = (h: string) =>
    h === ''
      ? []
      : h
          .split(':')
          .map((g) => (/^[0-9a-fA-F]{1,4}$/.test(g) ? Number.parseInt(g, 16) : Number.NaN));
  const head = groupsOf(halves[0]!);
  const rest = halves.length === 2 ? groupsOf(halves[1]!) : [];
  const fill = 8 - head.length - rest.length;
  if (halves.length === 2 ? fill < 1 : fill !== 0) return null;
  const groups = [...head, ...new Array<number>(halves.length === 2 ? fill : 0).fill(0), ...rest];
  if (groups.some((g) => Number.isNaN(g))) return null;
  const out = new Uint8Array(16);
  groups.forEach((g, i) => {
    out[i * 2] = g >> 8;
    out[i * 2 + 1] = g & 0xff;
  });
  return out;
}
