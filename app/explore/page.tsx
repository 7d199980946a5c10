import type { Metadata } from 'next';
import { Suspense } from 'react';
import { ExplorePage, ExplorePageSkeleton } from '@/components/explore/ExplorePage';

export const metadata: Metadata = { title: 'Explore' };

export default function Page() {
  // ExplorePage reads its state from the URL (nuqs → useSearchParams), hence the Suspense boundary.
  return (
    <Suspense fallback={<ExplorePageSkeleton />}>
      <ExplorePage />
    </Suspense>
  );
}
