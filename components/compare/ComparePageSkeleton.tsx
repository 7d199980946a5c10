import { Panel } from '@/components/ui/Panel';
import { ChartSkeleton, Skeleton, TableSkeleton } from '@/components/ui/Skeleton';

export function ComparePageSkeleton() {
  return (
    <div className="space-y-5" role="status" aria-label="Loading the comparison">
      <div className="space-y-2">
        <Skeleton className="h-6 w-32" />
        <Skeleton className="h-4 w-[28rem] max-w-full" />
      </div>
      <Panel bodyClassName="p-4">
        <div className="flex gap-2">
          <Skeleton className="h-7 w-40" />
          <Skeleton className="h-7 w-40" />
          <Skeleton className="h-7 w-40" />
        </div>
      </Panel>
      <Panel bodyClassName="p-4">
        <TableSkeleton rows={6} cols={9} />
      </Panel>
      <Panel bodyClassName="p-4">
        <ChartSkeleton height={260} />
      </Panel>
    </div>
  );
}
