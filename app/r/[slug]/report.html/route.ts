// GET /r/<slug>/report.html: the offline report (GET /api/compare/report) of a share link's
// comparison, with no token: the link's saved view, through the link's scope. 404 for an unknown
// link or one that saved no comparison, 410 for an expired or revoked one.
import { requireShare } from '@/server/auth/access';
import { ApiError, handle } from '@/server/http/errors';
import { getComparison } from '@/server/queries/getComparison';
import {
  renderDocument,
  reportFilename,
  reportQuery,
  reportResponse,
} from '@/server/render/report';
import { compareReportElement } from '../_render/elements';

export const dynamic = 'force-dynamic';

type Ctx = { params: Promise<{ slug: string }> };

export const GET = handle(async (_request: Request, ctx: Ctx) => {
  const { slug } = await ctx.params;
  const scope = await requireShare(slug);
  const view = new URL(scope.view, 'http://edgeperf.invalid');
  if (view.pathname !== '/compare')
    throw new ApiError(404, 'NOT_FOUND', 'this share link saved no comparison');
  const parsed = reportQuery.safeParse(Object.fromEntries(view.searchParams));
  if (!parsed.success) throw new ApiError(404, 'NOT_FOUND', 'this share link saved no comparison');
  const { chart, ...q } = parsed.data;
  const data = await getComparison({ ...q, allowedRuns: scope.runIds, groupMembers: scope.groups });
  const html = renderDocument(
    compareReportElement({ data, generatedAt: new Date().toISOString(), chart }),
  );
  return reportResponse(html, reportFilename(data));
});
