// Hostile input (issue 7): one sweep over every write endpoint, called as Next.js calls the route
// handlers, × {no token, wrong tokens, wrong content type, oversized body, malformed JSON or
// multipart}: each answers its 4xx with the error shape {error: {code, message, status}}, and
// the store (every row of every table), the upload folder and the job list are left as they were.
// Then: archives that are unsafe inside (found by the job, which fails: nothing stored, nothing
// written outside), SQL fragments in every read endpoint's parameters, and a share link used to
// read a run it does not cover.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { beforeAll, describe, expect, test } from 'vitest';
import { GET as compareRoute } from '@/app/api/compare/route';
import { GET as coverageRoute } from '@/app/api/coverage/route';
import { GET as exploreRoute } from '@/app/api/explore/route';
import { GET as getJobRoute } from '@/app/api/jobs/[jobId]/route';
import { PATCH as patchFactors } from '@/app/api/runs/[runId]/factors/route';
import { DELETE as deleteRun, GET as getRunRoute } from '@/app/api/runs/[runId]/route';
import { GET as iterationsRoute } from '@/app/api/runs/[runId]/workloads/[workloadId]/iterations/route';
import { GET as listRuns } from '@/app/api/runs/route';
import { DELETE as sessionDelete, POST as sessionPost } from '@/app/api/session/route';
import { DELETE as revokeShare } from '@/app/api/shares/[slug]/route';
import { POST as createShare } from '@/app/api/shares/route';
import { POST as upload } from '@/app/api/uploads/route';
import type { Run, RunList } from '@/lib/apiTypes';
import { makeTarGz } from '@/server/archive/testArchives';
import { ingestInputs } from '@/server/ingest/pipeline';
import type { JobView } from '@/server/jobs/jobs';
import { FUELCCP, RALLY33, ROOT, storeSnapshot, tempStore } from './helpers';

const store = await tempStore();
const TOKEN = 'hostile-write-token';
process.env.EDGEPERF_TOKEN = TOKEN;
const WRITE = { authorization: `Bearer ${TOKEN}` };
const ids = { a: '', b: '', wl: '', slug: '' };
const uploadsDir = path.join(store.dir, 'uploads');

const url = (p: string) => `http://127.0.0.1:3000${p}`;
const params = <T extends Record<string, string>>(p: T) => ({ params: Promise.resolve(p) });

beforeAll(async () => {
  ids.a = (await ingestInputs([FUELCCP], { db: store.db })).runs[0]!.id;
  ids.b = (await ingestInputs([path.join(RALLY33, 'hooks.json')], { db: store.db })).runs[0]!.id;
  const run = (await (
    await getRunRoute(new Request(url('/x')), params({ runId: ids.b }))
  ).json()) as Run;
  ids.wl = run.workloads[0]!.id;
  const res = await createShare(
    new Request(url('/api/shares'), {
      method: 'POST',
      headers: { ...WRITE, 'content-type': 'application/json' },
      body: JSON.stringify({ view: `/runs/${ids.a}` }),
    }),
  );
  expect(res.status).toBe(201);
  ids.slug = ((await res.json()) as { slug: string }).slug;
});

// ---------------------------------------------------------------------------------------------
// The write endpoints. Each request below would change the store if it were accepted: it targets
// a run, a share or a real file that exist.

type BodyKind = 'json' | 'multipart' | 'none';
interface Endpoint {
  /** METHOD and the route's folder under app/, as found by the registry test. */
  key: string;
  body: BodyKind;
  /** Needs the write token (POST/DELETE /api/session take a read token, or nothing). */
  write: boolean;
  call: (init: RequestInit) => Promise<Response>;
  /** An accepted request's body and headers, for the token cases. */
  valid: () => { body?: BodyInit; headers?: Record<string, string> };
}

function form(
  files: [string, Uint8Array | string][],
  fields: Record<string, string> = {},
): FormData {
  const fd = new FormData();
  for (const [name, content] of files) fd.append('file', new Blob([content as BlobPart]), name);
  for (const [k, v] of Object.entries(fields)) fd.append(k, v);
  return fd;
}

