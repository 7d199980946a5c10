// EnOS `reservation.yaml` → sites (with roles and counts), compute count, the declared network
// constraints as a per-site-pair matrix, and the RTT when it is uniform.
//
// Semantics follow EnOS and enoslib exactly (BeyondTheClouds/enos):
// - `topology:` group → cluster → role → count; a group key like `grp[2-4]` expands to grp2,
//   grp3, grp4 (enos/utils/extra.py `expand_groups`: regex `(.+)\[(\d+)-(\d+)\]`, matched at the
//   start of the key; `expand_topology`: a later key for the same group wins).
// - `resources:` (no groups) is one site: cluster → role → count (g5k, vagrant), role → [hosts]
//   (static provider), or enoslib's `machines: [{roles|role, nodes|number, cluster|flavour}]`.
// - `network_constraints:` (enos/utils/network_constraints.py, enoslib service/netem/netem.py):
//   default constraints between every ordered pair of distinct groups (`groups`, else the
//   topology groups; minus `except`; a pair src = dst only when a constraint names it), then
//   each `constraints` entry (src/dst ranges expanded) updates the matching default pair, and
//   is mirrored when it has a `symetric` key (EnOS tests `'symetric' in desc`) or
//   `symmetric: true` (later enoslib). A constraint whose pair has no default (an `except`ed
//   group) is ignored, as `merge_constraints` does. Delay is one-way (netem on each source's
//   egress), so RTT(a, b) = delay(a→b) + delay(b→a).
import type { Factor } from '@/lib/apiTypes';
import type { FactorKey } from '@/lib/factors';
import { IngestError } from '@/ingest/core/errors';
import { addCount } from '@/ingest/core/records';
import type { ParseWarning } from '@/ingest/model';
import {
  clean,
  EnosContentError,
  formatPath,
  isRecord,
  type ParseResult,
  type PathPart,
  readYaml,
  toText,
} from './common';
import { lossToPct, tcRateToMbit, tcTimeToMs } from './units';

export interface ReservationSite {
  /** Group name (`grp3`), or `all` when the reservation has no topology. */
  name: string;
  /** The key it was declared under (`grp[2-4]`), as a key path. */
  declaredAt: string;
  clusters: string[];
  /** Role → node count, summed over clusters. */
  roles: Record<string, number>;
  nodes: number;
}

/** One directed link, in the shape of lib/factors.ts `latency`. */
export interface LatencyLink {
  src: string;
  dst: string;
  delay_ms: number | null;
  rate_mbit: number | null;
  loss_pct: number | null;
}

export type ReservationLayout = 'topology' | 'resources' | 'static' | 'machines' | 'none';

export interface Reservation {
  provider: string | null;
  layout: ReservationLayout;
  sites: ReservationSite[];
  /** Nodes with the `compute` role, all sites together. */
  computes: number | null;
  networkConstraints: { enabled: boolean; links: LatencyLink[] } | null;
  /** delay(a→b) + delay(b→a) when equal for every pair of distinct sites, else null. */
  rttMs: number | null;
  openstackRelease: string | null;
  /** The `inventory:` key (the Kolla inventory EnOS started from). */
  inventory: string | null;
  /** Derived factors, each with its provenance `<file>:<key path>`. */
  factors: Partial<Record<FactorKey, Factor>>;
}

export interface ReservationOptions {
  /** Shown in provenance strings and errors (`reservation.yml`). */
  fileName?: string;
}

const GROUP_RANGE = /^(.+)\[(\d+)-(\d+)\]/;

/**
 * Sites a reservation may declare (EnOS experiments run up to a few hundred sites): a range
 * like `grp[1-999999999]` would otherwise make a billion names (docs/FUZZING.md).
 */
export const MAX_SITES = 1000;
/**
 * Directed links of the network-constraint matrix (groups² : 256 groups). Every link is kept
 * and stored as the `latency` factor; beyond this the matrix is refused, not truncated.
 */
export const MAX_LINKS = 65_536;

