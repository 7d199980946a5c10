// The only glue between ingest/ (pure parsers) and the store. The CLI and the upload jobs both
// call ingestInputs(): one code path. The unit that is all-or-nothing is one run.
import { createHash } from 'node:crypto';
import path from 'node:path';
import type { Factor, FactorValue } from '@/lib/apiTypes';
import type { FactorKey } from '@/lib/factors';
import { IngestError } from '@/ingest/core/errors';
import type { Iteration, TaskMeta, WorkloadMeta } from '@/ingest/model';
import { parseRally } from '@/ingest/rally';
import { RallyStats } from '@/ingest/rally/stats';
import { openStore, type Sqlite } from '../sqlite';
import { fingerprintOf, RunWriter, workloadMatchKey } from '../store/runWriter';
import { detectMember, type ParserId } from './detect';
import { listMembers, type Member } from './members';

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
  /** An open store connection (tests); otherwise the configured store is opened and closed. */
  db?: Sqlite;
  onProgress?: (p: { stage: string; progress: number }) => void;
}

interface RunGroup {
  name: string;
  members: { member: Member; parser: ParserId }[];
}

/** An input: a path, or a path with the name users know it by (an upload's original name). */
export type Input = string | { path: string; name: string };

export async function ingestInputs(inputs: Input[], opts: IngestOptions = {}): Promise<IngestReport> {
  const report: IngestReport = { runs: [], members: [], errors: [], warnings: [] };
  const db = opts.db ?? openStore();
  try {
    const groups: RunGroup[] = [];
    for (const input of inputs) {
      const group = collectGroup(input, report);
      if (group) groups.push(group);
    }
    const totalBytes = groups.reduce((n, g) => n + g.members.reduce((m, x) => m + x.member.size, 0), 0);
    let doneBytes = 0;
    for (const group of groups) {
      const groupBytes = group.members.reduce((m, x) => m + x.member.size, 0);
      await ingestGroup(db, group, opts, report, (bytes) => {
        opts.onProgress?.({
          stage: `reading ${group.name}`,
          progress: totalBytes ? Math.min(1, (doneBytes + bytes) / totalBytes) : 1,
        });
      });
      doneBytes += groupBytes;
    }
    report.members.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    return report;
  } finally {
    if (!opts.db) db.close();
  }
}

/** Lists an input's members, reports the skipped ones, and returns the run to make of it. */
function collectGroup(input: Input, report: IngestReport): RunGroup | null {
  const file = typeof input === 'string' ? input : input.path;
  const name = typeof input === 'string' ? path.basename(path.resolve(input)) : input.name;
  let members: Member[];
  try {
    members = listMembers(file, name);
  } catch (e) {
    report.errors.push({ path: name, code: 'NOT_FOUND', message: errorMessage(e), at: null });
    return null;
  }
  const single = members.length === 1 && members[0]!.path === name;
  const group: RunGroup = { name, members: [] };
  for (const member of members) {
    const found = detectMember(member);
    if (found.parser) {
      group.members.push({ member, parser: found.parser });
      continue;
    }
    if (single) {
      // A file given on its own must be something we read: say so as an error.
      const code = member.size === 0 ? 'EMPTY' : 'UNRECOGNISED';
      report.errors.push({ path: member.path, code, message: found.reason, at: null });
      report.members.push({ path: member.path, status: 'failed', parser: null, reason: found.reason });
    } else {
      report.members.push({ path: member.path, status: 'skipped', parser: null, reason: found.reason });
    }
  }
  if (group.members.length === 0) {
    if (!single && members.length > 0) report.warnings.push(`${name}: no recognised result file`);
    return null;
  }
  return group;
}