const JSON_TYPE = { 'content-type': 'application/json' };
const ENDPOINTS: Endpoint[] = [
  {
    key: 'POST /api/uploads',
    body: 'multipart',
    write: true,
    call: (init) => upload(new Request(url('/api/uploads'), { method: 'POST', ...init })),
    valid: () => ({
      body: form([['report.json', fs.readFileSync(path.join(RALLY33, 'output.json'))]]),
    }),
  },
  {
    key: 'PATCH /api/runs/[runId]/factors',
    body: 'json',
    write: true,
    call: (init) =>
      patchFactors(
        new Request(url(`/api/runs/${ids.a}/factors`), { method: 'PATCH', ...init }),
        params({ runId: ids.a }),
      ),
    valid: () => ({ body: JSON.stringify({ backend: 'redis', sites: 4 }), headers: JSON_TYPE }),
  },
  {
    key: 'DELETE /api/runs/[runId]',
    body: 'none',
    write: true,
    call: (init) =>
      deleteRun(
        new Request(url(`/api/runs/${ids.a}`), { method: 'DELETE', ...init }),
        params({ runId: ids.a }),
      ),
    valid: () => ({}),
  },
  {
    key: 'POST /api/shares',
    body: 'json',
    write: true,
    call: (init) => createShare(new Request(url('/api/shares'), { method: 'POST', ...init })),
    valid: () => ({ body: JSON.stringify({ view: `/runs/${ids.b}` }), headers: JSON_TYPE }),
  },
  {
    key: 'DELETE /api/shares/[slug]',
    body: 'none',
    write: true,
    call: (init) =>
      revokeShare(
        new Request(url(`/api/shares/${ids.slug}`), { method: 'DELETE', ...init }),
        params({ slug: ids.slug }),
      ),
    valid: () => ({}),
  },
  {
    key: 'POST /api/session',
    body: 'json',
    write: false,
    call: (init) => sessionPost(new Request(url('/api/session'), { method: 'POST', ...init })),
    valid: () => ({ body: JSON.stringify({ token: 'reader' }), headers: JSON_TYPE }),
  },
  {
    key: 'DELETE /api/session',
    body: 'none',
    write: false,
    call: (init) => sessionDelete(new Request(url('/api/session'), { method: 'DELETE', ...init })),
    valid: () => ({}),
  },
];

test('the sweep covers every write endpoint of the app', async () => {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, e.name);
      if (e.isDirectory()) walk(full);
      else if (/^route\.tsx?$/.test(e.name)) {
        const src = fs.readFileSync(full, 'utf8');
        const route = `/${path.relative(path.join(ROOT, 'app'), dir).split(path.sep).join('/')}`;
        for (const m of src.matchAll(
          /export\s+(?:const|async\s+function|function)\s+(POST|PUT|PATCH|DELETE)\b/g,
        )) {
          found.push(`${m[1]} ${route}`);
        }
      }
    }
  };
  walk(path.join(ROOT, 'app'));
  expect(found.sort()).toEqual(ENDPOINTS.map((e) => e.key).sort());
});

// ---------------------------------------------------------------------------------------------
// Checks

/** The error shape, the status, a code, and no internals in the message. */
async function expectError(res: Response, status: number, code?: string | RegExp): Promise<void> {
  const text = await res.text();
  expect(res.status, text).toBe(status);
  expect(res.headers.get('content-type')).toMatch(/^application\/json/);
  const body = JSON.parse(text) as { error: { code: string; message: string; status: number } };
  expect(Object.keys(body)).toEqual(['error']);
  expect(body.error).toEqual({
    code: expect.stringMatching(/^[A-Z_]+$/),
    message: expect.any(String),
    status,
  });
  if (code) expect(body.error.code).toMatch(code);
  // nothing leaked: no stack trace, no server path, no SQL or driver text
  expect(body.error.message).not.toMatch(/\n\s+at |node_modules|SQLITE|prisma/i);
  expect(body.error.message).not.toContain(store.dir);
  expect(body.error.message).not.toContain(ROOT);
}

