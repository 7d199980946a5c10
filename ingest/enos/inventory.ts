// Kolla/EnOS Ansible inventory (INI) → groups, hosts, and where each OpenStack service runs.
//
// EnOS writes the inventory it hands to kolla-ansible (`<resultdir>/multinode`) as the groups
// of its resources followed by the base inventory (enos/utils/extra.py `generate_inventory`,
// `to_ansible_group_string`): one `[role]` section per role **and per topology group and
// cluster** (`build_roles` puts each node in every "super group" of its index path), with host
// lines `alias ansible_host=… … g5k_role=…`; then the Kolla groups of
// enos/resources/inventory.sample (`[mariadb:children]\ncontrol`, `[nova-conductor:children]\nnova`,
// …). So a host's site is the topology group (from reservation.yaml) that holds it.
//
// INI rules follow Ansible's ini inventory plugin: `[group]`, `[group:children]`,
// `[group:vars]`; hosts before any section are `ungrouped`; host lines are split like a shell
// (quotes group words, `#` starts a comment); `host[01:10]` / `host[a:c]` ranges expand.
import type { Factor } from '@/lib/apiTypes';
import type { FactorKey } from '@/lib/factors';
import type { ParseWarning } from '@/ingest/model';
import { EnosContentError, type ParseResult, toText } from './common';

export interface InventoryGroup {
  hosts: string[];
  children: string[];
  vars: Record<string, string>;
  /** 1-based line of the (first) section header. */
  line: number;
}

export interface InventoryHost {
  name: string;
  /** `ansible_host`, when given. */
  address: string | null;
  vars: Record<string, string>;
  /** Groups that list the host directly. */
  groups: string[];
  /** Its site, when the reservation's groups (or `hostSites`) tell it. */
  site: string | null;
}

export interface ServicePlacement {
  service: string;
  /** The inventory group it was read from (`nova-compute` comes from `compute`). */
  group: string;
  hosts: string[];
  /** Sites of those hosts, when every host's site is known; else null. */
  sites: string[] | null;
  /** Groups that list those hosts directly (`control`), for when sites are unknown. */
  hostGroups: string[];
  /** The placement value: a site, `per-site`, sites joined by `,`, or the host groups. */
  value: string;
}

export interface Inventory {
  groups: Record<string, InventoryGroup>;
  hosts: InventoryHost[];
  services: ServicePlacement[];
  /** service → value, for the services of `services` that have hosts. */
  placement: Record<string, string>;
  factors: Partial<Record<FactorKey, Factor>>;
}

export interface InventoryOptions {
  fileName?: string;
  /** Site names (reservation topology groups): inventory groups of these names give host → site. */
  sites?: string[];
  /** Explicit host → site (wins over `sites`). */
  hostSites?: Record<string, string>;
  /** Services to place (Kolla group names); default DEFAULT_PLACEMENT_SERVICES. */
  services?: string[];
}

/**
 * The services whose placement the Discovery experiments vary (DOMAIN.md): database and bus,
 * the control services, and computes. Kolla has no `nova-compute` group: it is `compute`.
 * Note: an inventory lists where a service *would* run; whether it is enabled is in globals.yml.
 */
export const DEFAULT_PLACEMENT_SERVICES = [
  'mariadb',
  'cockroachdb',
  'redis',
  'rabbitmq',
  'qdrouterd',
  'memcached',
  'haproxy',
  'keystone',
  'glance-api',
  'nova-api',
  'nova-conductor',
  'nova-scheduler',
  'placement-api',
  'neutron-server',
  'nova-compute',
] as const;

const SERVICE_GROUP: Record<string, string> = { 'nova-compute': 'compute' };