async function ingestGroup(
  db: Sqlite,
  group: RunGroup,
  opts: IngestOptions,
  report: IngestReport,
  onBytes: (bytes: number) => void,
): Promise<void> {
  // Identify the content first: same content twice in one input is used once.
  const used: { member: Member; parser: ParserId; sha256: string }[] = [];
  const seen = new Map<string, string>();
  for (const { member, parser } of group.members) {
    const sha256 = await member.sha256();
    const twin = seen.get(sha256);
    if (twin) {
      report.members.push({ path: member.path, status: 'skipped', parser, reason: `same content as ${twin}` });
      continue;
    }
    seen.set(sha256, member.path);
    used.push({ member, parser, sha256 });
  }
  const contentKey =
    used.length === 1 ? used[0]!.sha256 : sha256Hex(used.map((u) => u.sha256).sort().join('\n'));

  const writer = new RunWriter(db);
  const memberReports: MemberReport[] = [];
  writer.begin();
  try {
    let runId: string;
    let created = false;
    if (opts.runId) {
      if (!writer.runExists(opts.runId)) {
        throw new IngestError('NOT_FOUND', `no run ${opts.runId} in the store`);
      }
      runId = opts.runId;
    } else {
      const existing = writer.findExistingRun(contentKey, used.map((u) => u.sha256));
      if (existing) {
        writer.rollback();
        for (const u of used) {
          report.members.push({ path: u.member.path, status: 'used', parser: u.parser, reason: 'already stored' });
        }
        report.runs.push({ id: existing, name: runName(db, existing) ?? group.name, created: false });
        return;
      }
      runId = writer.createRun({
        name: group.name,
        campaign: opts.campaign ?? null,
        factors: {},
        contentKey,
      });
      created = true;
    }

    const derived: Partial<Record<FactorKey, Factor>> = {};
    let position = nextPosition(db, runId);
    let bytesBefore = 0;
    for (const u of used) {
      if (writer.sourceExists(runId, u.sha256)) {
        memberReports.push({ path: u.member.path, status: 'used', parser: u.parser, reason: 'already stored' });
        continue;
      }
      const { workloads, rallyVersion } = await storeRally(writer, runId, u.member, u.parser, position, (b) =>
        onBytes(bytesBefore + b),
      ).catch((e: unknown) => {
        throw Object.assign(e instanceof Error ? e : new Error(String(e)), { memberPath: u.member.path });
      });
      bytesBefore += u.member.size;
      position += workloads;
      if (rallyVersion && !derived.rally_version) {
        derived.rally_version = { value: rallyVersion, source: `${u.member.path}:info.rally_version` };
      }
      writer.addSource(runId, { path: u.member.path, sha256: u.sha256, parser: u.parser, size: u.member.size });
      memberReports.push({
        path: u.member.path,
        status: workloads > 0 ? 'used' : 'skipped',
        parser: u.parser,
        reason: workloads > 0 ? null : 'every workload in it is already in this run',
      });
    }
    if (created) setFactors(db, runId, derived, opts);
    writer.finalizeRun(runId);
    writer.commit();
    report.members.push(...memberReports);
    report.runs.push({ id: runId, name: runName(db, runId) ?? group.name, created });
  } catch (e) {
    writer.rollback();
    const err = asIngestError(e);
    const failedPath = (e as { memberPath?: string }).memberPath ?? group.name;
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
}

/** Streams one Rally file into the open transaction; returns how many workloads it kept. */
async function storeRally(
  writer: RunWriter,
  runId: string,
  member: Member,
  parser: ParserId,
  basePosition: number,
  onBytes: (bytes: number) => void,
): Promise<{ workloads: number; rallyVersion: string | null }> {
  const ids = new Map<number, string>();
  const stats = new Map<
    number,
    { stats: RallyStats; iterations: number; failures: number; sumTime: number; sumDuration: number }
  >();
  const kept = new Set<number>();
  let rallyVersion: string | null = null;
  const idFor = (pos: number) => {
    let id = ids.get(pos);
    if (!id) {
      id = writer.startWorkload(runId, basePosition + pos);
      ids.set(pos, id);
      stats.set(pos, { stats: new RallyStats(), iterations: 0, failures: 0, sumTime: 0, sumDuration: 0 });
    }
    return id;
  };
  await parseRally(
    member.open(),
    {
      iterations(pos: number, batch: Iteration[], firstIndex: number) {
        const id = idFor(pos);
        writer.insertIterations(id, batch, firstIndex);
        const s = stats.get(pos)!;
        for (const it of batch) {
          s.stats.add(it);
          s.iterations++;
          s.sumTime += it.timestamp;
          s.sumDuration += it.duration;
          if (it.error) s.failures++;
        }
      },
      workloadEnd(pos: number, meta: WorkloadMeta) {
        const id = idFor(pos);
        const s = stats.get(pos)!;
        // The same workload in both Rally formats has the same scenario, arguments, runner and
        // iteration times.
        const key = sha256Hex(
          [workloadMatchKey(meta), s.iterations, s.sumTime.toFixed(3), s.sumDuration.toFixed(6)].join('|'),
        );
        writer.finishWorkload(
          id,
          { ...meta, position: basePosition + pos },
          { uuid: null, title: null },
          { iterations: s.iterations, failures: s.failures },
          s.stats.result(),
          { key, format: parser },
        );
        kept.add(pos);
        const twin = writer.findTwin(runId, id, key);
        if (twin) {
          // Keep the richer copy: the new format has nested atomic actions and their failures.
          if (parser === 'rally-v2-json' && twin.format === 'rally-old-json') {
            writer.deleteWorkloads([twin.id]);
          } else {
            writer.deleteWorkloads([id]);
            kept.delete(pos);
          }
        }
      },
      taskEnd(task: TaskMeta, positions: number[]) {
        rallyVersion ??= task.rallyVersion;
        const taskIds = positions.map((p) => idFor(p));
        if (task.uuid && writer.taskAlreadyStored(runId, task.uuid, taskIds)) {
          // EnOS backs up the same task twice (report and rally_home copy): keep it once.
          writer.deleteWorkloads(taskIds);
          for (const p of positions) kept.delete(p);
          return;
        }
        writer.setTask(taskIds, task);
      },
    },
    { onProgress: onBytes },
  );
  return { workloads: kept.size, rallyVersion };
}

function setFactors(
  db: Sqlite,
  runId: string,
  derived: Partial<Record<FactorKey, Factor>>,
  opts: IngestOptions,
): void {
  const factors: Partial<Record<FactorKey, Factor>> = { ...derived };
  for (const [key, value] of Object.entries(opts.factors ?? {}) as [FactorKey, FactorValue][]) {
    factors[key] = { value, source: opts.factorSource ?? 'user' };
  }
  db.prepare('UPDATE Run SET factors = ?, fingerprint = ? WHERE id = ?').run(
    JSON.stringify(factors),
    fingerprintOf(factors),
    runId,
  );
}

function nextPosition(db: Sqlite, runId: string): number {
  const row = db.prepare('SELECT MAX(position) AS p FROM Workload WHERE runId = ?').get(runId) as {
    p: number | null;
  };
  return row.p === null ? 0 : row.p + 1;
}

function runName(db: Sqlite, runId: string): string | null {
  const row = db.prepare('SELECT name FROM Run WHERE id = ?').get(runId) as { name: string } | undefined;
  return row?.name ?? null;
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
