// The only glue between ingest/ (pure parsers) and the store. The CLI and the upload jobs both
// call ingestInputs(): one code path. Inputs (files, directories, archives) are expanded into
// members, members are recognised, grouped into runs (grouping.ts), and each run is stored in
// one transaction: the unit that is all-or-nothing is one run.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Factor, FactorValue, Metric } from '@/lib/apiTypes';
import { encodeSamples } from '@/lib/samples';
import type { FactorKey } from '@/lib/factors';
import { IngestError } from '@/ingest/core/errors';
import { readAll } from '@/ingest/core/source';
import { parseSummaryCsv, type SummaryRun } from '@/ingest/csv/summary';
import { type Descriptor, parseDescriptor, siteOfAddress } from '@/ingest/descriptor';
import {
  type FpingOutput,
  parseFping,
  parseInventory,
  parseOmbt,
  parseReservation,
  rttBySitePair,
} from '@/ingest/enos';
import type { Iteration, TaskMeta, WorkloadMeta } from '@/ingest/model';
import { type CaptureSummary, parseCapture } from '@/ingest/pcap';
import { parseRally } from '@/ingest/rally';
import { RallyStats } from '@/ingest/rally/stats';
import { type ArchiveLimits, expandInput, type ExpandedInput } from '../archive';
import { dataDir } from '../paths';
import { type Db, openDatabase } from '../database';
import { RunWriter, workloadMatchKey } from '../store/runWriter';
import { detectMember, type ParserId } from './detect';
import { groupByDeployment } from './grouping';
import type { Member } from './members';

export interface MemberReport {
  path: string;
  status: 'used' | 'skipped' | 'failed';
  parser: string | null;
  reason: string | null;
}

export interface ErrorReport {
  path: string;
  code: string;
  message: string;
  at: string | null;
}

export interface IngestReport {
  runs: { id: string; name: string; created: boolean }[];
  members: MemberReport[];
  errors: ErrorReport[];
  warnings: string[];
}

export interface IngestOptions {
  campaign?: string | null;
  /** Attach the inputs to this existing run instead of creating runs. */
  runId?: string | null;
  /** Factor values set by the user (`--set`, the upload form): they win over derived ones. */
  factors?: Partial<Record<FactorKey, FactorValue>>;
  /** Where user-set factors say they came from. */
  factorSource?: string;
  /** An open store (tests, the upload worker); otherwise the configured store is opened and closed. */
  db?: Db;
  /** Address → site map for captures (`--sites a=10.0.1.0/24,…`, the upload form); the descriptor's otherwise. */
  sites?: { name: string; cidr: string }[];
  /** Port → service name for captures, over the defaults (`--ports 8080=keystone,…`). */
  ports?: Record<number, string>;
  /** Archive limits (defaults: server/archive/limits.ts, or the EDGEPERF_ARCHIVE_* settings). */
  limits?: Partial<ArchiveLimits>;
  onProgress?: (p: { stage: string; progress: number }) => void;
}

/** An input: a path, or a path with the name users know it by (an upload's original name). */
export type Input = string | { path: string; name: string };

/** Text inputs (descriptor, reservation, inventory, CSV…) are read whole, up to this size. */
const TEXT_LIMIT = 64 * 2 ** 20;

interface Used {
  member: Member;
  parser: ParserId;
  sha256: string;
}

/** The archive limits set in the environment (docs/formats.md). */
export function limitsFromEnv(env = process.env): Partial<ArchiveLimits> {
  const read = (name: string) => {
    const v = env[name];
    return v === undefined || v === '' ? undefined : Number(v);
  };
  return {
    maxTotalBytes: read('EDGEPERF_ARCHIVE_MAX_BYTES'),
    maxMembers: read('EDGEPERF_ARCHIVE_MAX_MEMBERS'),
    maxDepth: read('EDGEPERF_ARCHIVE_MAX_DEPTH'),
    maxRatio: read('EDGEPERF_ARCHIVE_MAX_RATIO'),
  };
}

export async function ingestInputs(
  inputs: Input[],
  opts: IngestOptions = {},
): Promise<IngestReport> {
  const report: IngestReport = { runs: [], members: [], errors: [], warnings: [] };
  const db = opts.db ?? (await openDatabase());
  try {
    for (const [k, input] of inputs.entries()) {
      const onProgress = (fraction: number, stage: string) =>
        opts.onProgress?.({ stage, progress: Math.min(1, (k + fraction) / inputs.length) });
      await ingestInput(db, input, opts, report, onProgress);
    }
    report.members.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    return report;
  } finally {
    if (!opts.db) await db.close();
  }
}