/**
 * `grp[2-4]` → grp2, grp3, grp4 (enos/utils/extra.py `expand_groups`). A range of more than
 * MAX_SITES names is an IngestError('LIMIT') at `at` (the key path of the range).
 */
export function expandGroups(group: string, at: string = group): string[] {
  const m = GROUP_RANGE.exec(group);
  if (!m) return [group];
  const from = Number(m[2]);
  const to = Number(m[3]);
  if (to - from + 1 > MAX_SITES) {
    throw new IngestError(
      'LIMIT',
      `group range ${group.slice(0, 80)} names ${to - from + 1} groups (limit ${MAX_SITES})`,
      at,
    );
  }
  const out: string[] = [];
  for (let i = from; i <= to; i++) out.push(`${m[1]}${i}`);
  return out;
}

export function parseReservation(
  input: string | Uint8Array,
  opts: ReservationOptions = {},
): ParseResult<Reservation> {
  const file = opts.fileName ?? 'reservation.yaml';
  const warnings: ParseWarning[] = [];
  const text = toText(input);
  if (text.trim() === '') throw new EnosContentError(`${file} is empty`, null);
  const yaml = readYaml(text, (m, at) => new EnosContentError(m, at), warnings);
  const data = yaml.data;
  if (!isRecord(data)) throw new EnosContentError(`${file} is not a YAML mapping`, '$');
  const fail = (message: string, path: PathPart[]): never => {
    const line = yaml.lineOf(path);
    throw new EnosContentError(`${message}${line ? ` (line ${line})` : ''}`, formatPath(path));
  };

  const provider = isRecord(data.provider)
    ? typeof data.provider.type === 'string'
      ? data.provider.type
      : null
    : typeof data.provider === 'string'
      ? data.provider
      : null;

  const { layout, sites, sitesPath } = readSites(data, fail, warnings);
  const factors: Partial<Record<FactorKey, Factor>> = {};
  let computes: number | null = null;
  if (layout !== 'none') {
    computes = sites.reduce((n, s) => n + (s.roles.compute ?? 0), 0);
    factors.sites = { value: sites.length, source: `${file}:${sitesPath}` };
    factors.computes = { value: computes, source: `${file}:${sitesPath}` };
  }

  let networkConstraints: Reservation['networkConstraints'] = null;
  let rttMs: number | null = null;
  if (data.network_constraints !== undefined && data.network_constraints !== null) {
    const nc = readNetworkConstraints(
      data.network_constraints,
      layout === 'topology' ? sites : [],
      fail,
      warnings,
    );
    networkConstraints = { enabled: nc.enabled, links: nc.links };
    if (!nc.enabled) {
      warnings.push({
        message: 'network_constraints.enable is false: no constraint was applied, latency unknown',
        at: 'network_constraints.enable',
      });
    } else if (nc.links.length > 0) {
      factors.latency = {
        value: nc.links.map((l) => ({ ...l })),
        source: `${file}:network_constraints`,
      };
      rttMs = uniformRtt(nc.groups, nc.links);
      if (rttMs !== null) factors.rtt_ms = { value: rttMs, source: `${file}:network_constraints` };
    }
  }

  const release = readRelease(data, warnings);
  if (release)
    factors.openstack_release = { value: release.value, source: `${file}:${release.path}` };

  return {
    value: {
      provider,
      layout,
      sites,
      computes,
      networkConstraints,
      rttMs,
      openstackRelease: release?.value ?? null,
      inventory: typeof data.inventory === 'string' ? data.inventory : null,
      factors,
    },
    warnings,
    format: 'enos-reservation',
    formatVersion: layout === 'machines' ? 'enoslib' : layout === 'none' ? null : 'enos',
  };
}

type Fail = (message: string, path: PathPart[]) => never;

function readCount(v: unknown, path: PathPart[], fail: Fail): number {
  if (typeof v === 'number' && Number.isInteger(v) && v >= 0) return v;
  return fail(`expected a node count (a non-negative integer), got ${JSON.stringify(v)}`, path);
}