export function parseInventory(
  input: string | Uint8Array,
  opts: InventoryOptions = {},
): ParseResult<Inventory> {
  const file = opts.fileName ?? 'multinode';
  const warnings: ParseWarning[] = [];
  const text = toText(input);
  if (text.trim() === '') throw new EnosContentError(`${file} is empty`, null);
  const groups = new Map<string, InventoryGroup>();
  const hostVars = new Map<string, Record<string, string>>();
  const hostGroups = new Map<string, string[]>();
  const group = (name: string, line: number) => {
    let g = groups.get(name);
    if (!g) {
      g = { hosts: [], children: [], vars: {}, line };
      groups.set(name, g);
    }
    return g;
  };

  let section: { name: string; kind: 'hosts' | 'children' | 'vars' } = {
    name: 'ungrouped',
    kind: 'hosts',
  };
  const lines = text.split(/\r\n|\r|\n/);
  lines.forEach((raw, index) => {
    const lineNo = index + 1;
    const line = raw.trim();
    if (line === '' || line.startsWith('#') || line.startsWith(';')) return;
    if (line.startsWith('[')) {
      const m = /^\[([^\]:\s]+)(?::([A-Za-z_]+))?\]\s*(?:[#;].*)?$/.exec(line);
      if (!m) throw new EnosContentError(`invalid section header ${line}`, `line ${lineNo}`);
      const kind = m[2] ?? 'hosts';
      if (kind !== 'hosts' && kind !== 'children' && kind !== 'vars') {
        throw new EnosContentError(
          `invalid section type :${kind} (expected :children or :vars)`,
          `line ${lineNo}`,
        );
      }
      section = { name: m[1]!, kind };
      group(section.name, lineNo);
      return;
    }
    const tokens = shellSplit(line, lineNo);
    if (tokens.length === 0) return;
    if (section.kind === 'children') {
      if (tokens.length !== 1)
        throw new EnosContentError(
          `a :children line names one group, got ${line}`,
          `line ${lineNo}`,
        );
      const child = tokens[0]!;
      group(child, lineNo);
      const g = group(section.name, lineNo);
      if (!g.children.includes(child)) g.children.push(child);
      return;
    }
    if (section.kind === 'vars') {
      const eq = line.indexOf('=');
      if (eq <= 0)
        throw new EnosContentError(
          `expected key=value in [${section.name}:vars]`,
          `line ${lineNo}`,
        );
      group(section.name, lineNo).vars[line.slice(0, eq).trim()] = unquote(
        line.slice(eq + 1).trim(),
      );
      return;
    }
    const [pattern, ...assignments] = tokens;
    const vars: Record<string, string> = {};
    for (const a of assignments) {
      const eq = a.indexOf('=');
      if (eq <= 0)
        throw new EnosContentError(
          `expected key=value after the host name, got ${a}`,
          `line ${lineNo}`,
        );
      vars[a.slice(0, eq)] = a.slice(eq + 1);
    }
    for (const host of expandHostPattern(pattern!, lineNo)) {
      const g = group(section.name, lineNo);
      if (!g.hosts.includes(host)) g.hosts.push(host);
      hostVars.set(host, { ...(hostVars.get(host) ?? {}), ...vars });
      const hg = hostGroups.get(host) ?? [];
      if (!hg.includes(section.name)) hg.push(section.name);
      hostGroups.set(host, hg);
    }
  });

  // Hosts of a group, through its children (a cycle is reported once and cut).
  const cycleReported = new Set<string>();
  const resolve = (
    name: string,
    path: string[] = [],
  ): { hosts: Set<string>; direct: Set<string> } => {
    const out = { hosts: new Set<string>(), direct: new Set<string>() };
    const g = groups.get(name);
    if (!g) return out;
    if (path.includes(name)) {
      if (!cycleReported.has(name)) {
        cycleReported.add(name);
        warnings.push({
          message: `group ${name} is its own descendant (${[...path, name].join(' → ')})`,
          at: `line ${g.line}`,
        });
      }
      return out;
    }
    if (g.hosts.length) out.direct.add(name);
    for (const h of g.hosts) out.hosts.add(h);
    for (const c of g.children) {
      const sub = resolve(c, [...path, name]);
      for (const h of sub.hosts) out.hosts.add(h);
      for (const d of sub.direct) out.direct.add(d);
    }
    return out;
  };

  // Host → site.
  const siteOf = new Map<string, string>();
  for (const site of opts.sites ?? []) {
    if (!groups.has(site)) continue;
    for (const h of resolve(site).hosts) {
      const before = siteOf.get(h);
      if (before && before !== site) {
        warnings.push({
          message: `host ${h} is in sites ${before} and ${site}: kept in ${before}`,
          at: `line ${groups.get(site)!.line}`,
        });
        continue;
      }
      siteOf.set(h, site);
    }
  }
  for (const [h, s] of Object.entries(opts.hostSites ?? {})) siteOf.set(h, s);
  const knownSites = new Set([...(opts.sites ?? []), ...Object.values(opts.hostSites ?? {})]);

  const hosts: InventoryHost[] = [...hostVars.entries()].map(([name, vars]) => ({
    name,
    address: vars.ansible_host ?? null,
    vars,
    groups: hostGroups.get(name) ?? [],
    site: siteOf.get(name) ?? null,
  }));

  const services: ServicePlacement[] = [];
  for (const service of opts.services ?? DEFAULT_PLACEMENT_SERVICES) {
    const groupName = SERVICE_GROUP[service] ?? service;
    if (!groups.has(groupName)) continue;
    const { hosts: hs, direct } = resolve(groupName);
    if (hs.size === 0) continue;
    const hostList = [...hs].sort(natural);
    const siteList = hostList.map((h) => siteOf.get(h));
    const sites = siteList.every((s) => s !== undefined)
      ? [...new Set(siteList as string[])].sort(natural)
      : null;
    const hostGroupList = [...direct].sort(natural);
    let value: string;
    if (sites) {
      value =
        sites.length === 1
          ? sites[0]!
          : knownSites.size > 1 && sites.length === knownSites.size
            ? 'per-site'
            : sites.join(',');
    } else {
      value = hostGroupList.join(',');
    }
    services.push({
      service,
      group: groupName,
      hosts: hostList,
      sites,
      hostGroups: hostGroupList,
      value,
    });
  }
  const placement = Object.fromEntries(services.map((s) => [s.service, s.value]));
  const factors: Partial<Record<FactorKey, Factor>> = {};
  if (services.length) factors.placement = { value: placement, source: `${file}:groups` };
  if (knownSites.size === 0 && services.length) {
    warnings.push({
      message: 'no site is known for the hosts: placement shows inventory groups, not sites',
      at: file,
    });
  }

  return {
    value: {
      groups: Object.fromEntries(groups),
      hosts,
      services,
      placement,
      factors,
    },
    warnings,
    format: 'ansible-ini-inventory',
    formatVersion: null,
  };
}

function natural(a: string, b: string): number {
  return a.localeCompare(b, 'en', { numeric: true });
}

function unquote(v: string): string {
  if (
    v.length >= 2 &&
    ((v.startsWith('"') && v.endsWith('"')) || (v.startsWith("'") && v.endsWith("'")))
  ) {
    return v.slice(1, -1);
  }
  return v;
}

/** Splits like Python's shlex (posix, comments on): quotes group words, `#` at a word start ends the line. */
export function shellSplit(line: string, lineNo: number): string[] {
  const out: string[] = [];
  let cur = '';
  let inWord = false;
  let quote: '"' | "'" | null = null;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quote) {
      if (c === quote) quote = null;
      else if (c === '\\' && quote === '"' && (line[i + 1] === '"' || line[i + 1] === '\\'))
        cur += line[++i];
      else cur += c;
      continue;
    }
    if (c === '"' || c === "'") {
      quote = c;
      inWord = true;
      continue;
    }
    if (c === '#' && !inWord) break;
    if (/\s/.test(c)) {
      if (inWord) out.push(cur);
      cur = '';
      inWord = false;
      continue;
    }
    if (c === '\\' && i + 1 < line.length) {
      cur += line[++i];
      inWord = true;
      continue;
    }
    cur += c;
    inWord = true;
  }
  if (quote) throw new EnosContentError(`unterminated ${quote} quote`, `line ${lineNo}`);
  if (inWord) out.push(cur);
  return out;
}