async function ingestInput(
  db: Db,
  input: Input,
  opts: IngestOptions,
  report: IngestReport,
  onProgress: (fraction: number, stage: string) => void,
): Promise<void> {
  const file = typeof input === 'string' ? input : input.path;
  const name = typeof input === 'string' ? path.basename(path.resolve(input)) : input.name;
  if (!fs.existsSync(file)) {
    report.errors.push({
      path: name,
      code: 'NOT_FOUND',
      message: `no such file or directory: ${file}`,
      at: null,
    });
    return;
  }
  const tmpRoot = path.join(dataDir(), 'tmp');
  fs.mkdirSync(tmpRoot, { recursive: true });
  let expanded: ExpandedInput;
  onProgress(0, `unpacking ${name}`);
  try {
    expanded = await expandInput(file, {
      root: tmpRoot,
      limits: { ...limitsFromEnv(), ...opts.limits },
    });
  } catch (e) {
    const err = asIngestError(e);
    const at = err.at ? rename(err.at, file, name) : null;
    report.errors.push({
      path: at && err.code !== 'LIMIT' ? at : name,
      code: err.code,
      message: rename(err.message, file, name),
      at,
    });
    report.members.push({
      path: name,
      status: 'failed',
      parser: null,
      reason: rename(err.message, file, name),
    });
    return;
  }
  try {
    const base = path.basename(path.resolve(file));
    const members = expanded.members.map((m) => withPath(m, name + m.path.slice(base.length)));
    for (const r of expanded.refused) {
      report.members.push({
        path: name + r.path.slice(base.length),
        status: 'skipped',
        parser: null,
        reason: r.reason,
      });
    }
    const single =
      members.length === 1 && members[0]!.path === name && expanded.archives.length === 0;
    const recognised: { member: Member; parser: ParserId }[] = [];
    for (const member of members) {
      const found = detectMember(member);
      if (found.parser) recognised.push({ member, parser: found.parser });
      else if (single) {
        // A file given on its own must be something we read: say so as an error.
        const code = member.size === 0 ? 'EMPTY' : 'UNRECOGNISED';
        report.errors.push({ path: member.path, code, message: found.reason, at: null });
        report.members.push({
          path: member.path,
          status: 'failed',
          parser: null,
          reason: found.reason,
        });
      } else {
        report.members.push({
          path: member.path,
          status: 'skipped',
          parser: null,
          reason: found.reason,
        });
      }
    }
    if (recognised.length === 0) {
      if (!single) report.warnings.push(`${name}: no recognised result file`);
      return;
    }
    const csv = recognised.filter((r) => r.parser === 'summary-csv');
    const groups = groupByDeployment(
      name,
      recognised.filter((r) => r.parser !== 'summary-csv'),
    );
    const total = recognised.reduce((n, r) => n + r.member.size, 0) || 1;
    let done = 0;
    for (const group of groups) {
      const bytes = group.items.reduce((n, r) => n + r.member.size, 0);
      await ingestGroup(db, group.name, group.items, opts, report, (b) =>
        onProgress((done + b) / total, `reading ${group.name}`),
      );
      done += bytes;
    }
    for (const item of csv) {
      await ingestSummaryCsv(db, item.member, opts, report);
      done += item.member.size;
      onProgress(done / total, `reading ${item.member.path}`);
    }
  } finally {
    await expanded.cleanup();
  }
}

function withPath(member: Member, display: string): Member {
  return {
    path: display,
    size: member.size,
    get head() {
      return member.head;
    },
    open: () => member.open(),
    sha256: () => member.sha256(),
  };
}

/** Error texts name the input as users know it, not the upload's file on disk. */
function rename(text: string, file: string, name: string): string {
  const base = path.basename(path.resolve(file));
  return text.split(path.resolve(file)).join(name).split(base).join(name);
}

/** Everything read from the non-Rally members of a run, before it is written. */
interface RunContext {
  descriptor: Descriptor | null;
  derived: Partial<Record<FactorKey, Factor>>;
  metrics: Metric[];
  measurements: Record<string, unknown>;
  captures: Map<string, CaptureSummary>;
  warnings: string[];
}

