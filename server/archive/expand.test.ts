import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { readAll } from '@/ingest/core/source';
import { ArchiveError, ArchiveLimitError, ArchiveUnsafeMemberError } from './errors';
import { expandInput, sniffArchive, sniffArchiveHead } from './expand';
import { DEFAULT_ARCHIVE_LIMITS } from './limits';
import { makeTar, makeTarGz, makeZip } from './testArchives';

const repo = path.resolve(__dirname, '../..');
const rallyOld = fs.readFileSync(path.join(repo, 'fixtures/rally/rally-3.3/failures.old.json'));
const rallyNew = fs.readFileSync(path.join(repo, 'fixtures/rally/rally-3.3/failures.json'));
const fuel = fs.readFileSync(
  '/work/shared/fixtures/rally/fuelccp_boot_and_delete_kill_rabbitmq_oldformat.json',
);
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

let base: string;
let root: string;
let inDir: string;

beforeEach(() => {
  base = fs.mkdtempSync(path.join(os.tmpdir(), 'edgeperf-archive-test-'));
  root = path.join(base, 'data', 'tmp');
  inDir = path.join(base, 'in');
  fs.mkdirSync(inDir);
});
afterEach(() => fs.rmSync(base, { recursive: true, force: true }));

function write(name: string, bytes: Uint8Array): string {
  const file = path.join(inDir, name);
  fs.writeFileSync(file, bytes);
  return file;
}

/** Every file under `base` that is neither an input nor inside the temp root. */
function strayFiles(): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, e.name);
      if (full === inDir || full === root) continue;
      if (e.isDirectory()) walk(full);
      else out.push(path.relative(base, full));
    }
  };
  walk(base);
  return out;
}

function rootIsEmpty(): boolean {
  return !fs.existsSync(root) || fs.readdirSync(root).length === 0;
}

async function content(m: {
  open(): import('@/ingest/core/source').ByteSource;
}): Promise<Uint8Array> {
  return readAll(m.open());
}

test('EnOS 3.x backup: tar.gz with a nested <host>-rally.tar.gz, real Rally files', async () => {
  const nested = await makeTarGz([
    { name: 'root/rally_home/', type: 'directory' },
    { name: 'root/rally_home/4f2c/report-failures.json', data: rallyOld },
  ]);
  const outer = await makeTarGz([
    { name: 'enos_backup/', type: 'directory' },
    { name: 'enos_backup/reservation.yaml', data: 'topology: {}\n' },
    { name: 'enos_backup/paravance-3-rally.tar.gz', data: nested },
    { name: 'enos_backup/paravance-3-rally-report.json', data: rallyNew },
  ]);
  const file = write('backup.tar.gz', outer);
  const x = await expandInput(file, { root });
  try {
    expect(x.members.map((m) => m.path)).toEqual([
      'backup.tar.gz!enos_backup/reservation.yaml',
      'backup.tar.gz!enos_backup/paravance-3-rally.tar.gz!root/rally_home/4f2c/report-failures.json',
      'backup.tar.gz!enos_backup/paravance-3-rally-report.json',
    ]);
    expect(x.archives).toEqual([
      { path: 'backup.tar.gz', format: 'tar.gz' },
      { path: 'backup.tar.gz!enos_backup/paravance-3-rally.tar.gz', format: 'tar.gz' },
    ]);
    const nestedMember = x.members[1]!;
    expect(nestedMember.size).toBe(rallyOld.byteLength);
    expect(await nestedMember.sha256()).toBe(sha(rallyOld));
    expect(await content(nestedMember)).toEqual(new Uint8Array(rallyOld));
    expect(nestedMember.head).toEqual(new Uint8Array(rallyOld.subarray(0, 64 * 1024)));
    expect(x.tempDir?.startsWith(root)).toBe(true);
    expect(x.refused).toEqual([]);
  } finally {
    await x.cleanup();
  }
  expect(rootIsEmpty()).toBe(true);
  expect(strayFiles()).toEqual([]);
});

test('formats are told by magic bytes, not by the extension', async () => {
  const tarBytes = await makeTar([{ name: 'a/report.json', data: rallyNew }]);
  const cases: [string, Uint8Array, string][] = [
    ['upload.bin', zlib.gzipSync(tarBytes), 'tar.gz'],
    ['upload.zip', tarBytes, 'tar'],
    ['upload.tar.gz', makeZip([{ name: 'a/report.json', data: rallyNew, deflate: true }]), 'zip'],
    ['report.json.gz', zlib.gzipSync(rallyNew), 'gzip'],
  ];
  for (const [name, bytes, format] of cases) {
    const file = write(name, bytes);
    expect(await sniffArchive(file)).toBe(format);
    const x = await expandInput(file, { root });
    const expectedPath = format === 'gzip' ? `${name}!report.json` : `${name}!a/report.json`;
    expect(x.members.map((m) => m.path)).toEqual([expectedPath]);
    expect(await x.members[0]!.sha256()).toBe(sha(rallyNew));
    await x.cleanup();
  }
  // A plain file is one member, read in place (no temp folder).
  const plain = write('fuel.json', fuel);
  const x = await expandInput(plain, { root });
  expect(x.members.map((m) => [m.path, m.size])).toEqual([['fuel.json', fuel.byteLength]]);
  expect(x.tempDir).toBeNull();
});

