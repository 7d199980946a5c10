import { z } from 'zod';
import { requireWrite } from '@/server/auth/token';
import { readJson } from '@/server/http/body';
import { ApiError, handle, json } from '@/server/http/errors';
import { createShare } from '@/server/store/shares';

export const dynamic = 'force-dynamic';

const body = z.object({
  view: z.string().min(1).max(4000),
  expiresAt: z.iso.datetime({ offset: true }).nullable().default(null),
});

export const POST = handle(async (request: Request) => {
  requireWrite(request);
  const raw = await readJson(request, 'a JSON object {"view", "expiresAt"}');
  const { view, expiresAt } = body.parse(raw);
  const when = expiresAt ? new Date(expiresAt) : null;
  if (when && when.getTime() <= Date.now())
    throw new ApiError(422, 'INVALID_REQUEST', 'expiresAt: must be in the future');
  const share = await createShare(view, when);
  return json(
    {
      slug: share.slug,
      url: share.url,
      runs: share.runIds,
      expiresAt: when?.toISOString() ?? null,
    },
    { status: 201 },
  );
});
