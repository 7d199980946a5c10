import { HydrationBoundary } from '@tanstack/react-query';
import type { Metadata } from 'next';
import { Suspense } from 'react';
import { ComparePage } from '@/components/compare/ComparePage';
import { ComparePageSkeleton } from '@/components/compare/ComparePageSkeleton';
import { prefetchComparison } from './_data';

export const metadata: Metadata = { title: 'Compare' };

/**
 * Rendered per request (it reads the search params and the request's cookie): the comparison is
 * read on the server and handed to TanStack Query (issue 5), so the first HTML carries the data
 * and the first chart (as static SVG until Recharts takes over, components/compare/
 * DistributionPanel.tsx), with no round trip to /api/compare. When the request may
 * not read, nothing is prefetched and the client fetches (and asks for the token) as before.
 */
export default async function Page({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const state = await prefetchComparison(await searchParams);
  return (
    <HydrationBoundary state={state}>
      {/* ComparePage reads its state from the URL (nuqs → useSearchParams). */}
      <Suspense fallback={<ComparePageSkeleton />}>
        <ComparePage />
      </Suspense>
    </HydrationBoundary>
  );
}