function readSites(
  data: Record<string, unknown>,
  fail: Fail,
  warnings: ParseWarning[],
): { layout: ReservationLayout; sites: ReservationSite[]; sitesPath: string } {
  if (data.topology !== undefined && data.topology !== null) {
    if (!isRecord(data.topology)) fail('topology must map group names to clusters', ['topology']);
    const byName = new Map<string, ReservationSite>();
    for (const [key, clusters] of Object.entries(data.topology as Record<string, unknown>)) {
      const names = expandGroups(key, formatPath(['topology', key]));
      if (names.length === 0) {
        warnings.push({
          message: `group range ${key} is empty`,
          at: formatPath(['topology', key]),
        });
      }
      if (!isRecord(clusters))
        fail('a topology group must map clusters to roles', ['topology', key]);
      const roles: Record<string, number> = {};
      for (const [cluster, roleCounts] of Object.entries(clusters as Record<string, unknown>)) {
        if (!isRecord(roleCounts))
          fail('a cluster must map roles to node counts', ['topology', key, cluster]);
        for (const [role, count] of Object.entries(roleCounts as Record<string, unknown>)) {
          addCount(roles, role, readCount(count, ['topology', key, cluster, role], fail));
        }
      }
      for (const name of names) {
        if (byName.has(name)) {
          warnings.push({
            message: `group ${name} is declared twice; the later declaration (${key}) wins, as in EnOS`,
            at: formatPath(['topology', key]),
          });
        }
        byName.set(name, {
          name,
          declaredAt: formatPath(['topology', key]),
          clusters: Object.keys(clusters as Record<string, unknown>),
          roles: { ...roles },
          nodes: Object.values(roles).reduce((a, b) => a + b, 0),
        });
      }
      if (byName.size > MAX_SITES) {
        throw new IngestError(
          'LIMIT',
          `topology declares more than ${MAX_SITES} groups`,
          formatPath(['topology', key]),
        );
      }
    }
    return { layout: 'topology', sites: [...byName.values()], sitesPath: 'topology' };
  }

  const machinesAt: PathPart[] | null =
    isRecord(data.resources) && Array.isArray(data.resources.machines)
      ? ['resources', 'machines']
      : isRecord(data.provider) &&
          isRecord(data.provider.resources) &&
          Array.isArray(data.provider.resources.machines)
        ? ['provider', 'resources', 'machines']
        : null;
  if (machinesAt) {
    const machines = (
      machinesAt.length === 2
        ? (data.resources as Record<string, unknown>).machines
        : ((data.provider as Record<string, unknown>).resources as Record<string, unknown>).machines
    ) as unknown[];
    const roles: Record<string, number> = {};
    const clusters = new Set<string>();
    machines.forEach((m, i) => {
      const at = [...machinesAt, i];
      if (!isRecord(m)) fail('a machine must be a mapping', at);
      const rec = m as Record<string, unknown>;
      const names = Array.isArray(rec.roles)
        ? rec.roles
        : typeof rec.role === 'string'
          ? [rec.role]
          : null;
      if (!names || names.some((r) => typeof r !== 'string'))
        fail('a machine needs `role` or `roles`', at);
      const countKey =
        rec.nodes !== undefined ? 'nodes' : rec.number !== undefined ? 'number' : null;
      const n = countKey ? readCount(rec[countKey], [...at, countKey], fail) : 1;
      for (const r of names as string[]) addCount(roles, r, n);
      const c = rec.cluster ?? rec.flavour ?? rec.flavor;
      if (typeof c === 'string') clusters.add(c);
    });
    const total = machines.reduce<number>((sum, m, i) => {
      const rec = m as Record<string, unknown>;
      const countKey =
        rec.nodes !== undefined ? 'nodes' : rec.number !== undefined ? 'number' : null;
      return sum + (countKey ? readCount(rec[countKey], [...machinesAt, i, countKey], fail) : 1);
    }, 0);
    return {
      layout: 'machines',
      sites: [
        {
          name: 'all',
          declaredAt: formatPath(machinesAt),
          clusters: [...clusters],
          roles,
          nodes: total,
        },
      ],
      sitesPath: formatPath(machinesAt),
    };
  }

  if (data.resources !== undefined && data.resources !== null) {
    if (!isRecord(data.resources)) fail('resources must be a mapping', ['resources']);
    const res = data.resources as Record<string, unknown>;
    const roles: Record<string, number> = {};
    const clusters: string[] = [];
    let layout: ReservationLayout = 'resources';
    let nodes = 0;
    for (const [key, value] of Object.entries(res)) {
      if (Array.isArray(value)) {
        // Static provider: role → list of hosts (enos/provider/static.py).
        layout = 'static';
        addCount(roles, key, value.length);
        nodes += value.length;
      } else if (isRecord(value)) {
        clusters.push(key);
        for (const [role, count] of Object.entries(value)) {
          const n = readCount(count, ['resources', key, role], fail);
          addCount(roles, role, n);
          nodes += n;
        }
      } else if (typeof value === 'number') {
        // EnOS 1.x: `resources: {parapluie: 4}` with roles in `openstack:`; roles are unknown here.
        clusters.push(key);
        nodes += readCount(value, ['resources', key], fail);
        warnings.push({
          message: `resources.${key} gives a node count without roles`,
          at: formatPath(['resources', key]),
        });
      } else {
        fail('expected cluster → role → count, or role → hosts', ['resources', key]);
      }
    }
    if (layout === 'static') {
      // One host can hold several roles: count distinct hosts when they are given as objects.
      nodes = countStaticHosts(res) ?? nodes;
    }
    return {
      layout,
      sites: [{ name: 'all', declaredAt: 'resources', clusters, roles, nodes }],
      sitesPath: 'resources',
    };
  }

  warnings.push({ message: 'no topology or resources: sites and computes are unknown', at: '$' });
  return { layout: 'none', sites: [], sitesPath: '$' };
}

