'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { LogoMark } from './LogoMark';

const NAV = [
  { href: '/', label: 'Runs', match: (p: string) => p === '/' || p.startsWith('/runs') },
  { href: '/compare', label: 'Compare', match: (p: string) => p.startsWith('/compare') },
  { href: '/explore', label: 'Explore', match: (p: string) => p.startsWith('/explore') },
  { href: '/upload', label: 'Upload', match: (p: string) => p.startsWith('/upload') },
];

export function AppHeader() {
  const pathname = usePathname() ?? '/';
  return (
    <header className="no-print sticky top-0 z-30 border-b border-border bg-surface/90 backdrop-blur supports-[backdrop-filter]:bg-surface/75">
      <div className="mx-auto flex h-14 w-full max-w-[1440px] items-center gap-3 px-4 sm:gap-6 sm:px-6">
        <Link
          href="/"
          className="flex shrink-0 items-center gap-2 rounded-md"
          aria-label="edgeperf home"
        >
          <LogoMark />
          <span className="hidden text-[15px] font-semibold tracking-tight min-[420px]:inline">
            edgeperf
          </span>
        </Link>
        <nav aria-label="Main" className="-mx-1 flex min-w-0 items-center gap-0.5 overflow-x-auto">
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
        <div className="ml-auto hidden text-xs text-faint md:block">
          OpenStack · Rally · captures
        </div>
      </div>
    </header>
  );
}
