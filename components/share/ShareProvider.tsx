'use client';

import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { type ReactNode, useEffect, useMemo, useRef, useState } from 'react';
import {
  ShareContext,
  type ShareContextValue,
  type ShareGoneState,
  shareHref,
} from '@/components/hooks/shareContext';
import { ApiError, request } from '@/components/hooks/useApi';
import { exportFileName } from '@/lib/csv';
import { downloadText } from './download';
import { ShareBanner } from './ShareBanner';
import { ShareGone } from './ShareGone';

function makeQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 60_000,
        refetchOnWindowFocus: false,
        retry: (failureCount, error) =>
          !(error instanceof ApiError && error.status >= 400 && error.status < 500) &&
          failureCount < 2,
      },
    },
  });
}

/**
 * The context of a shared view (/share/<slug>/…): every API call carries the slug, internal links
 * stay under /share/<slug>/, and a 404/410 from the server about the link replaces the view with
 * a page that says so. A QueryClient of its own keeps the dashboard's cached data (all runs) out
 * of the shared view and the other way round.
 */
export function ShareProvider({ slug, children }: { slug: string; children: ReactNode }) {
  const [gone, setGone] = useState<ShareGoneState | null>(null);
  const [client] = useState(makeQueryClient);
  const base = `/share/${slug}`;
  const value = useMemo<ShareContextValue>(
    () => ({ slug, base, reportGone: setGone }),
    [slug, base],
  );
  const rootRef = useRef<HTMLDivElement>(null);
  useShareLinks(rootRef, value);

  return (
    <ShareContext.Provider value={value}>
      <QueryClientProvider client={client}>
        <div ref={rootRef} className="space-y-5" data-share-slug={slug}>
          {gone ? (
            <ShareGone state={gone} />
          ) : (
            <>
              <ShareBanner />
              {children}
            </>
          )}
        </div>
      </QueryClientProvider>
    </ShareContext.Provider>
  );
}

/**
 * Keeps the links of the views (which do not know they are shared, e.g. the runs table) inside
 * the shared view: hrefs are rewritten under /share/<slug>/ in the DOM (for hover, new tabs and
 * copying), and clicks are routed there (next/link would push its own, unshared href). A link to
 * the API (the "JSON" links) cannot send the share header, so a click fetches and saves it.
 */
function useShareLinks(rootRef: React.RefObject<HTMLDivElement | null>, share: ShareContextValue) {
  const router = useRouter();
  useEffect(() => {
    const root = rootRef.current;
    if (!root) return;
    const { base } = share;

    const rewrite = () => {
      for (const a of root.querySelectorAll<HTMLAnchorElement>('a[href^="/"]')) {
        const href = a.getAttribute('href')!;
        const next = shareHref(base, href);
        if (next !== href) a.setAttribute('href', next);
      }
    };
    rewrite();
    const observer = new MutationObserver(rewrite);
    observer.observe(root, {
      subtree: true,
      childList: true,
      attributes: true,
      attributeFilter: ['href'],
    });

    const onClick = (e: MouseEvent) => {
      if (e.defaultPrevented || e.button !== 0) return;
      const a = (e.target as Element | null)?.closest?.('a[href]') as HTMLAnchorElement | null;
      if (!a || !root.contains(a) || a.hasAttribute('download')) return;
      const url = new URL(a.getAttribute('href')!, window.location.href);
      if (url.origin !== window.location.origin) return;
      const path = `${url.pathname}${url.search}${url.hash}`;
      if (path.startsWith('/api/')) {
        e.preventDefault();
        e.stopPropagation();
        request<unknown>('GET', path, undefined, { share })
          .then((data) =>
            downloadText(
              `${JSON.stringify(data, null, 2)}\n`,
              exportFileName([url.pathname.replace(/^\/api\//, '')], 'json'),
              'application/json',
            ),
          )
          .catch(() => undefined);
        return;
      }
      if (e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return; // new tab: the DOM href
      if (a.target && a.target !== '_self') return;
      const next = shareHref(base, path);
      // A page a share cannot show (upload) leaves the shared view as an ordinary link.
      const inside = next === base || ['/', '?', '#'].some((c) => next.startsWith(base + c));
      if (!inside) return;
      e.preventDefault();
      e.stopPropagation();
      router.push(next);
    };
    root.addEventListener('click', onClick, true);
    return () => {
      observer.disconnect();
      root.removeEventListener('click', onClick, true);
    };
  }, [rootRef, share, router]);
}
