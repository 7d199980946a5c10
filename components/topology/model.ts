// Turns a run's `measurements` (reservation sites, Kolla services, fping RTTs) and factors
// (`latency`, `placement`) into what the topology view draws. Everything is read defensively:
// `measurements` is free-form JSON.
import type { Run } from '@/lib/apiTypes';

export interface TopoSite {
  name: string;
  roles: { role: string; count: number }[];
  nodes: number | null;
  clusters: string[];
  services: string[];
  /** Compute nodes in this site (role `compute`), null when unknown. */
  computes: number | null;
  /** fping RTT measured inside the site (src = dst), ms. */
  localRtt: number | null;
}

export interface TopoLink {
  a: string;
  b: string;
  /** One-way delays a→b and b→a as declared (tc), ms. */
  delayAB: number | null;
  delayBA: number | null;
  rateMbit: number | null;
  lossPct: number | null;
  /** Declared RTT: the sum of both one-way delays; 2 × delay when only one direction is given. */
  declaredRtt: number | null;
  symmetric: boolean;
  measuredRtt: number | null;
  measuredMin: number | null;
  measuredMax: number | null;
  measuredLoss: number | null;
  samples: number;
  /** (measured − declared) / declared × 100. */
  diffPct: number | null;
  flagged: boolean;
}

export interface Topology {
  sites: TopoSite[];
  links: TopoLink[];
  /** Where each part came from. */
  provenance: { label: string; source: string }[];
  hasRtt: boolean;
}

/** A measured RTT more than this far (in %) from the declared one is flagged. */
export const RTT_TOLERANCE_PCT = 20;

const rec = (v: unknown): Record<string, unknown> | null =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

const ROLE_ORDER = ['control', 'network', 'compute'];

export function buildTopology(run: Run): Topology {
  const m = rec(run.measurements) ?? {};
  const provenance: { label: string; source: string }[] = [];
  const factorSource = (key: string, label: string) => {
    const f = run.factors[key];
    if (f?.value != null && f.source) provenance.push({ label, source: f.source });
  };

  // Sites from the reservation.
  const sites = new Map<string, TopoSite>();
  const ensure = (name: string): TopoSite => {
    let s = sites.get(name);
    if (!s) {
      s = {
        name,
        roles: [],
        nodes: null,
        clusters: [],
        services: [],
        computes: null,
        localRtt: null,
      };
      sites.set(name, s);
    }
    return s;
  };
  for (const raw of arr(m.sites)) {
    const r = rec(raw);
    const name = str(r?.name);
    if (!r || !name) continue;
    const s = ensure(name);
    const roles = rec(r.roles) ?? {};
    s.roles = Object.entries(roles)
      .map(([role, c]) => ({ role, count: num(c) ?? 0 }))
      .sort((x, y) => {
        const ix = ROLE_ORDER.indexOf(x.role);
        const iy = ROLE_ORDER.indexOf(y.role);
        return (ix < 0 ? 99 : ix) - (iy < 0 ? 99 : iy) || x.role.localeCompare(y.role);
      });
    s.nodes = num(r.nodes) ?? (s.roles.length ? s.roles.reduce((a, x) => a + x.count, 0) : null);
    s.clusters = arr(r.clusters).filter((c): c is string => typeof c === 'string');
    const compute = num(roles.compute);
    s.computes = compute;
  }
  const hadSites = sites.size > 0;

  // Services: the inventory, else the `placement` factor.
  const services = arr(m.services);
  if (services.length > 0) {
    for (const raw of services) {
      const r = rec(raw);
      const service = str(r?.service);
      if (!r || !service) continue;
      let in_ = arr(r.sites).filter((x): x is string => typeof x === 'string');
      const value = str(r.value);
      if (in_.length === 0 && value && value !== 'per-site') in_ = [value];
      if (in_.length === 0 && value === 'per-site') in_ = [...sites.keys()];
      for (const site of in_) {
        if (!hadSites && !sites.has(site)) ensure(site);
        const s = sites.get(site);
        if (s && !s.services.includes(service)) s.services.push(service);
      }
    }
  } else {
    const placement = rec(run.factors.placement?.value);
    if (placement) {
      for (const [service, where] of Object.entries(placement)) {
        if (where === 'per-site') for (const s of sites.values()) s.services.push(service);
        else if (typeof where === 'string') {
          if (!hadSites) ensure(where);
          sites.get(where)?.services.push(service);
        }
      }
    }
  }

  // Declared links (tc), one entry per direction.
  const declared = new Map<string, Record<string, unknown>>();
  for (const raw of arr(run.factors.latency?.value)) {
    const r = rec(raw);
    const src = str(r?.src);
    const dst = str(r?.dst);
    if (!r || !src || !dst || src === dst) continue;
    declared.set(`${src}\u0000${dst}`, r);
  }
  // Measured RTTs (fping).
  const measured = new Map<string, Record<string, unknown>>();
  for (const raw of arr(m.rtt)) {
    const r = rec(raw);
    const src = str(r?.src);
    const dst = str(r?.dst);
    if (!r || !src || !dst) continue;
    if (src === dst) {
      const avg = num(r.avg_ms);
      if (avg != null) {
        if (!hadSites && !sites.has(src)) ensure(src);
        const s = sites.get(src);
        if (s) s.localRtt = avg;
      }
      continue;
    }
    measured.set(`${src}\u0000${dst}`, r);
  }

  // Sites named only by links, when the reservation is missing.
  if (!hadSites) {
    for (const k of [...declared.keys(), ...measured.keys()]) {
      for (const name of k.split('\u0000')) ensure(name as string);
    }
  }

  const order = [...sites.keys()];
  const links: TopoLink[] = [];
  const pairKeys = new Set<string>();
  for (const k of [...declared.keys(), ...measured.keys()]) {
    const [x, y] = k.split('\u0000') as [string, string];
    const [a, b] = order.indexOf(x) <= order.indexOf(y) ? [x, y] : [y, x];
    pairKeys.add(`${a}\u0000${b}`);
  }
  for (const pk of pairKeys) {
    const [a, b] = pk.split('\u0000') as [string, string];
    const ab = declared.get(`${a}\u0000${b}`);
    const ba = declared.get(`${b}\u0000${a}`);
    const delayAB = num(ab?.delay_ms);
    const delayBA = num(ba?.delay_ms);
    const declaredRtt =
      delayAB != null && delayBA != null
        ? delayAB + delayBA
        : delayAB != null
          ? 2 * delayAB
          : delayBA != null
            ? 2 * delayBA
            : null;
    const rates = [num(ab?.rate_mbit), num(ba?.rate_mbit)].filter((v): v is number => v != null);
    const losses = [num(ab?.loss_pct), num(ba?.loss_pct)].filter((v): v is number => v != null);
    const ms = [measured.get(`${a}\u0000${b}`), measured.get(`${b}\u0000${a}`)].filter(
      (v): v is Record<string, unknown> => v != null && num(v.avg_ms) != null,
    );
    // Both directions' averages weighted by their samples.
    let samples = 0;
    let sum = 0;
    let lostWeighted = 0;
    let sent = 0;
    for (const r of ms) {
      const n = num(r.samples) ?? 1;
      samples += n;
      sum += (num(r.avg_ms) ?? 0) * n;
      const s = num(r.sent) ?? n;
      sent += s;
      lostWeighted += ((num(r.loss_pct) ?? 0) * s) / 100;
    }
    const measuredRtt = ms.length && samples > 0 ? sum / samples : null;
    const mins = ms.map((r) => num(r.min_ms)).filter((v): v is number => v != null);
    const maxs = ms.map((r) => num(r.max_ms)).filter((v): v is number => v != null);
    const diffPct =
      measuredRtt != null && declaredRtt != null && declaredRtt > 0
        ? ((measuredRtt - declaredRtt) / declaredRtt) * 100
        : null;
    links.push({
      a,
      b,
      delayAB,
      delayBA,
      rateMbit: rates.length ? Math.min(...rates) : null,
      lossPct: losses.length ? Math.max(...losses) : null,
      declaredRtt,
      symmetric: delayAB == null || delayBA == null || delayAB === delayBA,
      measuredRtt,
      measuredMin: mins.length ? Math.min(...mins) : null,
      measuredMax: maxs.length ? Math.max(...maxs) : null,
      measuredLoss: ms.length && sent > 0 ? (lostWeighted / sent) * 100 : null,
      samples,
      diffPct,
      flagged: diffPct != null && Math.abs(diffPct) > RTT_TOLERANCE_PCT,
    });
  }
  links.sort(
    (x, y) => order.indexOf(x.a) - order.indexOf(y.a) || order.indexOf(x.b) - order.indexOf(y.b),
  );

  factorSource('sites', 'Sites');
  factorSource('latency', 'Declared links');
  factorSource('rtt_ms', 'RTT');
  factorSource('placement', 'Service placement');
  factorSource('computes', 'Computes');
  const fping = run.sources.filter((s) => /fping/i.test(s.parser)).map((s) => s.path);
  if (measured.size > 0 || fping.length > 0) {
    provenance.push({
      label: 'Measured RTT',
      source: fping.length ? `fping: ${fping.join(', ')}` : 'fping',
    });
  }

  return { sites: [...sites.values()], links, provenance, hasRtt: measured.size > 0 };
}

