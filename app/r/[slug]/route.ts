// /r/<slug>: a share link. Unknown → 404, expired or revoked → 410, each with a page that says
// so; otherwise the shared view, read-only, under /share/<slug>/… (its API calls carry the slug).
import { lookupShare } from '@/server/store/shares';

export const dynamic = 'force-dynamic';

type Ctx = { params: Promise<{ slug: string }> };

function page(status: number, title: string, text: string): Response {
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="robots" content="noindex">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>${title} · edgeperf</title>
<style>body{font:16px/1.5 system-ui,sans-serif;margin:0;display:grid;place-items:center;min-height:100vh;background:#f8fafc;color:#0f172a}
main{max-width:32rem;padding:2rem}h1{font-size:1.25rem;margin:0 0 .5rem}p{margin:0 0 1rem;color:#475569}a{color:#2563eb}
@media (prefers-color-scheme:dark){body{background:#0b1120;color:#e2e8f0}p{color:#94a3b8}a{color:#60a5fa}}</style></head>
<body><main><p>edgeperf · share link</p><h1>${title}</h1><p>${text}</p><p><a href="/">Open the dashboard</a></p></main></body></html>`;
  return new Response(html, {
    status,
    headers: {
      'content-type': 'text/html; charset=utf-8',
      'x-robots-tag': 'noindex',
      'cache-control': 'no-store',
    },
  });
}

export async function GET(_request: Request, ctx: Ctx): Promise<Response> {
  const { slug } = await ctx.params;
  const found = await lookupShare(slug);
  if (found.state === 'unknown') {
    return page(
      404,
      'No such share link',
      'This link does not exist. Check that it was copied whole.',
    );
  }
  if (found.state !== 'ok') {
    return page(
      410,
      `This share link was ${found.state}`,
      'Ask the person who sent it for a new link.',
    );
  }
  const view = new URL(found.scope.view, 'http://edgeperf.invalid');
  const path = view.pathname === '/' ? '' : view.pathname;
  return new Response(null, {
    status: 302,
    headers: { location: `/share/${slug}${path}${view.search}`, 'cache-control': 'no-store' },
  });
}