test('zip with deflated and stored members, nested tar.gz inside the zip', async () => {
  const nested = await makeTarGz([{ name: 'root/rally_home/r.json', data: fuel }]);
  const zip = makeZip([
    { name: 'run1/', mode: 0o40755 },
    { name: 'run1/reservation.yaml', data: 'x: 1\n' },
    { name: 'run1/host-rally.tar.gz', data: nested },
    { name: 'run1/report.json', data: rallyNew, deflate: true },
  ]);
  const x = await expandInput(write('runs.zip', zip), { root });
  expect(x.members.map((m) => m.path)).toEqual([
    'runs.zip!run1/reservation.yaml',
    'runs.zip!run1/host-rally.tar.gz!root/rally_home/r.json',
    'runs.zip!run1/report.json',
  ]);
  expect(await x.members[1]!.sha256()).toBe(sha(fuel));
  expect(await x.members[2]!.sha256()).toBe(sha(rallyNew));
  await x.cleanup();
  expect(rootIsEmpty()).toBe(true);
});

test('a directory input (CLI) expands the archives in it', async () => {
  const dir = path.join(inDir, 'campaign');
  fs.mkdirSync(path.join(dir, 'run-a'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'run-a', 'reservation.yaml'), 'topology: {}\n');
  fs.writeFileSync(
    path.join(dir, 'run-a', 'h-rally.tar.gz'),
    await makeTarGz([{ name: 'root/rally_home/r.json', data: rallyOld }]),
  );
  fs.symlinkSync('/etc/passwd', path.join(dir, 'run-a', 'link'));
  const x = await expandInput(dir, { root });
  expect(x.members.map((m) => m.path)).toEqual([
    'campaign/run-a/h-rally.tar.gz!root/rally_home/r.json',
    'campaign/run-a/reservation.yaml',
  ]);
  expect(x.refused).toEqual([
    { path: 'campaign/run-a/link', reason: 'symbolic link (not followed)' },
  ]);
  await x.cleanup();
});

test('zip-slip (../../x) in a tar.gz and in a zip is refused and writes nothing outside the root', async () => {
  const evil = '../../../../../x-zip-slip';
  const tgz = await makeTarGz([
    { name: 'ok.json', data: rallyNew },
    { name: evil, data: 'pwned' },
  ]);
  const zip = makeZip([
    { name: 'ok.json', data: rallyNew },
    { name: `a/${evil}`, data: 'pwned' },
  ]);
  for (const [name, bytes] of [
    ['slip.tar.gz', tgz],
    ['slip.zip', zip],
  ] as const) {
    const err = await expandInput(write(name, bytes), { root }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ArchiveUnsafeMemberError);
    const e = err as ArchiveUnsafeMemberError;
    expect(e.code).toBe('ARCHIVE');
    expect(e.member).toBe(name.endsWith('zip') ? `${name}!a/${evil}` : `${name}!${evil}`);
    expect(e.message).toContain('path escapes the archive (..)');
    expect(rootIsEmpty()).toBe(true); // the temp folder is removed on failure
    expect(strayFiles()).toEqual([]);
    expect(fs.existsSync(path.join(os.tmpdir(), 'x-zip-slip'))).toBe(false);
  }
  // In skip mode the member is refused and reported, the others are kept.
  const x = await expandInput(path.join(inDir, 'slip.tar.gz'), { root, unsafePaths: 'skip' });
  expect(x.members.map((m) => m.path)).toEqual(['slip.tar.gz!ok.json']);
  expect(x.refused).toEqual([
    { path: `slip.tar.gz!${evil}`, reason: 'path escapes the archive (..)' },
  ]);
  await x.cleanup();
  expect(strayFiles()).toEqual([]);
});

test('absolute paths are refused (tar and zip)', async () => {
  const target = path.join(base, 'absolute-evil');
  const tarBytes = await makeTar([{ name: target, data: 'pwned' }]);
  const err = await expandInput(write('abs.tar', tarBytes), { root }).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(ArchiveUnsafeMemberError);
  expect((err as Error).message).toContain('absolute path');
  expect((err as ArchiveUnsafeMemberError).member).toBe(`abs.tar!${target}`);
  const zipErr = await expandInput(write('abs.zip', makeZip([{ name: target, data: 'pwned' }])), {
    root,
  }).catch((e: unknown) => e);
  expect(zipErr).toBeInstanceOf(ArchiveUnsafeMemberError);
  expect(fs.existsSync(target)).toBe(false);
  expect(strayFiles()).toEqual([]);
  expect(rootIsEmpty()).toBe(true);
});

