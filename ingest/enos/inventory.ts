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
import { setOwn } from '@/ingest/core/records';
import { EnosContentError, type ParseResult, toText } from './common';

/**
 * Host names one pattern may expand to (`node[0001:9999]` is 9,999): ranges multiply
 * (`n[0:99999][0:99999]` would be 10^10 names; docs/FUZZING.md).
 */
export const MAX_HOSTS_PER_PATTERN = 100_000;
/**
 * Host names a whole inventory may list, counting each group a host is listed in (each costs
 * a few µs: 100,000 take about half a second).
 */
export const MAX_HOST_ENTRIES = 100_000;

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
  // Membership sets next to the lists (a `[big]` section of n[0:99999] was quadratic).
  const groupHosts = new Map<string, Set<string>>();
  const groupChildren = new Map<string, Set<string>>();
  const hostVars = new Map<string, Record<string, string>>();
  const hostGroups = new Map<string, string[]>();
  const group = (name: string, line: number) => {
    let g = groups.get(name);
    if (!g) {
      g = { hosts: [], children: [], vars: {}, line };
      groups.set(name, g);
      groupHosts.set(name, new Set());
      groupChildren.set(name, new Set());
    }
    return g;
  };

  let section: { name: string; kind: 'hosts' | 'children' | 'vars' } = {
    name: 'ungrouped',
    kind: 'hosts',
  };
  const lines = text.split(/\r\n|\r|\n/);
  let entries = 0;
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
      const known = groupChildren.get(section.name) as Set<string>;
      if (!known.has(child)) {
        known.add(child);
        g.children.push(child);
      }
      return;
    }
    if (section.kind === 'vars') {
      const eq = line.indexOf('=');
      if (eq <= 0)
        throw new EnosContentError(
          `expected key=value in [${section.name}:vars]`,
          `line ${lineNo}`,
        );
      setOwn(
        group(section.name, lineNo).vars,
        line.slice(0, eq).trim(),
        unquote(line.slice(eq + 1).trim()),
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
      setOwn(vars, a.slice(0, eq), a.slice(eq + 1));
    }
    const g = group(section.name, lineNo);
    const members = groupHosts.get(section.name) as Set<string>;
    const expanded = expandHostPattern(pattern!, lineNo);
    entries += expanded.length;
    if (entries > MAX_HOST_ENTRIES) {
      throw new EnosContentError(
        `the inventory lists more than ${MAX_HOST_ENTRIES} hosts (counting each group they are in)`,
        `line ${lineNo}`,
      );
    }
    for (const host of expanded) {
      if (!members.has(host)) {
        members.add(host);
        g.hosts.push(host);
      }
      hostVars.set(host, { ...(hostVars.get(host) ?? {}), ...vars });
      const hg = hostGroups.get(host) ?? [];
      if (!hg.includes(section.name)) hg.push(section.name);
      hostGroups.set(host, hg);
    }
  });

  // Hosts of a group, through its children (a cycle is reported once and cut). Iterative, and
  // each group is resolved once per call: a 20,000-group chain overflowed the stack and a chain
  // of diamonds (two children sharing a child) took exponential time (docs/FUZZING.md).
  const cycleReported = new Set<string>();
  type Resolved = { hosts: Set<string>; direct: Set<string> };
  /** Results that met no cycle: valid from any caller. */
  const settled = new Map<string, Resolved>();
  const resolve = (root: string): Resolved => {
    const done = new Map<string, Resolved>();
    const cut = new Set<string>(); // groups whose result lost a cyclic part
    const onPath = new Set<string>([root]);
    const path: string[] = [root];
    const stack: { name: string; next: number }[] = [{ name: root, next: 0 }];
    while (stack.length > 0) {
      const top = stack[stack.length - 1] as { name: string; next: number };
      const g = groups.get(top.name);
      if (g && top.next < g.children.length) {
        const c = g.children[top.next++] as string;
        if (settled.has(c) || done.has(c)) {
          if (cut.has(c)) cut.add(top.name);
          continue;
        }
        if (onPath.has(c)) {
          cut.add(top.name);
          const cg = groups.get(c);
          if (cg && !cycleReported.has(c)) {
            cycleReported.add(c);
            warnings.push({
              message: `group ${c} is its own descendant (${[...path, c].join(' → ')})`,
              at: `line ${cg.line}`,
            });
          }
          continue;
        }
        onPath.add(c);
        path.push(c);
        stack.push({ name: c, next: 0 });
        continue;
      }
      stack.pop();
      path.pop();
      onPath.delete(top.name);
      const out: Resolved = { hosts: new Set(), direct: new Set() };
      if (g) {
        if (g.hosts.length) out.direct.add(top.name);
        for (const h of g.hosts) out.hosts.add(h);
        for (const c of g.children) {
          const sub = settled.get(c) ?? done.get(c);
          if (!sub) continue;
          for (const h of sub.hosts) out.hosts.add(h);
          for (const d of sub.direct) out.direct.add(d);
        }
      }
      if (cut.has(top.name)) done.set(top.name, out);
      else settled.set(top.name, out);
    }
    return (settled.get(root) ?? done.get(root)) as Resolved;
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

  // Hosts in natural order, ranked once: a collator comparison costs about a microsecond, and
  // sorting each service's hosts with it took seconds for 100,000 hosts.
  const rank = new Map([...hostVars.keys()].sort(natural).map((h, i) => [h, i]));
  const byHostRank = (a: string, b: string) => (rank.get(a) ?? 0) - (rank.get(b) ?? 0);
  const services: ServicePlacement[] = [];
  for (const service of opts.services ?? DEFAULT_PLACEMENT_SERVICES) {
    const groupName = SERVICE_GROUP[service] ?? service;
    if (!groups.has(groupName)) continue;
    const { hosts: hs, direct } = resolve(groupName);
    if (hs.size === 0) continue;
    const hostList = [...hs].sort(byHostRank);
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

// One collator: `a.localeCompare(b, 'en', …)` builds one per call.
const NATURAL = new Intl.Collator('en', { numeric: true });

function natural(a: string, b: string): number {
  return NATURAL.compare(a, b);
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
export function expandHostPattern(
  pattern: string,
  lineNo: number,
  budget = { left: MAX_HOSTS_PER_PATTERN },
): string[] {
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
  // Every name made (at any level of the recursion) counts against one budget per pattern.
  budget.left -= items.length;
  if (budget.left < 0) {
    throw new EnosContentError(
      `host pattern ${pattern.slice(0, 80)} expands to more than ${MAX_HOSTS_PER_PATTERN} hosts`,
      `line ${lineNo}`,
    );
  }
  const out: string[] = [];
  for (const x of items) {
    for (const h of expandHostPattern(`${head}${x}${tail}`, lineNo, budget)) out.push(h);
  }
  return out;
}