function uploadEntries(): string[] {
  return fs.existsSync(uploadsDir) ? fs.readdirSync(uploadsDir) : [];
}

/** Runs `fn`, then checks that no row of any table changed and no upload folder was left. */
async function unchanged(fn: () => Promise<void>): Promise<void> {
  const before = await storeSnapshot(store.db);
  const uploads = uploadEntries();
  await fn();
  expect(await storeSnapshot(store.db)).toEqual(before);
  expect(uploadEntries()).toEqual(uploads);
}

// ---------------------------------------------------------------------------------------------
// Hostile requests per body kind. `status` is what the endpoint answers; `code` its error code.

interface Case {
  name: string;
  init: () => RequestInit | Promise<RequestInit>;
  status: number;
  code: string | RegExp;
  env?: Record<string, string>;
}

/** A body sent as a stream: no declared length (chunked on the wire). */
function streamed(bytes: Uint8Array, chunk = 16 * 1024): RequestInit {
  let at = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(c) {
      if (at >= bytes.length) return c.close();
      c.enqueue(bytes.subarray(at, at + chunk));
      at += chunk;
    },
  });
  return { body, duplex: 'half' } as RequestInit;
}

const enc = (s: string) => new TextEncoder().encode(s);
const BIG_JSON = JSON.stringify({
  backend: 'x'.repeat(70 * 1024),
  view: '/',
  token: 'y'.repeat(70 * 1024),
});
const DEEP = `${'['.repeat(20_000)}${']'.repeat(20_000)}`;

const JSON_CASES: Case[] = [
  ...[
    'application/x-www-form-urlencoded',
    'multipart/form-data; boundary=x',
    'application/octet-stream',
    'text/html',
    'application/xml',
  ].map(
    (type): Case => ({
      name: `wrong content type ${type}`,
      init: () => ({
        body: '{"backend":"redis","view":"/","token":"reader"}',
        headers: { ...WRITE, 'content-type': type },
      }),
      status: 415,
      code: 'UNSUPPORTED_MEDIA_TYPE',
    }),
  ),
  {
    name: 'oversized body, length declared',
    init: () => ({
      body: BIG_JSON,
      headers: { ...WRITE, ...JSON_TYPE, 'content-length': String(BIG_JSON.length) },
    }),
    status: 413,
    code: 'TOO_LARGE',
  },
  {
    name: 'oversized body, streamed without a length',
    init: () => ({ ...streamed(enc(BIG_JSON)), headers: { ...WRITE, ...JSON_TYPE } }),
    status: 413,
    code: 'TOO_LARGE',
  },
  {
    name: 'oversized body, 8 MiB streamed',
    init: () => ({
      ...streamed(new Uint8Array(8 * 2 ** 20).fill(0x20), 256 * 1024),
      headers: { ...WRITE, ...JSON_TYPE },
    }),
    status: 413,
    code: 'TOO_LARGE',
  },
  ...['{', '{"backend": "redis"', '', '\u0000', "{'backend': 'redis'}", '{"a":1}}', 'NaN'].map(
    (body): Case => ({
      name: `malformed JSON ${JSON.stringify(body)}`,
      init: () => ({ body, headers: { ...WRITE, ...JSON_TYPE } }),
      status: 400,
      code: 'BAD_JSON',
    }),
  ),
  {
    name: 'bytes that are no UTF-8',
    init: () => ({
      body: new Uint8Array([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d]),
      headers: { ...WRITE, ...JSON_TYPE },
    }),
    status: 400,
    code: 'BAD_JSON',
  },
  ...['null', '[]', '"text"', '42', DEEP].map(
    (body): Case => ({
      name: `JSON of the wrong shape ${JSON.stringify(body.slice(0, 12))}`,
      init: () => ({ body, headers: { ...WRITE, ...JSON_TYPE } }),
      status: 422,
      code: 'INVALID_REQUEST',
    }),
  ),
];