/**
 * Reads what a run holds besides Rally, before its transaction opens: the small text members
 * (descriptor, reservation, inventory, fping, ombt), and the captures, whose summaries are small
 * however big the capture (so the store's write lock is never held while a pcap is read).
 */
async function readContext(
  items: Used[],
  opts: IngestOptions,
  onBytes: (bytes: number) => void,
): Promise<RunContext> {
  const ctx: RunContext = {
    descriptor: null,
    derived: {},
    metrics: [],
    measurements: {},
    captures: new Map(),
    warnings: [],
  };
  const text = async (u: Used) => {
    try {
      return await readAll(u.member.open(), TEXT_LIMIT);
    } catch (e) {
      throw Object.assign(new IngestError('LIMIT', `${u.member.path}: ${(e as Error).message}`), {
        memberPath: u.member.path,
      });
    }
  };
  const parse = async <T>(
    u: Used,
    fn: (
      bytes: Uint8Array,
      fileName: string,
    ) => { value: T; warnings: { message: string; at?: string }[] },
  ): Promise<T> => {
    try {
      const r = fn(await text(u), u.member.path);
      for (const w of r.warnings) ctx.warnings.push(warningText(u.member.path, w));
      return r.value;
    } catch (e) {
      throw Object.assign(e instanceof Error ? e : new Error(String(e)), {
        memberPath: u.member.path,
      });
    }
  };
  const of = (parser: ParserId) => items.filter((u) => u.parser === parser);
  const descriptor = of('edgeperf-descriptor')[0];
  if (descriptor)
    ctx.descriptor = await parse(descriptor, (b, f) => parseDescriptor(b, { fileName: f }));
  let siteNames: string[] = [];
  const reservation = of('enos-reservation')[0];
  if (reservation) {
    const res = await parse(reservation, (b, f) => parseReservation(b, { fileName: f }));
    Object.assign(ctx.derived, res.factors);
    siteNames = res.sites.map((s) => s.name);
    ctx.measurements.sites = res.sites;
  }
  const hostSite = new Map<string, string>();
  const addressSite = new Map<string, string>();
  const inventory = of('kolla-inventory')[0];
  if (inventory) {
    const inv = await parse(inventory, (b, f) =>
      parseInventory(b, { fileName: f, sites: siteNames }),
    );
    Object.assign(ctx.derived, inv.factors);
    ctx.measurements.services = inv.services;
    ctx.measurements.hosts = inv.hosts.map((h) => ({
      name: h.name,
      address: h.address,
      site: h.site,
    }));
    for (const h of inv.hosts) {
      if (!h.site) continue;
      hostSite.set(h.name, h.site);
      if (h.address) addressSite.set(h.address, h.site);
    }
  }
  const fpings: FpingOutput[] = [];
  for (const u of of('enos-fping'))
    fpings.push(await parse(u, (b, f) => parseFping(b, { fileName: f })));
  if (fpings.length > 0) {
    const sites = ctx.descriptor?.sites ?? [];
    const siteOfTarget = (t: string) =>
      addressSite.get(t) ?? hostSite.get(t) ?? siteOfAddress(t, sites);
    ctx.measurements.rtt = rttBySitePair(fpings, (h) => hostSite.get(h) ?? null, siteOfTarget);
    ctx.measurements.fping = fpings;
  }
  for (const u of of('ombt-controller')) {
    const ombt = await parse(u, (b) => parseOmbt(b));
    ctx.metrics.push(...ombt.metrics);
  }
  if (ctx.descriptor?.sites.length) ctx.measurements.addressSites = ctx.descriptor.sites;
  const sites =
    opts.sites ??
    ctx.descriptor?.sites.flatMap((s) => s.cidrs.map((cidr) => ({ name: s.name, cidr }))) ??
    [];
  let before = 0;
  for (const u of items.filter((x) => x.parser === 'pcap' || x.parser === 'pcapng')) {
    try {
      const r = await parseCapture(u.member.open(), {
        sites,
        ports: opts.ports,
        onProgress: (b) => onBytes(before + b),
      });
      for (const w of r.warnings) ctx.warnings.push(warningText(u.member.path, w));
      ctx.captures.set(u.sha256, r.value);
    } catch (e) {
      throw Object.assign(e instanceof Error ? e : new Error(String(e)), {
        memberPath: u.member.path,
      });
    }
    before += u.member.size;
  }
  return ctx;
}

