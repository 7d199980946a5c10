// GET /api/auth/check: 204 when the request carries the write token, else 401. Lets the pages
// check a token before they send a large upload.
import { requireWrite } from '@/server/auth/token';
import { handle } from '@/server/http/errors';

export const dynamic = 'force-dynamic';

export const GET = handle(async (request: Request) => {
  requireWrite(request);
  return new Response(null, { status: 204 });
});
