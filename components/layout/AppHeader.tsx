'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { Suspense } from 'react';
import { ReadTokenPrompt } from '@/components/share/ReadTokenPrompt';
import { ReportButton } from '@/components/share/ReportButton';
import { ShareButton } from '@/components/share/ShareButton';
import { LogoMark } from './LogoMark';

const NAV = [
  { href: '/', label: 'Runs', match: (p: string) => p === '/' || p.startsWith('/runs') },
  { href: '/compare', label: 'Compare', match: (p: string) => p.startsWith('/compare') },
  { href: '/explore', label: 'Explore', match: (p: string) => p.startsWith('/explore') },
  { href: '/coverage', label: 'Coverage', match: (p: string) => p.startsWith('/coverage') },
  { href: '/upload', label: 'Upload', match: (p: string) => p.startsWith('/upload') },
];

/** Views a share link can save (server/store/shares.ts VIEW): the runs list, a run, compare, explore, coverage. */
const SHAREABLE = /^\/(?:runs\/run_[0-9A-Za-z]+|compare|explore|coverage)?$/;

export function AppHeader() {
  const pathname = usePathname() ?? '/';
  // Inside a shared view (/share/<slug>/…) the reader gets no navigation to the rest of the
  // dashboard (the link opens nothing else) and no Share button: only what was shared.
  const shared = pathname.match(/^\/share\/([^/]+)/);
  const home = shared ? `/share/${shared[1]}` : '/';
  // The compare view (on the dashboard or through a link) also offers its offline report.
  const comparing = /^(?:\/share\/[^/]+)?\/compare$/.test(pathname);
  return (
    <>
      <ReadTokenPrompt />
      <header className="no-print sticky top-0 z-30 border-b border-border bg-surface/90 backdrop-blur supports-[backdrop-filter]:bg-surface/75">
        <div className="mx-auto flex h-14 w-full max-w-[1440px] items-center gap-3 px-4 sm:gap-6 sm:px-6">
          <Link
            href={home}
            className="flex shrink-0 items-center gap-2 rounded-md"
            aria-label={shared ? 'Shared view home' : 'edgeperf home'}
          >
            <LogoMark />
            <span className="hidden text-[15px] font-semibold tracking-tight min-[420px]:inline">
              edgeperf
            </span>
          </Link>
          {shared ? (
            <span
              className="inline-flex items-center gap-1.5 rounded-full border border-accent/25 bg-accent-soft px-2.5 py-0.5 text-xs font-medium text-accent"
              data-testid="shared-badge"
            >
              Shared view · read-only
            </span>
          ) : (
            <nav
              aria-label="Main"
              className="-mx-1 flex min-w-0 items-center gap-0.5 overflow-x-auto"
            >
              {NAV.map((item) => {
                const active = item.match(pathname);
                return (
                  <Link
                    key={item.href}
                    href={item.href}
                    // The other sections are built by later issues; no prefetch of pages that may 404.
                    prefetch={false}
                    aria-current={active ? 'page' : undefined}
                    className={`whitespace-nowrap rounded-md px-2 py-1.5 text-[13px] font-medium transition-colors sm:px-3 ${
                      active
                        ? 'bg-accent-soft text-accent'
                        : 'text-muted hover:bg-surface-2 hover:text-fg'
                    }`}
                  >
                    {item.label}
                  </Link>
                );
              })}
            </nav>
          )}
          <div className="ml-auto flex shrink-0 items-center gap-3">
            <span className="hidden text-xs text-faint lg:block">OpenStack · Rally · captures</span>
            {comparing && (
              <Suspense fallback={null}>
                <ReportButton shareSlug={shared?.[1] ?? null} />
              </Suspense>
            )}
            {!shared && SHAREABLE.test(pathname) && <ShareButton />}
          </div>
        </div>
      </header>
    </>
  );
}