/** Tests' multipart bodies, byte by byte, with boundary B. */
const B = '----edgeperfB';
const part = (headers: string, content: string) => `--${B}\r\n${headers}\r\n\r\n${content}\r\n`;
const filePart = (filename: string, content: string) =>
  part(
    `Content-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: application/json`,
    content,
  );
const RALLY = fs.readFileSync(path.join(RALLY33, 'output.json'), 'utf8');
const multipart = (
  body: string | Uint8Array<ArrayBuffer>,
  type = `multipart/form-data; boundary=${B}`,
): RequestInit => ({
  body,
  headers: { ...WRITE, 'content-type': type },
});

const MULTIPART_CASES: Case[] = [
  ...[
    ['application/json', '{"file": "x"}'],
    ['text/plain', RALLY],
    ['application/x-www-form-urlencoded', 'file=x&campaign=y'],
    [`multipart/mixed; boundary=${B}`, `${filePart('r.json', RALLY)}--${B}--\r\n`],
    [`multipart/form-data-x; boundary=${B}`, `${filePart('r.json', RALLY)}--${B}--\r\n`],
    ['', RALLY],
  ].map(
    ([type, body]): Case => ({
      name: `wrong content type ${JSON.stringify(type)}`,
      init: () => multipart(body!, type),
      status: 415,
      code: 'UNSUPPORTED_MEDIA_TYPE',
    }),
  ),
  {
    name: 'a file over EDGEPERF_MAX_UPLOAD_BYTES',
    init: () => multipart(`${filePart('r.json', RALLY)}--${B}--\r\n`),
    env: { EDGEPERF_MAX_UPLOAD_BYTES: '4096' },
    status: 413,
    code: 'TOO_LARGE',
  },
  {
    // the chunk that crosses the limit fills the disk stream's buffer: the part must still drain
    name: 'a file over EDGEPERF_MAX_UPLOAD_BYTES, in large chunks',
    init: () => ({
      ...streamed(enc(`${filePart('r.json', RALLY.repeat(4))}--${B}--\r\n`), 96 * 1024),
      headers: { ...WRITE, 'content-type': `multipart/form-data; boundary=${B}` },
    }),
    env: { EDGEPERF_MAX_UPLOAD_BYTES: '100000' },
    status: 413,
    code: 'TOO_LARGE',
  },
  {
    name: 'a form field over 64 KiB (a campaign name)',
    init: () =>
      multipart(
        `${part('Content-Disposition: form-data; name="campaign"', 'c'.repeat(70 * 1024))}${filePart('r.json', RALLY)}--${B}--\r\n`,
      ),
    status: 413,
    code: 'TOO_LARGE',
  },
  {
    name: 'truncated: the closing boundary cut',
    init: () => multipart(`${filePart('r.json', RALLY)}--${B.slice(0, 5)}`),
    status: 400,
    code: 'BAD_MULTIPART',
  },
  {
    name: 'truncated: in the middle of the file',
    init: () => multipart(filePart('r.json', RALLY).slice(0, 3000)),
    status: 400,
    code: 'BAD_MULTIPART',
  },
  {
    name: 'no boundary in the content type',
    init: () => multipart(`${filePart('r.json', RALLY)}--${B}--\r\n`, 'multipart/form-data'),
    status: 400,
    code: 'BAD_MULTIPART',
  },
  {
    name: 'a boundary that the body does not use',
    init: () =>
      multipart(`${filePart('r.json', RALLY)}--${B}--\r\n`, 'multipart/form-data; boundary=other'),
    status: 400,
    code: 'BAD_MULTIPART',
  },
  {
    name: 'a header-only part, then the end of the body',
    init: () =>
      multipart(`--${B}\r\nContent-Disposition: form-data; name="file"; filename="r.json"\r\n\r\n`),
    status: 400,
    code: 'BAD_MULTIPART',
  },
  {
    name: 'a header-only part, closed (an empty file)',
    init: () => multipart(`${filePart('r.json', '')}--${B}--\r\n`),
    status: 422,
    code: 'UNRECOGNISED',
  },
  {
    name: 'part headers that never end',
    init: () =>
      multipart(
        `--${B}\r\nContent-Disposition: form-data; name="file"; filename="r.json"\r\nX-Pad: ${'p'.repeat(200_000)}`,
      ),
    status: 400,
    code: 'BAD_MULTIPART',
  },
  ...[
    '../../etc/passwd',
    '/etc/passwd',
    '..\\..\\windows\\win.ini',
    'a/../../b.json',
    'ok\u0001.json',
    '..',
  ].map(
    (name): Case => ({
      name: `a file named ${JSON.stringify(name)}`,
      init: () => multipart(`${filePart(name, RALLY)}--${B}--\r\n`),
      status: 400,
      code: 'BAD_MULTIPART',
    }),
  ),
  {
    name: '10,000 file parts',
    init: () =>
      multipart(
        `${Array.from({ length: 10_000 }, (_, k) => filePart(`r${k}.json`, '[]')).join('')}--${B}--\r\n`,
      ),
    status: 413,
    code: 'TOO_MANY_PARTS',
  },
  {
    name: '10,000 field parts before a file',
    init: () =>
      multipart(
        `${Array.from({ length: 10_000 }, (_, k) => part(`Content-Disposition: form-data; name="f${k}"`, 'v')).join('')}${filePart('r.json', RALLY)}--${B}--\r\n`,
      ),
    status: 413,
    code: 'TOO_MANY_PARTS',
  },
  {
    name: 'binary noise under a multipart type',
    init: () =>
      multipart(
        new Uint8Array(64 * 1024).map((_, k) => (k * 7919) & 0xff) as Uint8Array<ArrayBuffer>,
      ),
    status: 400,
    code: 'BAD_MULTIPART',
  },
  {
    name: 'no file part',
    init: () =>
      multipart(`${part('Content-Disposition: form-data; name="campaign"', 'x')}--${B}--\r\n`),
    status: 422,
    code: 'NO_FILE',
  },
  {
    name: 'a file that is no archive, capture or text',
    init: () => ({
      body: form([['x.bin', new Uint8Array(8192).map((_, k) => k & 0xff)]]),
      headers: WRITE,
    }),
    status: 422,
    code: 'UNRECOGNISED',
  },
  {
    name: 'a factor field that is not valid',
    init: () => ({
      body: form([['r.json', RALLY]], { sites: '<script>alert(1)</script>' }),
      headers: WRITE,
    }),
    status: 422,
    code: 'INVALID_FACTOR',
  },
];

