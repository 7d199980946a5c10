import fs from 'node:fs';
import path from 'node:path';
import type { Metadata } from 'next';
import Link from 'next/link';
import { MarkdownDoc } from '@/components/compare/MarkdownDoc';
import { Panel } from '@/components/ui/Panel';

export const metadata: Metadata = { title: 'Statistics of the compare page' };
// Read once at build time: the method documented in the repository is the one the build runs.
export const dynamic = 'force-static';

export default function Page() {
  const source = fs.readFileSync(path.join(process.cwd(), 'docs', 'statistics.md'), 'utf8');
  return (
    <div className="mx-auto max-w-3xl space-y-4">
      <Link
        href="/compare"
        className="no-print text-[13px] font-medium text-accent hover:underline"
      >
        ← Compare
      </Link>
      <Panel bodyClassName="p-5 sm:p-7">
        <MarkdownDoc source={source} />
        <p className="mt-6 border-t border-border pt-3 text-[12px] text-faint">
          Source: <span className="font-mono">docs/statistics.md</span> in the edgeperf repository.
        </p>
      </Panel>
    </div>
  );
}
