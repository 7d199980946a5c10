import { requireWrite } from '@/server/auth/token';
import { noBody } from '@/server/http/body';
import { ApiError, handle } from '@/server/http/errors';
import { revokeShare } from '@/server/store/shares';

export const dynamic = 'force-dynamic';

type Ctx = { params: Promise<{ slug: string }> };

export const DELETE = handle(async (request: Request, ctx: Ctx) => {
  requireWrite(request);
  await noBody(request);
  const { slug } = await ctx.params;
  if (!(await revokeShare(slug))) throw new ApiError(404, 'NOT_FOUND', 'no such share link');
  return new Response(null, { status: 204 });
});