const NO_BODY_CASES: Case[] = [
  {
    name: 'a JSON body',
    init: () => ({ body: '{"runId": "x"}', headers: { ...WRITE, ...JSON_TYPE } }),
    status: 400,
    code: 'UNEXPECTED_BODY',
  },
  {
    name: 'a multipart body',
    init: () => ({ body: form([['r.json', RALLY]]), headers: WRITE }),
    status: 400,
    code: 'UNEXPECTED_BODY',
  },
  {
    name: 'an oversized body, declared',
    init: () => ({
      body: BIG_JSON,
      headers: { ...WRITE, 'content-length': String(BIG_JSON.length) },
    }),
    status: 400,
    code: 'UNEXPECTED_BODY',
  },
  {
    name: 'an 8 MiB body, streamed',
    init: () => ({ ...streamed(new Uint8Array(8 * 2 ** 20), 256 * 1024), headers: WRITE }),
    status: 400,
    code: 'UNEXPECTED_BODY',
  },
];

const CASES: Record<BodyKind, Case[]> = {
  json: JSON_CASES,
  multipart: MULTIPART_CASES,
  none: NO_BODY_CASES,
};

/** Authorization headers that are not the write token. */
const NOT_THE_TOKEN: [string, Record<string, string>][] = [
  ['no Authorization header', {}],
  ['a wrong token', { authorization: 'Bearer wrong' }],
  ['the token with a byte more', { authorization: `Bearer ${TOKEN}x` }],
  ['a prefix of the token', { authorization: `Bearer ${TOKEN.slice(0, -1)}` }],
  ['the token in upper case', { authorization: `Bearer ${TOKEN.toUpperCase()}` }],
  ['an empty Bearer', { authorization: 'Bearer ' }],
  ['the token without a scheme', { authorization: TOKEN }],
  [
    'the token as Basic credentials',
    { authorization: `Basic ${Buffer.from(`edgeperf:${TOKEN}`).toString('base64')}` },
  ],
  ['the token in a cookie', { cookie: `edgeperf_read=${TOKEN}; token=${TOKEN}` }],
  ['a share link instead of a token', { 'x-edgeperf-share': '' }],
  ['the read token', { authorization: 'Bearer reader' }],
];