async function ingestGroup(
  db: Db,
  groupName: string,
  items: { member: Member; parser: ParserId }[],
  opts: IngestOptions,
  report: IngestReport,
  onBytes: (bytes: number) => void,
): Promise<void> {
  // Identify the content first: the same content twice in one run is used once.
  const used: Used[] = [];
  const seen = new Map<string, string>();
  for (const { member, parser } of items) {
    const sha256 = await member.sha256();
    const twin = seen.get(sha256);
    if (twin) {
      report.members.push({
        path: member.path,
        status: 'skipped',
        parser,
        reason: `same content as ${twin}`,
      });
      continue;
    }
    seen.set(sha256, member.path);
    used.push({ member, parser, sha256 });
  }
  const contentKey =
    used.length === 1
      ? used[0]!.sha256
      : sha256Hex(
          used
            .map((u) => u.sha256)
            .sort()
            .join('\n'),
        );

  const memberReports: MemberReport[] = [];
  let ctx: RunContext;
  try {
    ctx = await readContext(used, opts, onBytes);
  } catch (e) {
    failGroup(report, used, e, groupName);
    return;
  }
  try {
    const outcome = await db.transaction(async (tx) => {
      const writer = new RunWriter(tx);
      let runId: string;
      let created = false;
      if (opts.runId) {
        if (!(await writer.runExists(opts.runId)))
          throw new IngestError('NOT_FOUND', `no run ${opts.runId} in the store`);
        runId = opts.runId;
      } else {
        const existing = await writer.findExistingRun(
          contentKey,
          used.map((u) => u.sha256),
        );
        if (existing) {
          return {
            existing,
            runId: existing,
            created: false,
            name: (await writer.runName(existing)) ?? groupName,
          };
        }
        runId = await writer.createRun({
          name: ctx.descriptor?.name ?? groupName,
          campaign: opts.campaign ?? ctx.descriptor?.campaign ?? null,
          factors: {},
          contentKey,
        });
        created = true;
      }

      let position = await writer.nextPosition(runId);
      let bytesBefore = 0;
      for (const u of used) {
        if (await writer.sourceExists(runId, u.sha256)) {
          memberReports.push({
            path: u.member.path,
            status: 'used',
            parser: u.parser,
            reason: 'already stored',
          });
          continue;
        }
        let reason: string | null = null;
        if (
          u.parser === 'rally-old-json' ||
          u.parser === 'rally-v2-json' ||
          u.parser === 'rally-html'
        ) {
          const { workloads, rallyVersion, warnings } = await storeRally(
            writer,
            runId,
            u.member,
            u.parser,
            position,
            (b) => onBytes(bytesBefore + b),
          ).catch((e: unknown) => {
            throw Object.assign(e instanceof Error ? e : new Error(String(e)), {
              memberPath: u.member.path,
            });
          });
          position += workloads;
          ctx.warnings.push(...warnings);
          if (rallyVersion && !ctx.derived.rally_version) {
            ctx.derived.rally_version = {
              value: rallyVersion,
              source: `${u.member.path}:info.rally_version`,
            };
          }
          if (workloads === 0) reason = 'every workload in it is already in this run';
        }
        const capture = ctx.captures.get(u.sha256);
        if (capture) {
          await writer.addCapture(runId, {
            file: u.member.path,
            sha256: u.sha256,
            summary: capture,
          });
        }
        bytesBefore += u.member.size;
        await writer.addSource(runId, {
          path: u.member.path,
          sha256: u.sha256,
          parser: u.parser,
          size: u.member.size,
        });
        memberReports.push({
          path: u.member.path,
          status: reason ? 'skipped' : 'used',
          parser: u.parser,
          reason,
        });
      }
      for (const m of ctx.metrics) await writer.addMetric(runId, m);
      if (created) {
        await writer.setFactors(
          runId,
          withUserFactors({ ...ctx.derived, ...(ctx.descriptor?.factors ?? {}) }, opts),
        );
        await writer.setMeasurements(runId, ctx.measurements);
      }
      await writer.finalizeRun(runId);
      return {
        existing: null,
        runId,
        created,
        name: (await writer.runName(runId)) ?? groupName,
      };
    });
    if (outcome.existing) {
      for (const u of used) {
        report.members.push({
          path: u.member.path,
          status: 'used',
          parser: u.parser,
          reason: 'already stored',
        });
      }
      report.runs.push({ id: outcome.runId, name: outcome.name, created: false });
      return;
    }
    report.members.push(...memberReports);
    report.warnings.push(...ctx.warnings);
    report.runs.push({ id: outcome.runId, name: outcome.name, created: outcome.created });
  } catch (e) {
    failGroup(report, used, e, groupName);
  }
}