test('symlinks, hard links and device files are refused with their reason, never written', async () => {
  const tgz = await makeTarGz([
    { name: 'data/report.json', data: rallyNew },
    { name: 'data/passwd', type: 'symlink', linkname: '/etc/passwd' },
    { name: 'data/hard', type: 'link', linkname: 'data/report.json' },
    { name: 'data/tty', type: 'character-device' },
    { name: 'data/pipe', type: 'fifo' },
  ]);
  const x = await expandInput(write('links.tgz', tgz), { root });
  expect(x.members.map((m) => m.path)).toEqual(['links.tgz!data/report.json']);
  expect(x.refused).toEqual([
    { path: 'links.tgz!data/passwd', reason: 'symbolic link (to /etc/passwd)' },
    { path: 'links.tgz!data/hard', reason: 'hard link (to data/report.json)' },
    { path: 'links.tgz!data/tty', reason: 'device file (character-device)' },
    { path: 'links.tgz!data/pipe', reason: 'named pipe (fifo)' },
  ]);
  const written = fs.readdirSync(path.join(x.tempDir!, '1', 'data'));
  expect(written).toEqual(['report.json']);
  await x.cleanup();

  const zip = makeZip([
    { name: 'ok.txt', data: 'ok' },
    { name: 'evil', data: '/etc/passwd', mode: 0o120777 },
  ]);
  const z = await expandInput(write('links.zip', zip), { root });
  expect(z.refused).toEqual([{ path: 'links.zip!evil', reason: 'symbolic link' }]);
  expect(z.members.map((m) => m.path)).toEqual(['links.zip!ok.txt']);
  await z.cleanup();

  // specialFiles: 'fail' makes a link fatal.
  const err = await expandInput(path.join(inDir, 'links.tgz'), {
    root,
    specialFiles: 'fail',
  }).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(ArchiveUnsafeMemberError);
  expect((err as ArchiveUnsafeMemberError).member).toBe('links.tgz!data/passwd');
  expect(strayFiles()).toEqual([]);
});

test('a small gzip bomb is stopped by the size limit and by the ratio limit', async () => {
  const zeros = new Uint8Array(32 * 1024 * 1024);
  const bomb = await makeTarGz([{ name: 'zeros.bin', data: zeros }]);
  expect(bomb.byteLength).toBeLessThan(100 * 1024);
  const file = write('bomb.tar.gz', bomb);
  const bySize = await expandInput(file, {
    root,
    limits: { maxTotalBytes: 1024 * 1024, maxRatio: 1e9 },
  }).catch((e: unknown) => e);
  expect(bySize).toBeInstanceOf(ArchiveLimitError);
  expect((bySize as ArchiveLimitError).limit).toBe('maxTotalBytes');
  expect((bySize as ArchiveLimitError).member).toBe('bomb.tar.gz!zeros.bin');
  expect((bySize as ArchiveLimitError).code).toBe('LIMIT');
  const byRatio = await expandInput(file, { root }).catch((e: unknown) => e);
  expect(byRatio).toBeInstanceOf(ArchiveLimitError);
  expect((byRatio as ArchiveLimitError).limit).toBe('maxRatio');
  expect((byRatio as Error).message).toMatch(/compression ratio above 200:1/);
  // Plain gzip and zip bombs too.
  const gz = await expandInput(write('zeros.gz', zlib.gzipSync(zeros)), { root }).catch(
    (e: unknown) => e,
  );
  expect((gz as ArchiveLimitError).limit).toBe('maxRatio');
  const zip = makeZip([{ name: 'zeros.bin', data: zeros, deflate: true }]);
  const z = await expandInput(write('zeros.zip', zip), { root }).catch((e: unknown) => e);
  expect((z as ArchiveLimitError).limit).toBe('maxRatio');
  expect(rootIsEmpty()).toBe(true);
  expect(strayFiles()).toEqual([]);
});

test('a truncated gzip fails with an error naming the member', async () => {
  const nested = await makeTarGz([{ name: 'root/rally_home/r.json', data: fuel }]);
  const cut = nested.subarray(0, Math.floor(nested.byteLength / 2));
  const outer = await makeTarGz([{ name: 'backup/host1-rally.tar.gz', data: cut }]);
  const err = await expandInput(write('backup.tar.gz', outer), { root }).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(ArchiveError);
  const e = err as ArchiveError;
  expect(e.member).toBe('backup.tar.gz!backup/host1-rally.tar.gz');
  expect(e.message).toMatch(/truncated gzip stream while reading root\/rally_home\/r.json/);
  expect(rootIsEmpty()).toBe(true);

  const outerCut = outer.subarray(0, outer.byteLength - 20);
  const err2 = await expandInput(write('cut.tar.gz', outerCut), { root }).catch((x: unknown) => x);
  expect(err2).toBeInstanceOf(ArchiveError);
  expect((err2 as ArchiveError).member).toBe('cut.tar.gz');
  expect((err2 as Error).message).toMatch(/truncated gzip stream/);
});

