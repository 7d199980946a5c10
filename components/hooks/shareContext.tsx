'use client';

import { createContext, useCallback, useContext } from 'react';

/**
 * The share link a view is shown through (/share/<slug>/…), set by app/share/[slug]/layout.tsx.
 * useApi reads it to send `x-edgeperf-share: <slug>` with every call, so the server answers
 * only for the runs the link covers; views read it to hide write actions and keep their links
 * under /share/<slug>/ (umami's ShareNav).
 */
export interface ShareContextValue {
  slug: string;
  /** `/share/<slug>`: the prefix of every page of the shared view. */
  base: string;
  /** Called by useApi when the server says the link is gone (410) or unknown (404). */
  reportGone: (state: ShareGoneState) => void;
}

/** Why a share link no longer opens: the server's 410 (expired, revoked) or 404 (unknown). */
export type ShareGoneState = 'expired' | 'revoked' | 'unknown';

export const SHARE_HEADER = 'x-edgeperf-share';

export const ShareContext = createContext<ShareContextValue | null>(null);

/** The share link of the current view, or null on the dashboard. */
export function useShare(): ShareContextValue | null {
  return useContext(ShareContext);
}

/** True inside a shared view: write actions (Share, Revoke, editing) are not shown. */
export function useReadOnly(): boolean {
  return useContext(ShareContext) !== null;
}

/** The page paths a shared view can show (app/share/[slug]/[[...path]]/page.tsx). */
const SHAREABLE = /^\/(?:$|\?|#|runs\/|compare(?:$|[?#])|explore(?:$|[?#])|coverage(?:$|[?#]))/;

/**
 * An app-internal href rewritten under `/share/<slug>` (query and hash kept); anything else as
 * is: external links, API URLs, hrefs already under the prefix, and pages a share cannot show
 * (upload), which stay on the dashboard.
 */
export function shareHref(base: string | null, href: string): string {
  if (!base || !href.startsWith('/') || href.startsWith('//')) return href;
  if (href === base || href.startsWith(`${base}/`) || href.startsWith(`${base}?`)) return href;
  if (!SHAREABLE.test(href)) return href;
  // The runs list is the share's root: /share/<slug>, /share/<slug>?q=… (no trailing slash).
  if (href === '/' || href.startsWith('/?') || href.startsWith('/#'))
    return `${base}${href.slice(1)}`;
  return `${base}${href}`;
}

/**
 * `href => href` on the dashboard; inside a shared view, hrefs move under /share/<slug>/ (umami's
 * ShareNav `renderUrl`). Use it for every internal Link a view renders.
 */
export function useShareHref(): (href: string) => string {
  const base = useContext(ShareContext)?.base ?? null;
  return useCallback((href: string) => shareHref(base, href), [base]);
}

/** A path inside a shared view back to the dashboard path it shows: `/share/x/runs/a` → `/runs/a`. */
export function unshareHref(base: string | null, href: string): string {
  if (!base || !href.startsWith(base)) return href;
  const rest = href.slice(base.length);
  return rest === '' || rest.startsWith('?') ? `/${rest}` : rest;
}