function countStaticHosts(res: Record<string, unknown>): number | null {
  const seen = new Set<string>();
  for (const value of Object.values(res)) {
    if (!Array.isArray(value)) continue;
    for (const h of value) {
      if (!isRecord(h)) return null;
      const id =
        typeof h.alias === 'string' ? h.alias : typeof h.address === 'string' ? h.address : null;
      if (!id) return null;
      seen.add(id);
    }
  }
  return seen.size;
}

interface RawConstraint {
  src: string;
  dst: string;
  delay?: unknown;
  rate?: unknown;
  loss?: unknown;
}

function readNetworkConstraints(
  raw: unknown,
  sites: ReservationSite[],
  fail: Fail,
  warnings: ParseWarning[],
): { enabled: boolean; groups: string[]; links: LatencyLink[] } {
  const base: PathPart[] = ['network_constraints'];
  if (!isRecord(raw)) fail('network_constraints must be a mapping', base);
  const nc = raw as Record<string, unknown>;
  const enabled = nc.enable !== false;

  const checkTime = (v: unknown, path: PathPart[]) => {
    if (v !== undefined && v !== null && tcTimeToMs(v) === null)
      fail(`not a tc delay: ${JSON.stringify(v)}`, path);
  };
  const checkRate = (v: unknown, path: PathPart[]) => {
    if (v !== undefined && v !== null && tcRateToMbit(v) === null)
      fail(`not a tc rate: ${JSON.stringify(v)}`, path);
  };
  const checkLoss = (v: unknown, path: PathPart[]) => {
    if (v !== undefined && v !== null && lossToPct(v) === null)
      fail(`not a loss percentage: ${JSON.stringify(v)}`, path);
  };
  checkTime(nc.default_delay, [...base, 'default_delay']);
  checkRate(nc.default_rate, [...base, 'default_rate']);
  checkLoss(nc.default_loss, [...base, 'default_loss']);
  if (typeof nc.default_delay === 'number') {
    warnings.push({
      message: 'default_delay has no unit: tc reads a bare number as microseconds',
      at: 'network_constraints.default_delay',
    });
  }

  const stringList = (v: unknown, key: string): string[] | null => {
    if (v === undefined || v === null) return null;
    if (typeof v === 'string') return [v];
    if (Array.isArray(v) && v.every((x) => typeof x === 'string')) return v as string[];
    return fail(`${key} must be a list of group names`, [...base, key]);
  };
  const groupsDecl = stringList(nc.groups, 'groups');
  const except = stringList(nc.except, 'except') ?? [];
  const groupsAt = groupsDecl ? formatPath([...base, 'groups']) : 'topology';
  const groups = (groupsDecl ?? sites.map((s) => s.name)).flatMap((g) => expandGroups(g, groupsAt));
  if (groups.length * groups.length > MAX_LINKS) {
    throw new IngestError(
      'LIMIT',
      `network_constraints between ${groups.length} groups: ${groups.length ** 2} links, more than ${MAX_LINKS}`,
      groupsAt,
    );
  }
  if (groups.length === 0) {
    warnings.push({
      message: 'network_constraints without groups (no topology and no `groups`): no link derived',
      at: 'network_constraints',
    });
  }
  const known = new Set(groups);
  for (const e of except) {
    if (!known.has(e))
      warnings.push({
        message: `except names ${e}, which is not a group`,
        at: 'network_constraints.except',
      });
  }

  // User constraints, expanded (enoslib `_expand_description`) and mirrored when symmetric.
  // The fields object is shared by the pairs a constraint expands to (a copy per pair made
  // 65,536 dictionary-mode objects: a second for a 200-byte file).
  const actual: { src: string; dst: string; index: number; fields: Partial<RawConstraint> }[] = [];
  if (nc.constraints !== undefined && nc.constraints !== null) {
    if (!Array.isArray(nc.constraints))
      fail('constraints must be a list', [...base, 'constraints']);
    (nc.constraints as unknown[]).forEach((c, i) => {
      const at: PathPart[] = [...base, 'constraints', i];
      if (!isRecord(c)) fail('a constraint must be a mapping', at);
      const desc = c as Record<string, unknown>;
      if (typeof desc.src !== 'string')
        fail('a constraint needs `src` (a group name)', [...at, 'src']);
      if (typeof desc.dst !== 'string')
        fail('a constraint needs `dst` (a group name)', [...at, 'dst']);
      checkTime(desc.delay, [...at, 'delay']);
      checkRate(desc.rate, [...at, 'rate']);
      checkLoss(desc.loss, [...at, 'loss']);
      if (desc.network !== undefined) {
        warnings.push({
          message: `constraint ${i} applies only to network ${String(desc.network)}; shown as the site-pair value`,
          at: formatPath([...at, 'network']),
        });
      }
      const symmetric = 'symetric' in desc || desc.symmetric === true;
      const fields: Partial<RawConstraint> = {};
      for (const k of ['delay', 'rate', 'loss'] as const)
        if (desc[k] !== undefined) fields[k] = desc[k];
      const srcs = expandGroups(desc.src as string, formatPath([...at, 'src']));
      const dsts = expandGroups(desc.dst as string, formatPath([...at, 'dst']));
      if (actual.length + srcs.length * dsts.length * (symmetric ? 2 : 1) > 2 * MAX_LINKS) {
        throw new IngestError(
          'LIMIT',
          `network_constraints.constraints name more than ${2 * MAX_LINKS} links`,
          formatPath(at),
        );
      }
      for (const src of srcs) {
        for (const dst of dsts) {
          actual.push({ src, dst, index: i, fields });
          if (symmetric) actual.push({ src: dst, dst: src, index: i, fields });
        }
      }
    });
  }

  const excepted = new Set(except);
  const selfNamed = new Set(actual.filter((a) => a.src === a.dst).map((a) => a.src));
  const defaults: RawConstraint[] = [];
  for (const g1 of groups) {
    for (const g2 of groups) {
      if ((g1 !== g2 || selfNamed.has(g1)) && !excepted.has(g1) && !excepted.has(g2)) {
        defaults.push({
          src: g1,
          dst: g2,
          delay: nc.default_delay,
          rate: nc.default_rate,
          loss: nc.default_loss,
        });
      }
    }
  }
  // By pair: a linear search per constraint was quadratic in the links.
  const byPair = new Map<string, RawConstraint>();
  for (const d of defaults) {
    const k = `${d.src}\n${d.dst}`;
    if (!byPair.has(k)) byPair.set(k, d);
  }
  for (const o of actual) {
    const target = byPair.get(`${o.src}\n${o.dst}`);
    if (!target) {
      warnings.push({
        message: `constraint ${o.index} (${o.src} → ${o.dst}) matches no group pair (unknown or excepted group): ignored, as EnOS does`,
        at: formatPath([...base, 'constraints', o.index]),
      });
      continue;
    }
    if (o.fields.delay !== undefined) target.delay = o.fields.delay;
    if (o.fields.rate !== undefined) target.rate = o.fields.rate;
    if (o.fields.loss !== undefined) target.loss = o.fields.loss;
  }

  let missingDelay = false;
  const links: LatencyLink[] = defaults.map((d) => {
    const delay = d.delay === undefined || d.delay === null ? null : tcTimeToMs(d.delay);
    if (delay === null) missingDelay = true;
    return {
      src: d.src,
      dst: d.dst,
      delay_ms: delay,
      rate_mbit: d.rate === undefined || d.rate === null ? null : tcRateToMbit(d.rate),
      // enoslib's default_loss is 0 (netem.py `network_constraints.get("default_loss", 0)`).
      loss_pct: d.loss === undefined || d.loss === null ? 0 : lossToPct(d.loss),
    };
  });
  if (missingDelay) {
    warnings.push({
      message: 'some site pairs have no delay (no default_delay): their delay is unknown',
      at: 'network_constraints',
    });
  }
  // Groups ranked once in natural order (65,536 links sorted with the collator took a second).
  const rank = new Map([...new Set(groups)].sort(natural).map((g, i) => [g, i]));
  const r = (g: string) => rank.get(g) ?? 0;
  links.sort((a, b) => r(a.src) - r(b.src) || r(a.dst) - r(b.dst));
  return { enabled, groups, links };
}

