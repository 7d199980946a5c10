// GET /api/compare/report?baseline=…&contenders=…[&seed=…&alpha=…&chart=ecdf|box]: the comparison
// of GET /api/compare as one self-contained HTML file to keep or send (docs/sharing.md). Read
// access as every API read: the read token when set, or a share link's scope (header
// x-edgeperf-share; a link itself offers /r/<slug>/report.html).
import { compareReportElement } from '@/app/r/[slug]/_render/elements';
import { readAccess } from '@/server/auth/access';
import { handle } from '@/server/http/errors';
import { getComparison } from '@/server/queries/getComparison';
import {
  renderDocument,
  reportFilename,
  reportQuery,
  reportResponse,
} from '@/server/render/report';

export const dynamic = 'force-dynamic';

export const GET = handle(async (request: Request) => {
  const access = await readAccess(request);
  const { chart, ...q } = reportQuery.parse(Object.fromEntries(new URL(request.url).searchParams));
  const data = await getComparison({
    ...q,
    allowedRuns: access.allowedRuns,
    groupMembers: access.share?.groups,
  });
  const html = renderDocument(
    compareReportElement({ data, generatedAt: new Date().toISOString(), chart }),
  );
  return reportResponse(html, reportFilename(data));
});
