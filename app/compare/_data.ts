// The compare page's server-side prefetch (issue 5): the comparison the URL asks for, read with
// the access rules of GET /api/compare and dehydrated for TanStack Query, so the first HTML
// already carries the data and the first chart draws at hydration instead of after a fetch.
//
// The one page module allowed to import server/ (scripts/checkImports.mjs, EXCEPTIONS): it is
// imported by app/compare/page.tsx (a server component) alone, never by a client component.
// Whenever the request may not read (no read token, an unknown or expired share link), the
// arguments are invalid or the store fails, it returns null: the page then fetches on the client
// as before, which shows the read token prompt or the API's error. It never answers more than
// GET /api/compare would answer to the same request.
import { dehydrate, type DehydratedState, QueryClient } from '@tanstack/react-query';
import { headers } from 'next/headers';
import { createLoader, parseAsArrayOf, parseAsInteger, parseAsString } from 'nuqs/server';
import { z } from 'zod';
import type { Comparison } from '@/lib/compareTypes';
import { readAccess } from '@/server/auth/access';
import { getComparison } from '@/server/queries/getComparison';

/**
 * The URL state the client reads (components/hooks/useCompareState.ts), with the same parsers,
 * so the server and the client derive the same query key.
 */
const loadCompareSearch = createLoader({
  baseline: parseAsString,
  contenders: parseAsArrayOf(parseAsString).withDefault([]),
  seed: parseAsInteger.withDefault(1),
});

/** The query of app/api/compare/route.ts: what the API refuses is not prefetched either. */
const sideId = z.string().regex(/^(run|fp)_[0-9A-Za-z]+$/);
const compareArgs = z.object({
  baseline: sideId,
  contenders: z.array(sideId).min(1).max(20),
  seed: z
    .number()
    .int()
    .min(0)
    .max(2 ** 32 - 1),
});

export type CompareKey = { baseline: string; contenders: string[]; seed: number };

/**
 * The key useCompareQuery (components/hooks/queries/useCompareQuery.ts) gives these search
 * params: ComparePage puts the baseline first and drops it from the contenders. Null when there
 * is nothing to compare yet (the client does not fetch either).
 */
export function compareKeyFromSearch(
  search: Record<string, string | string[] | undefined>,
): CompareKey | null {
  const { baseline, contenders, seed } = loadCompareSearch(search);
  const ids = baseline ? [baseline, ...contenders.filter((c) => c !== baseline)] : contenders;
  const [first, ...rest] = ids;
  if (!first || rest.length === 0) return null;
  return { baseline: first, contenders: rest, seed };
}

/** The dehydrated comparison for `search`, or null when the client must fetch it itself. */
export async function prefetchComparison(
  search: Record<string, string | string[] | undefined>,
): Promise<DehydratedState | null> {
  const key = compareKeyFromSearch(search);
  if (!key || !compareArgs.safeParse(key).success) return null;

  const requestHeaders = await headers();
  // The same check as the route handler, on the navigation's own headers (cookie, authorization).
  // `await`: the data layer is becoming async (PostgreSQL); it works on plain values too.
  let allowed: Awaited<ReturnType<typeof readAccess>>;
  try {
    allowed = await readAccess(
      new Request('http://localhost/api/compare', { headers: requestHeaders }),
    );
  } catch {
    return null; // 401 READ_TOKEN_REQUIRED, or a bad share header: the client asks for the token
  }
  // The client's calls from /compare carry no share header: a scoped answer would not be the one
  // its query key stands for.
  if (allowed.share || allowed.allowedRuns) return null;

  // A page load (not a client navigation, which has its code already) of a comparison this
  // process has not prefetched lately: let the shell (loading.tsx, with the script tags) go out
  // before the comparison is read, so that the browser loads the code meanwhile. The read is
  // synchronous (better-sqlite3) and holds the event loop for 0.2–0.5 s on a 1,000-run store.
  if (!requestHeaders.has('rsc') && !recentlyPrefetched(key)) await yieldForShell();
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  // prefetchQuery never throws: a failed comparison is left out of the dehydrated state (only
  // successful queries are), and the client's fetch shows the API's error.
  await client.prefetchQuery({
    queryKey: ['compare', key],
    queryFn: async (): Promise<Comparison> => {
      const data = await getComparison({
        baseline: key.baseline,
        contenders: key.contenders,
        // The client leaves seed 1 out of its URL (the API's default).
        seed: key.seed === 1 ? undefined : key.seed,
      });
      // Exactly what the client would get from the API: through JSON (no NaN, no undefined,
      // and not the query cache's own object).
      return JSON.parse(JSON.stringify(data)) as Comparison;
    },
  });
  const state = dehydrate(client);
  return state.queries.length > 0 ? state : null;
}

/** Comparisons prefetched in the last minutes (their result is in getComparison's cache). */
const recent = new Map<string, number>();
function recentlyPrefetched(key: CompareKey): boolean {
  const id = JSON.stringify(key);
  const now = Date.now();
  const seen = recent.get(id);
  recent.delete(id);
  recent.set(id, now);
  if (recent.size > 64) recent.delete(recent.keys().next().value as string);
  return seen !== undefined && now - seen < 5 * 60_000;
}

/**
 * Yields to the render pipeline for at least 50 ms and until a turn of the event loop comes back
 * at once (nothing else to run), at most 250 ms. A heuristic: on a warm server the shell is
 * written after ~20 ms; a cold one (first render of the route) may need more than the cap.
 */
async function yieldForShell(): Promise<void> {
  const start = performance.now();
  for (;;) {
    const turn = performance.now();
    await new Promise((resolve) => setTimeout(resolve, 0));
    const now = performance.now();
    if (now - start >= 250 || (now - start >= 50 && now - turn < 4)) return;
  }
}
