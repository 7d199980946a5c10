import path from 'node:path';
import fc from 'fast-check';
import { expect, test } from 'vitest';
import { checkMemberName, joinInside } from './safePath';

test('an accepted member name always resolves inside the folder (property)', () => {
  const dir = path.resolve('/srv/edgeperf/tmp/archive-x/1');
  const segment = fc.constantFrom(
    'a',
    'b.json',
    '..',
    '.',
    '',
    '...',
    '..a',
    'a..',
    ' ',
    'C:',
    '\\..',
  );
  fc.assert(
    fc.property(
      fc.array(segment, { minLength: 1, maxLength: 6 }),
      fc.boolean(),
      (parts, absolute) => {
        const name = (absolute ? '/' : '') + parts.join('/');
        const check = checkMemberName(name);
        if (!check.ok) return;
        const dest = joinInside(dir, check.segments);
        expect(dest.startsWith(`${dir}${path.sep}`)).toBe(true);
        expect(check.segments).not.toContain('..');
      },
    ),
    { numRuns: 2000 },
  );
});

test('refusal reasons', () => {
  expect(checkMemberName('/etc/passwd')).toEqual({ ok: false, reason: 'absolute path' });
  expect(checkMemberName('C:/x')).toEqual({ ok: false, reason: 'absolute path (drive letter)' });
  expect(checkMemberName('a/../../x')).toEqual({
    ok: false,
    reason: 'path escapes the archive (..)',
  });
  expect(checkMemberName('./a//b/')).toEqual({ ok: true, segments: ['a', 'b'] });
  expect(checkMemberName('./')).toEqual({ ok: false, reason: 'empty member name' });
  expect(checkMemberName('a\0b')).toEqual({ ok: false, reason: 'NUL byte in the member name' });
  expect(() => joinInside('/srv/x', [])).toThrow(/outside/);
});