// One collator: `a.localeCompare(b, 'en', …)` builds one per call.
const NATURAL = new Intl.Collator('en', { numeric: true });

function natural(a: string, b: string): number {
  return NATURAL.compare(a, b);
}

function uniformRtt(groups: string[], links: LatencyLink[]): number | null {
  const distinct = [...new Set(groups)];
  if (distinct.length < 2) return null;
  const delay = new Map(links.map((l) => [`${l.src}\n${l.dst}`, l.delay_ms]));
  let rtt: number | null = null;
  for (let i = 0; i < distinct.length; i++) {
    for (let j = i + 1; j < distinct.length; j++) {
      const ab = delay.get(`${distinct[i]}\n${distinct[j]}`);
      const ba = delay.get(`${distinct[j]}\n${distinct[i]}`);
      if (ab === undefined || ba === undefined || ab === null || ba === null) return null;
      const sum = clean(ab + ba);
      if (rtt === null) rtt = sum;
      else if (Math.abs(rtt - sum) > 1e-9) return null;
    }
  }
  return rtt;
}

function readRelease(
  data: Record<string, unknown>,
  warnings: ParseWarning[],
): { value: string; path: string } | null {
  const kolla = isRecord(data.kolla) ? data.kolla : null;
  const stated = kolla?.openstack_release;
  if (typeof stated === 'string' && stated.trim() !== '') {
    if (!['latest', 'master'].includes(stated.trim().toLowerCase())) {
      return { value: stated.trim(), path: 'kolla.openstack_release' };
    }
    warnings.push({
      message: `kolla.openstack_release is "${stated}", not a release name`,
      at: 'kolla.openstack_release',
    });
  }
  const ref = data.kolla_ref;
  if (typeof ref === 'string') {
    const m = /^stable\/([a-z0-9.-]+)$/i.exec(ref.trim());
    if (m) return { value: m[1]!.toLowerCase(), path: 'kolla_ref' };
  }
  return null;
}
