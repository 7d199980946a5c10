import { RunPageSkeleton } from '@/components/run/RunPageSkeleton';

export default function Loading() {
  return <RunPageSkeleton />;
}