export type ServiceKind = 'db' | 'bus' | 'api' | 'conductor' | 'compute' | 'other';

const DB = /^(mariadb|mysql|galera|redis|cockroach(db)?|postgres(ql)?|mongodb|etcd)(\b|-|_|$)/;
const BUS = /^(rabbitmq|qdrouterd|qpid|kafka|zeromq|ombt)(\b|-|_|$)/;

export function serviceKind(name: string): ServiceKind {
  const n = name.toLowerCase();
  if (DB.test(n)) return 'db';
  if (BUS.test(n)) return 'bus';
  if (/conductor/.test(n)) return 'conductor';
  if (/-compute$|^compute$/.test(n)) return 'compute';
  if (/-api$|^keystone$|^neutron-server$|^horizon$|^placement$/.test(n)) return 'api';
  return 'other';
}

export function groupServices(services: string[]): Record<ServiceKind, string[]> {
  const out: Record<ServiceKind, string[]> = {
    db: [],
    bus: [],
    api: [],
    conductor: [],
    compute: [],
    other: [],
  };
  for (const s of services) out[serviceKind(s)].push(s);
  return out;
}

/** "1000" Mbit/s → "1 Gbit/s". */
export function formatRate(mbit: number | null): string | null {
  if (mbit == null) return null;
  if (mbit >= 1000) return `${Number((mbit / 1000).toFixed(2))} Gbit/s`;
  return `${Number(mbit.toFixed(2))} Mbit/s`;
}

/** Milliseconds with at most 2 decimals: 20 → "20 ms", 20.1434 → "20.14 ms". */
export function formatMs(ms: number | null): string {
  if (ms == null) return '—';
  const d = ms < 1 ? 3 : 2;
  return `${Number(ms.toFixed(d))} ms`;
}

export function formatDiff(pct: number | null): string {
  if (pct == null) return '—';
  const r = Number(pct.toFixed(1));
  return `${r > 0 ? '+' : r < 0 ? '−' : '±'}${Math.abs(r)} %`;
}