/** A run failed: its error, and every member of it reported (the failed one as failed). */
function failGroup(report: IngestReport, used: Used[], e: unknown, groupName: string): void {
  const err = asIngestError(e);
  const failedPath = (e as { memberPath?: string }).memberPath ?? groupName;
  report.errors.push({ path: failedPath, code: err.code, message: err.message, at: err.at });
  for (const u of used) {
    report.members.push({
      path: u.member.path,
      status: u.member.path === failedPath ? 'failed' : 'skipped',
      parser: u.parser,
      reason: u.member.path === failedPath ? err.message : `not stored: ${failedPath} failed`,
    });
  }
}

/** A summary CSV: each `run` value is a run of its own, with metrics and factors, no workloads. */
async function ingestSummaryCsv(
  db: Db,
  member: Member,
  opts: IngestOptions,
  report: IngestReport,
): Promise<void> {
  const sha256 = await member.sha256();
  let runs: SummaryRun[];
  try {
    const parsed = parseSummaryCsv(await readAll(member.open(), TEXT_LIMIT), {
      fileName: member.path,
    });
    runs = parsed.value.runs;
    for (const w of parsed.warnings) report.warnings.push(warningText(member.path, w));
  } catch (e) {
    const err = asIngestError(e);
    report.errors.push({ path: member.path, code: err.code, message: err.message, at: err.at });
    report.members.push({
      path: member.path,
      status: 'failed',
      parser: 'summary-csv',
      reason: err.message,
    });
    return;
  }
  for (const run of runs) {
    try {
      const contentKey = sha256Hex(`${sha256}\n${run.name}`);
      const outcome = await db.transaction(async (tx) => {
        const writer = new RunWriter(tx);
        const existing = await writer.findExistingRun(contentKey, []);
        if (existing) return { id: existing, created: false };
        const runId = await writer.createRun({
          name: run.name,
          campaign: opts.campaign ?? null,
          factors: {},
          contentKey,
        });
        await writer.addSource(runId, {
          path: `${member.path}#run=${run.name}`,
          sha256,
          parser: 'summary-csv',
          size: member.size,
        });
        for (const m of run.metrics) await writer.addMetric(runId, m);
        await writer.setFactors(runId, withUserFactors(run.factors, opts));
        await writer.finalizeRun(runId);
        return { id: runId, created: true };
      });
      report.runs.push({ id: outcome.id, name: run.name, created: outcome.created });
    } catch (e) {
      const err = asIngestError(e);
      report.errors.push({ path: member.path, code: err.code, message: err.message, at: err.at });
    }
  }
  report.members.push({ path: member.path, status: 'used', parser: 'summary-csv', reason: null });
}

/** Which copy of a workload found twice in a run is kept: the richest. */
const RICHNESS: Record<string, number> = {
  'rally-v2-json': 3,
  'rally-old-json': 2,
  'rally-html': 1,
};

