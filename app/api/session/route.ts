// POST /api/session {"token"}: when the server has a read token, the pages send it once here and
// keep it in an HttpOnly cookie (issue 6). DELETE forgets it.
import { z } from 'zod';
import { hasReadToken, READ_COOKIE, readTokenRequired } from '@/server/auth/access';
import { noBody, readJson } from '@/server/http/body';
import { ApiError, handle, json } from '@/server/http/errors';

export const dynamic = 'force-dynamic';

const body = z.object({ token: z.string().min(1).max(500) });

export const GET = handle(async (request: Request) =>
  json({ readTokenRequired: readTokenRequired(), authenticated: hasReadToken(request) }),
);

export const POST = handle(async (request: Request) => {
  const { token } = body.parse(await readJson(request, 'a JSON object {"token"}'));
  // Checked as the cookie will be on every read, byte for byte (a Bearer header is trimmed: a
  // token with a trailing space once passed here and then failed as the cookie).
  const probe = new Request(request.url, {
    headers: { cookie: `${READ_COOKIE}=${encodeURIComponent(token)}` },
  });
  if (!hasReadToken(probe)) throw new ApiError(401, 'UNAUTHORIZED', 'wrong read token');
  const secure = new URL(request.url).protocol === 'https:' ? '; Secure' : '';
  return json(
    { ok: true },
    {
      headers: {
        'set-cookie': `${READ_COOKIE}=${encodeURIComponent(token)}; Path=/; HttpOnly; SameSite=Strict; Max-Age=31536000${secure}`,
      },
    },
  );
});

export const DELETE = handle(async (request: Request) => {
  await noBody(request);
  return json(
    { ok: true },
    { headers: { 'set-cookie': `${READ_COOKIE}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0` } },
  );
});
