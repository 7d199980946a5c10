import { z } from 'zod';
import { readAccess } from '@/server/auth/access';
import { handle, json } from '@/server/http/errors';
import { getCoverage } from '@/server/queries/getCoverage';

export const dynamic = 'force-dynamic';

const query = z.object({
  rows: z.string().max(40).default('backend'),
  cols: z.string().max(40).default('sites'),
  campaign: z.string().max(300).optional(),
});

export const GET = handle(async (request: Request) => {
  const access = await readAccess(request);
  const q = query.parse(Object.fromEntries(new URL(request.url).searchParams));
  return json(await getCoverage({ ...q, allowedRuns: access.allowedRuns }));
});
