// GET /r/<slug>/image.png: the main chart of a share link's view as a 1200 × 630 PNG, for a
// README, a wiki or a chat where no script runs (docs/sharing.md). The same data as the link's
// API calls (its scope: only its runs), drawn by components/static/ShareImage.tsx as SVG and
// rasterised with resvg and the repository's DejaVu Sans. 404 unknown link, 410 expired or
// revoked, both with the API's JSON error body.
import { requireShare } from '@/server/auth/access';
import { handle } from '@/server/http/errors';
import { renderMarkup } from '@/server/render/markup';
import { svgToPng } from '@/server/render/png';
import { shareImageData } from '@/server/render/shareImage';
import { shareImageElement } from '../_render/elements';

export const dynamic = 'force-dynamic';

type Ctx = { params: Promise<{ slug: string }> };

export const GET = handle(async (_request: Request, ctx: Ctx) => {
  const { slug } = await ctx.params;
  const scope = await requireShare(slug);
  const svg = renderMarkup(shareImageElement(await shareImageData(scope)));
  const { png } = await svgToPng(svg);
  return new Response(new Uint8Array(png), {
    status: 200,
    headers: {
      'content-type': 'image/png',
      'content-length': String(png.length),
      // Short and private: a revoked link stops showing within a minute.
      'cache-control': 'private, max-age=60',
      'x-robots-tag': 'noindex',
    },
  });
});