async function withEnv<T>(
  env: Record<string, string> | undefined,
  fn: () => Promise<T>,
): Promise<T> {
  const saved: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(env ?? {})) {
    saved[k] = process.env[k];
    process.env[k] = v;
  }
  try {
    return await fn();
  } finally {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}

for (const ep of ENDPOINTS) {
  describe(ep.key, () => {
    if (ep.write) {
      test.each(NOT_THE_TOKEN)('%s: 401, nothing changes', async (_name, auth) => {
        const headers = { ...ep.valid().headers, ...auth };
        if ('x-edgeperf-share' in headers) headers['x-edgeperf-share'] = ids.slug;
        await withEnv({ EDGEPERF_READ_TOKEN: 'reader' }, () =>
          unchanged(async () => {
            await expectError(
              await ep.call({ body: ep.valid().body, headers }),
              401,
              'UNAUTHORIZED',
            );
          }),
        );
      });

      test('no token, with a hostile body as well: the token is checked first', async () => {
        for (const c of CASES[ep.body]) {
          const init = await c.init();
          const { authorization: _, ...headers } = (init.headers ?? {}) as Record<string, string>;
          await unchanged(async () => {
            await expectError(await ep.call({ ...init, headers }), 401, 'UNAUTHORIZED');
          });
        }
      });
    } else if (ep.key === 'POST /api/session') {
      test('a wrong read token: 401, no cookie', async () => {
        await withEnv({ EDGEPERF_READ_TOKEN: 'reader' }, async () => {
          for (const token of ['wrong', 'reade', 'reader ', TOKEN.slice(1)]) {
            const res = await ep.call({ body: JSON.stringify({ token }), headers: JSON_TYPE });
            expect(res.headers.get('set-cookie')).toBeNull();
            await expectError(res, 401, 'UNAUTHORIZED');
          }
        });
      });
    }

    test.each(CASES[ep.body].map((c) => [c.name, c] as const))('%s', async (_name, c) => {
      await withEnv({ EDGEPERF_READ_TOKEN: 'reader', ...c.env }, () =>
        unchanged(async () => {
          const res = await ep.call(await c.init());
          expect(res.headers.get('set-cookie')).toBeNull();
          await expectError(res, c.status, c.code);
        }),
      );
    });
  });
}

test('after the sweep: the targets are intact, no job was made, no upload folder is left', async () => {
  const runs = (await (await listRuns(new Request(url('/api/runs')))).json()) as RunList;
  expect(runs.runs.map((r) => r.id).sort()).toEqual([ids.a, ids.b].sort());
  const a = (await (
    await getRunRoute(new Request(url('/x')), params({ runId: ids.a }))
  ).json()) as Run;
  expect(a.factors.backend).toEqual({ value: null, source: null });
  expect(await store.db.get('SELECT COUNT(*) AS n FROM Job')).toEqual({ n: 0 });
  expect(await store.db.get('SELECT revokedAt FROM Share WHERE slug = ?', [ids.slug])).toEqual({
    revokedAt: null,
  });
  expect(uploadEntries()).toEqual([]);
});

// ---------------------------------------------------------------------------------------------
// Archives that are unsafe inside: the outer file is a real archive, so the POST takes it (202,
// CONTRACT.md); the job finds the member, fails or refuses it, and stores nothing.