/** Streams one Rally file into the open transaction; returns how many workloads it kept. */
async function storeRally(
  writer: RunWriter,
  runId: string,
  member: Member,
  parser: ParserId,
  basePosition: number,
  onBytes: (bytes: number) => void,
): Promise<{ workloads: number; rallyVersion: string | null; warnings: string[] }> {
  const ids = new Map<number, string>();
  const stats = new Map<
    number,
    {
      stats: RallyStats;
      iterations: number;
      failures: number;
      sumTime: number;
      sumDuration: number;
      durations: Float64Array;
    }
  >();
  const kept = new Set<number>();
  let rallyVersion: string | null = null;
  const idFor = async (pos: number) => {
    let id = ids.get(pos);
    if (!id) {
      id = await writer.startWorkload(runId, basePosition + pos);
      ids.set(pos, id);
      stats.set(pos, {
        stats: new RallyStats(),
        iterations: 0,
        failures: 0,
        sumTime: 0,
        sumDuration: 0,
        durations: new Float64Array(1024),
      });
    }
    return id;
  };
  const parsed = await parseRally(
    member.open(),
    {
      async iterations(pos: number, batch: Iteration[], firstIndex: number) {
        const id = await idFor(pos);
        await writer.insertIterations(id, batch, firstIndex);
        const s = stats.get(pos)!;
        for (const it of batch) {
          s.stats.add(it);
          if (s.iterations === s.durations.length) {
            const grown = new Float64Array(s.durations.length * 2);
            grown.set(s.durations);
            s.durations = grown;
          }
          s.durations[s.iterations] = it.duration;
          s.iterations++;
          s.sumTime += it.timestamp;
          s.sumDuration += it.duration;
          if (it.error) s.failures++;
        }
      },
      async workloadEnd(pos: number, meta: WorkloadMeta) {
        const id = await idFor(pos);
        const s = stats.get(pos)!;
        // The same workload in both Rally formats has the same scenario, arguments, runner and
        // iteration times.
        const key = sha256Hex(
          [
            workloadMatchKey(meta),
            s.iterations,
            s.sumTime.toFixed(3),
            s.sumDuration.toFixed(6),
          ].join('|'),
        );
        // A report without per-iteration data (Rally HTML, > 1000 iterations) brings Rally's table.
        const reported = s.iterations === 0 && meta.reportedStats;
        const table = reported ? meta.reportedStats! : s.stats.result();
        const counts = reported
          ? { iterations: meta.totalIterationCount ?? 0, failures: meta.failedIterationCount ?? 0 }
          : { iterations: s.iterations, failures: s.failures };
        await writer.finishWorkload(
          id,
          { ...meta, position: basePosition + pos },
          { uuid: null, title: null },
          counts,
          table,
          { key, format: parser, uuid: meta.uuid, timestampsKnown: meta.timestampsKnown !== false },
          encodeSamples(s.stats.samples()),
          float64Bytes(s.durations.subarray(0, s.iterations)),
        );
        kept.add(pos);
        const twin = await writer.findTwin(runId, id, key, meta.uuid);
        if (twin) {
          // Keep the richer copy: the new format has nested atomic actions and their failures,
          // the old one keeps timestamps, an HTML report keeps neither.
          if ((RICHNESS[parser] ?? 0) > (RICHNESS[twin.format] ?? 0)) {
            await writer.deleteWorkloads([twin.id]);
          } else {
            await writer.deleteWorkloads([id]);
            kept.delete(pos);
          }
        }
      },
      async taskEnd(task: TaskMeta, positions: number[]) {
        rallyVersion ??= task.rallyVersion;
        const taskIds: string[] = [];
        for (const p of positions) taskIds.push(await idFor(p));
        if (task.uuid && (await writer.taskAlreadyStored(runId, task.uuid, taskIds))) {
          // EnOS backs up the same task twice (report and rally_home copy): keep it once.
          await writer.deleteWorkloads(taskIds);
          for (const p of positions) kept.delete(p);
          return;
        }
        await writer.setTask(taskIds, task);
      },
    },
    { onProgress: onBytes },
  );
  const warnings = parsed.warnings.map((w) => warningText(member.path, w));
  return { workloads: kept.size, rallyVersion, warnings };
}

/** The factors found in the inputs, with the user's own values over them. */
function withUserFactors(
  derived: Partial<Record<FactorKey, Factor>>,
  opts: IngestOptions,
): Partial<Record<FactorKey, Factor>> {
  const factors: Partial<Record<FactorKey, Factor>> = { ...derived };
  for (const [key, value] of Object.entries(opts.factors ?? {}) as [FactorKey, FactorValue][]) {
    factors[key] = { value, source: opts.factorSource ?? 'user' };
  }
  return factors;
}

function float64Bytes(values: Float64Array): Uint8Array {
  const out = new Uint8Array(values.length * 8);
  const view = new DataView(out.buffer);
  for (let k = 0; k < values.length; k++) view.setFloat64(k * 8, values[k]!, true);
  return out;
}

/** A parser's warning as users read it: `member at place: message`. */
function warningText(memberPath: string, w: { message: string; at?: string }): string {
  return `${memberPath}${w.at ? ` at ${w.at}` : ''}: ${w.message}`;
}

function sha256Hex(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

function errorMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

function asIngestError(e: unknown): { code: string; message: string; at: string | null } {
  if (e instanceof IngestError) return e;
  return { code: 'INTERNAL', message: errorMessage(e), at: null };
}