test('member count and nesting depth limits', async () => {
  const many = await makeTar(
    Array.from({ length: 20 }, (_, i) => ({ name: `f${i}.txt`, data: 'x' })),
  );
  const err = await expandInput(write('many.tar', many), {
    root,
    limits: { maxMembers: 10 },
  }).catch((e: unknown) => e);
  expect((err as ArchiveLimitError).limit).toBe('maxMembers');
  expect((err as ArchiveLimitError).member).toBe('many.tar!f10.txt');

  let inner = await makeTarGz([{ name: 'deep.json', data: rallyNew }]);
  for (let i = 0; i < 3; i++) inner = await makeTarGz([{ name: `level${i}.tar.gz`, data: inner }]);
  const file = write('nest.tar.gz', inner);
  const ok = await expandInput(file, { root });
  expect(ok.members.map((m) => m.path)).toEqual([
    'nest.tar.gz!level2.tar.gz!level1.tar.gz!level0.tar.gz!deep.json',
  ]);
  await ok.cleanup();
  const deep = await expandInput(file, { root, limits: { maxDepth: 3 } }).catch((e: unknown) => e);
  expect((deep as ArchiveLimitError).limit).toBe('maxDepth');
  expect((deep as ArchiveLimitError).member).toBe(
    'nest.tar.gz!level2.tar.gz!level1.tar.gz!level0.tar.gz',
  );
  expect(DEFAULT_ARCHIVE_LIMITS).toMatchObject({
    maxTotalBytes: 4 * 1024 ** 3,
    maxMembers: 100_000,
    maxDepth: 4,
    maxRatio: 200,
  });
});

test('a corrupt zip names the archive', async () => {
  const zip = makeZip([{ name: 'a.json', data: rallyNew }]);
  const err = await expandInput(write('bad.zip', zip.subarray(0, zip.byteLength - 10)), {
    root,
  }).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(ArchiveError);
  expect((err as ArchiveError).member).toBe('bad.zip');
  expect(rootIsEmpty()).toBe(true);
});

test('progress is reported while an outer archive is read', async () => {
  const file = write('p.tar.gz', await makeTarGz([{ name: 'fuel.json', data: fuel }]));
  const seen: number[] = [];
  const x = await expandInput(file, { root, onProgress: (p) => seen.push(p.progress) });
  expect(seen.length).toBeGreaterThan(0);
  expect(seen.at(-1)).toBe(1);
  await x.cleanup();
});

test('sniffArchiveHead tells the format from the first bytes of an upload', async () => {
  const tarBytes = await makeTar([{ name: 'a/report.json', data: rallyNew }]);
  const tgz = zlib.gzipSync(tarBytes);
  expect(sniffArchiveHead(tgz.subarray(0, 4096))).toBe('tar.gz');
  expect(sniffArchiveHead(tarBytes.subarray(0, 512))).toBe('tar');
  expect(sniffArchiveHead(makeZip([{ name: 'x', data: 'y' }]).subarray(0, 64))).toBe('zip');
  expect(sniffArchiveHead(zlib.gzipSync(rallyNew).subarray(0, 4096))).toBe('gzip');
  expect(sniffArchiveHead(new Uint8Array(rallyNew.subarray(0, 4096)))).toBeNull();
  expect(sniffArchiveHead(zlib.gzipSync(new Uint8Array(1 << 26)).subarray(0, 4096))).toBe('gzip');
});

test('a file under a refused symlink lands inside the temp folder, never through the link', async () => {
  const outside = path.join(base, 'outside');
  fs.mkdirSync(outside);
  const tgz = await makeTarGz([
    { name: 'evil', type: 'symlink', linkname: outside },
    { name: 'evil/pwned.txt', data: 'pwned' },
  ]);
  const x = await expandInput(write('link-then-file.tgz', tgz), { root });
  expect(x.refused.map((r) => r.path)).toEqual(['link-then-file.tgz!evil']);
  expect(x.members.map((m) => m.path)).toEqual(['link-then-file.tgz!evil/pwned.txt']);
  expect(fs.readdirSync(outside)).toEqual([]);
  expect(fs.lstatSync(path.join(x.tempDir!, '1', 'evil')).isDirectory()).toBe(true);
  await x.cleanup();
  expect(rootIsEmpty()).toBe(true);
});