/** `node[01:03]` → node01 node02 node03; `h[a:c]` → ha hb hc; `[1:9:4]` steps (Ansible ranges). */
export function expandHostPattern(pattern: string, lineNo: number): string[] {
  const m = /^(.*?)\[([0-9a-zA-Z]+):([0-9a-zA-Z]+)(?::(\d+))?\](.*)$/.exec(pattern);
  if (!m) return [pattern];
  const [, head, from, to, stepText, tail] = m as unknown as [
    string,
    string,
    string,
    string,
    string | undefined,
    string,
  ];
  const step = stepText ? Number(stepText) : 1;
  if (!(step > 0)) throw new EnosContentError(`bad range step in ${pattern}`, `line ${lineNo}`);
  const items: string[] = [];
  if (/^\d+$/.test(from) && /^\d+$/.test(to)) {
    const width = from.length;
    const end = Number(to);
    if (end - Number(from) > 100_000)
      throw new EnosContentError(`range too large in ${pattern}`, `line ${lineNo}`);
    for (let i = Number(from); i <= end; i += step) items.push(String(i).padStart(width, '0'));
  } else if (/^[a-zA-Z]$/.test(from) && /^[a-zA-Z]$/.test(to)) {
    for (let c = from.charCodeAt(0); c <= to.charCodeAt(0); c += step)
      items.push(String.fromCharCode(c));
  } else {
    throw new EnosContentError(`bad host range ${pattern}`, `line ${lineNo}`);
  }
  return items.flatMap((x) => expandHostPattern(`${head}${x}${tail}`, lineNo));
}
