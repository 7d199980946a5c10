// POST /api/uploads and GET /api/jobs/:id as Next.js calls them: a worker process ingests.
import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from 'vitest';
import { GET as getJobRoute } from '@/app/api/jobs/[jobId]/route';
import { POST as upload } from '@/app/api/uploads/route';
import type { Run } from '@/lib/apiTypes';
import type { JobView } from '@/server/jobs/jobs';
import { getRun } from '@/server/store/runs';
import { FUELCCP, RALLY33, rowCounts, tempStore } from './helpers';

const store = await tempStore();
process.env.EDGEPERF_TOKEN = 'up-token';
const auth = { authorization: 'Bearer up-token' };

function form(
  files: [string, Uint8Array | string][],
  fields: Record<string, string> = {},
): FormData {
  const fd = new FormData();
  for (const [name, content] of files) fd.append('file', new Blob([content as BlobPart]), name);
  for (const [k, v] of Object.entries(fields)) fd.append(k, v);
  return fd;
}

const post = (body: FormData | string, headers: Record<string, string> = auth) =>
  upload(new Request('http://localhost/api/uploads', { method: 'POST', body, headers }));

async function waitForJob(jobId: string): Promise<JobView> {
  for (let k = 0; k < 300; k++) {
    const res = await getJobRoute(new Request('http://localhost/x'), {
      params: Promise.resolve({ jobId }),
    });
    const job = (await res.json()) as JobView;
    if (job.state === 'done' || job.state === 'failed') return job;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`job ${jobId} did not finish`);
}

test('an upload becomes a job that ingests the files, with the form campaign and factors', async () => {
  const res = await post(
    form([['report.json', fs.readFileSync(path.join(RALLY33, 'multi-runner.json'))]], {
      campaign: 'uploads',
      backend: 'Redis',
      sites: '4',
    }),
  );
  expect(res.status).toBe(202);
  const { jobId } = (await res.json()) as { jobId: string };
  expect(jobId).toMatch(/^job_/);
  const job = await waitForJob(jobId);
  expect(job).toMatchObject({ state: 'done', progress: 1, error: null });
  expect(job.members).toEqual([
    { path: 'report.json', status: 'used', parser: 'rally-v2-json', reason: null },
  ]);
  expect(job.runs).toHaveLength(1);
  expect(job.created).toEqual(job.runs);
  const run = (await getRun(job.runs[0]!)) as Run;
  expect(run.campaign?.name).toBe('uploads');
  expect(run.factors.backend).toEqual({ value: 'redis', source: 'upload form' });
  expect(run.factors.sites).toEqual({ value: 4, source: 'upload form' });
  // the uploaded files are not kept once the job has an outcome
  expect(fs.existsSync(path.join(store.dir, 'uploads', jobId))).toBe(false);
});

test('the same file uploaded twice at the same moment gives one run', async () => {
  const bytes = fs.readFileSync(FUELCCP);
  const runsBefore = (await rowCounts(store.db)).Run;
  const [a, b] = await Promise.all([
    post(form([['a.json', bytes]])),
    post(form([['b.json', bytes]])),
  ]);
  const jobs = await Promise.all(
    [a, b].map(async (r) => waitForJob(((await r.json()) as { jobId: string }).jobId)),
  );
  expect(jobs.map((j) => j.state)).toEqual(['done', 'done']);
  expect(jobs[0]!.runs).toEqual(jobs[1]!.runs);
  // exactly one of the two created it
  expect([...jobs[0]!.created, ...jobs[1]!.created]).toEqual(jobs[0]!.runs);
  expect((await rowCounts(store.db)).Run).toBe(runsBefore + 1);
});

test('a bad member fails the job with its code, message and member; the store is unchanged', async () => {
  const before = await rowCounts(store.db);
  const text = fs.readFileSync(FUELCCP, 'utf8');
  const res = await post(form([['cut.json', text.slice(0, 20_000)]]));
  expect(res.status).toBe(202);
  const job = await waitForJob(((await res.json()) as { jobId: string }).jobId);
  expect(job.state).toBe('failed');
  expect(job.error).toMatchObject({ code: 'JSON_SYNTAX', member: 'cut.json' });
  expect(job.runs).toEqual([]);
  expect(await rowCounts(store.db)).toEqual(before);
});

test('GET /api/auth/check tells whether a write token is right', async () => {
  const { GET: check } = await import('@/app/api/auth/check/route');
  expect((await check(new Request('http://localhost/x', { headers: auth }))).status).toBe(204);
  expect(
    (await check(new Request('http://localhost/x', { headers: { authorization: 'Bearer no' } })))
      .status,
  ).toBe(401);
});

test('what the POST can tell at once is refused at once, and nothing is kept', async () => {
  const before = await rowCounts(store.db);
  expect((await post(form([['x.json', '[]']]), {})).status).toBe(401);
  expect((await post(form([['x.json', '[]']]), { authorization: 'Bearer wrong' })).status).toBe(
    401,
  );
  const notMultipart = await post('{"file": 1}', { ...auth, 'content-type': 'application/json' });
  expect(notMultipart.status).toBe(415);
  const binary = await post(form([['blob.bin', new Uint8Array(8192).fill(0)]]));
  expect(binary.status).toBe(422);
  expect((await binary.json()).error).toMatchObject({ code: 'UNRECOGNISED', status: 422 });
  const noFile = await post(form([], { campaign: 'x' }));
  expect(noFile.status).toBe(422);
  const badFactor = await post(form([['x.json', fs.readFileSync(FUELCCP)]], { sites: 'many' }));
  expect(badFactor.status).toBe(422);
  expect((await badFactor.json()).error.message).toMatch(/^sites: /);
  process.env.EDGEPERF_MAX_UPLOAD_BYTES = '1000';
  try {
    const big = await post(form([['big.json', fs.readFileSync(FUELCCP)]]));
    expect(big.status).toBe(413);
  } finally {
    delete process.env.EDGEPERF_MAX_UPLOAD_BYTES;
  }
  expect(await rowCounts(store.db)).toEqual(before);
  const left = fs.existsSync(path.join(store.dir, 'uploads'))
    ? fs.readdirSync(path.join(store.dir, 'uploads'))
    : [];
  const jobs = (await store.db.all('SELECT id FROM Job')) as { id: string }[];
  // only the directories of accepted jobs may exist (and they are removed when done)
  expect(left.filter((d) => !jobs.some((j) => j.id === d))).toEqual([]);
});