async function waitForJob(jobId: string): Promise<JobView> {
  for (let k = 0; k < 600; k++) {
    const res = await getJobRoute(new Request(url('/x')), params({ jobId }));
    const job = (await res.json()) as JobView;
    if (job.state === 'done' || job.state === 'failed') return job;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`job ${jobId} did not finish`);
}

describe('unsafe archives through POST /api/uploads', () => {
  const escaped = path.join(os.tmpdir(), 'edgeperf-hostile-escaped.txt');
  const cases: [string, () => Promise<Uint8Array>, (job: JobView) => void][] = [
    [
      'slip.tar.gz',
      () =>
        makeTarGz([
          { name: 'r.json', data: RALLY },
          { name: `../../../../../../..${escaped}`, data: 'pwned' },
        ]),
      (job) => {
        expect(job.state).toBe('failed');
        expect(job.error).toMatchObject({ code: 'ARCHIVE' });
      },
    ],
    [
      'absolute.tar.gz',
      () => makeTarGz([{ name: escaped, data: 'pwned' }]),
      (job) => {
        expect(job.state).toBe('failed');
        expect(job.error).toMatchObject({ code: 'ARCHIVE' });
      },
    ],
    [
      'links.tar.gz',
      () =>
        makeTarGz([
          { name: 'd/passwd', type: 'symlink', linkname: '/etc/passwd' },
          { name: 'd/hard', type: 'link', linkname: '/etc/passwd' },
          { name: 'd/tty', type: 'character-device' },
        ]),
      (job) => {
        expect(job.runs).toEqual([]);
        expect(job.members.filter((m) => m.status === 'used')).toEqual([]);
        expect(job.members.map((m) => m.reason).join(' ')).toMatch(/symbolic link/);
      },
    ],
    [
      'bomb.json.gz',
      async () => zlib.gzipSync(new Uint8Array(32 * 2 ** 20).fill(0x20)),
      (job) => {
        expect(job.state).toBe('failed');
        expect(job.error).toMatchObject({ code: 'LIMIT' });
      },
    ],
  ];
  test.each(cases)('%s', { timeout: 60_000 }, async (name, build, check) => {
    const before = await storeSnapshot(store.db, ['Job']);
    const res = await upload(
      new Request(url('/api/uploads'), {
        method: 'POST',
        body: form([[name, await build()]]),
        headers: WRITE,
      }),
    );
    expect(res.status).toBe(202);
    const job = await waitForJob(((await res.json()) as { jobId: string }).jobId);
    check(job);
    expect(job.created).toEqual([]);
    expect(await storeSnapshot(store.db, ['Job'])).toEqual(before);
    expect(fs.existsSync(escaped)).toBe(false);
    expect(uploadEntries()).toEqual([]);
    // the data folder holds the store and nothing the archive brought (tmp/ is where archives
    // are unpacked, and is left empty)
    expect(
      fs
        .readdirSync(store.dir)
        .filter((f) => !/^edgeperf\.db(-wal|-shm)?$|^uploads$|^tmp$/.test(f)),
    ).toEqual([]);
    const tmp = path.join(store.dir, 'tmp');
    expect(fs.existsSync(tmp) ? fs.readdirSync(tmp) : []).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------
// Reads: SQL fragments are only text (parameterised queries), and a share link reads only its runs.

const SQL = [
  "' OR '1'='1",
  "'; DROP TABLE Run; --",
  '" OR 1=1 --',
  'run_%',
  "run_x' UNION SELECT * FROM Share --",
  '%00',
  '1) OR (1=1',
];

test('SQL fragments in every read parameter: never a 5xx, no row leaks, nothing changes', async () => {
  await unchanged(async () => {
    for (const s of SQL) {
      const q = encodeURIComponent(s);
      const lists = [
        `/api/runs?q=${q}`,
        `/api/runs?backend=${q}&sites=${q}`,
        `/api/runs?scenario=${q}`,
        `/api/runs?campaign=${q}`,
        `/api/runs?sort=${q}`,
        `/api/runs?page=${q}`,
      ];
      for (const u of lists) {
        const res = await listRuns(new Request(url(u)));
        expect(res.status, u).toBeLessThan(500);
        if (res.status === 200) expect(((await res.json()) as RunList).runs, u).toEqual([]);
        else await expectError(res, 422);
      }
      const reads: [string, () => Promise<Response>][] = [
        ['run', () => getRunRoute(new Request(url('/x')), params({ runId: s }))],
        [
          'iterations',
          () =>
            iterationsRoute(
              new Request(url(`/x?from=${q}`)),
              params({ runId: ids.b, workloadId: s }),
            ),
        ],
        [
          'compare',
          () => compareRoute(new Request(url(`/api/compare?baseline=${q}&contenders=${ids.b}`))),
        ],
        [
          'compare ids',
          () => compareRoute(new Request(url(`/api/compare?baseline=run_${q}&contenders=fp_${q}`))),
        ],
        [
          'explore',
          () => exploreRoute(new Request(url(`/api/explore?metric=${q}&x=${q}&scenario=${q}`))),
        ],
        [
          'explore metric',
          () => exploreRoute(new Request(url(`/api/explore?metric=metric:${q}&x=sites`))),
        ],
        [
          'coverage',
          () => coverageRoute(new Request(url(`/api/coverage?rows=${q}&cols=${q}&campaign=${q}`))),
        ],
        ['job', () => getJobRoute(new Request(url('/x')), params({ jobId: s }))],
      ];
      for (const [what, call] of reads) {
        const res = await call();
        const text = await res.text();
        expect(res.status, `${what} ${s}: ${text}`).toBeLessThan(500);
        expect(text, what).not.toMatch(/SQLITE|syntax error|prisma/i);
        if (what === 'explore metric' && res.status === 200) {
          const points = (JSON.parse(text) as { points: unknown[] }).points;
          expect(points).toEqual([]);
        }
        if (res.status >= 400) await expectError(new Response(text, res), res.status);
      }
    }
  });
});

test('a share link used for another run: 404 for it, and it cannot write', async () => {
  const via = { 'x-edgeperf-share': ids.slug };
  const ok = await getRunRoute(new Request(url('/x'), { headers: via }), params({ runId: ids.a }));
  expect(ok.status).toBe(200);
  await expectError(
    await getRunRoute(new Request(url('/x'), { headers: via }), params({ runId: ids.b })),
    404,
    'NOT_FOUND',
  );
  await expectError(
    await iterationsRoute(
      new Request(url('/x'), { headers: via }),
      params({ runId: ids.b, workloadId: ids.wl }),
    ),
    404,
    'NOT_FOUND',
  );
  await expectError(
    await compareRoute(
      new Request(url(`/api/compare?baseline=${ids.a}&contenders=${ids.b}`), { headers: via }),
    ),
    404,
  );
  const list = (await (
    await listRuns(new Request(url('/api/runs'), { headers: via }))
  ).json()) as RunList;
  expect(list.runs.map((r) => r.id)).toEqual([ids.a]);
  const explored = (await (
    await exploreRoute(new Request(url('/api/explore?x=sites'), { headers: via }))
  ).json()) as {
    points: { runId: string }[];
    excluded: { runId: string }[];
  };
  expect([...explored.points, ...explored.excluded].map((p) => p.runId)).not.toContain(ids.b);
  // the other run's name does not show anywhere in what the link reads
  const runB = (await (
    await getRunRoute(new Request(url('/x')), params({ runId: ids.b }))
  ).json()) as Run;
  expect(JSON.stringify(list)).not.toContain(runB.name);
  // a job is not readable through a link
  await expectError(
    await getJobRoute(new Request(url('/x'), { headers: via }), params({ jobId: 'job_x' })),
    404,
  );
  // a forged or revoked slug
  await expectError(
    await getRunRoute(
      new Request(url('/x'), { headers: { 'x-edgeperf-share': `${ids.slug}x` } }),
      params({ runId: ids.a }),
    ),
    404,
  );
  await expectError(
    await getRunRoute(
      new Request(url('/x'), { headers: { 'x-edgeperf-share': "' OR 1=1 --" } }),
      params({ runId: ids.a }),
    ),
    404,
  );
});
