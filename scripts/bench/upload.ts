// Benchmark (issue 4): upload and ingest of a ~1 GB archive through POST /api/uploads on the
// built server: wall time until the job is done, peak RSS of the web server and of the ingest
// worker, and GET /api/runs latency measured while it all happens.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { percentile } from './measure';
import { cmdline, rssMb, startServer } from './server';

const ROOT = path.resolve(__dirname, '../..');

export interface UploadBench {
  archiveMb: number;
  seconds: number;
  serverPeakMb: number;
  workerPeakMb: number;
  runsLatency: { n: number; p50Ms: number; p95Ms: number; maxMs: number };
  runs: number;
}

/** A Rally report of `n` iterations (real ones repeated), with timestamps shifted by `shift`. */
function writeRally(file: string, n: number, shift: number): void {
  const report = JSON.parse(
    fs.readFileSync(path.join(ROOT, 'fixtures/rally/rally-3.3/multi-runner.json'), 'utf8'),
  );
  const wl = report.tasks[0].subtasks[0].workloads[0];
  const sample = wl.data as { timestamp: number }[];
  wl.data = '__DATA__';
  report.tasks[0].uuid = `bench-${shift}`;
  report.tasks[0].subtasks = [{ ...report.tasks[0].subtasks[0], workloads: [wl] }];
  const [head, tail] = JSON.stringify(report).split('"__DATA__"') as [string, string];
  const fd = fs.openSync(file, 'w');
  fs.writeSync(fd, `${head}[`);
  for (let start = 0; start < n; start += 10_000) {
    const parts: string[] = [];
    for (let k = start; k < Math.min(n, start + 10_000); k++) {
      const it = sample[k % sample.length]!;
      parts.push(JSON.stringify({ ...it, timestamp: it.timestamp + shift + k }));
    }
    fs.writeSync(fd, (start ? ',' : '') + parts.join(','));
  }
  fs.writeSync(fd, `]${tail}`);
  fs.closeSync(fd);
}

function buildArchive(dir: string, perRun: number, runs: number): string {
  const tree = path.join(dir, 'campaign');
  fs.rmSync(tree, { recursive: true, force: true });
  for (let r = 0; r < runs; r++) {
    const run = path.join(tree, `run-${r}`);
    fs.mkdirSync(run, { recursive: true });
    fs.copyFileSync(
      path.join(ROOT, 'fixtures/enos/enos-4.x/reservation.yaml'),
      path.join(run, 'reservation.yaml'),
    );
    writeRally(path.join(run, 'paravance-1-rally-report.json'), perRun, r * 1e7);
  }
  const archive = path.join(dir, 'campaign.tar');
  const res = spawnSync('tar', ['-C', dir, '-cf', archive, 'campaign']);
  if (res.status !== 0) throw new Error(String(res.stderr));
  fs.rmSync(tree, { recursive: true, force: true });
  return archive;
}

export async function benchUpload(opts: {
  dir: string;
  perRun?: number;
  runs?: number;
  port?: number;
}): Promise<UploadBench> {
  const port = opts.port ?? 3988;
  fs.mkdirSync(opts.dir, { recursive: true });
  const archive = buildArchive(opts.dir, opts.perRun ?? 1_000_000, opts.runs ?? 3);
  const dataDir = path.join(opts.dir, 'data');
  fs.rmSync(dataDir, { recursive: true, force: true });
  const server = await startServer({ dataDir, port, token: 'bench' });
  const base = server.base;
  try {
    let serverPeak = 0;
    let workerPeak = 0;
    const latencies: number[] = [];
    let done = false;
    const sample = (async () => {
      while (!done) {
        for (const pid of server.pids()) {
          const cmd = cmdline(pid);
          if (cmd.includes('jobWorker')) workerPeak = Math.max(workerPeak, rssMb(pid));
          else if (cmd.includes('next')) serverPeak = Math.max(serverPeak, rssMb(pid));
        }
        const t = performance.now();
        const res = await fetch(`${base}/api/runs`);
        await res.arrayBuffer();
        latencies.push(performance.now() - t);
        await new Promise((r) => setTimeout(r, 100));
      }
    })();
    const t0 = performance.now();
    const form = new FormData();
    form.append('file', await fs.openAsBlob(archive), 'campaign.tar');
    const res = await fetch(`${base}/api/uploads`, {
      method: 'POST',
      body: form,
      headers: { authorization: 'Bearer bench' },
    });
    if (res.status !== 202) throw new Error(`upload answered ${res.status}: ${await res.text()}`);
    const { jobId } = (await res.json()) as { jobId: string };
    let job: { state: string; runs: string[]; error: unknown } = {
      state: 'queued',
      runs: [],
      error: null,
    };
    while (job.state === 'queued' || job.state === 'running') {
      await new Promise((r) => setTimeout(r, 250));
      job = await (await fetch(`${base}/api/jobs/${jobId}`)).json();
    }
    const seconds = (performance.now() - t0) / 1000;
    done = true;
    await sample;
    if (job.state !== 'done') throw new Error(`job ${job.state}: ${JSON.stringify(job.error)}`);
    return {
      archiveMb: fs.statSync(archive).size / 2 ** 20,
      seconds,
      serverPeakMb: serverPeak,
      workerPeakMb: workerPeak,
      runsLatency: {
        n: latencies.length,
        p50Ms: percentile(latencies, 0.5),
        p95Ms: percentile(latencies, 0.95),
        maxMs: Math.max(...latencies),
      },
      runs: job.runs.length,
    };
  } finally {
    await server.stop();
    fs.rmSync(archive, { force: true });
  }
}
