// Where route handlers get their static views. Route handlers are server code and may not
// import components/ (scripts/checkImports.mjs); app/ composes views for them, as it does for
// pages. server/render turns these elements into SVG, PNG and HTML.
import { ShareImage } from '@/components/static/ShareImage';
import type { ShareImageData } from '@/components/static/shareImageData';
import { CompareReport, type CompareReportProps } from '@/components/static/CompareReport';

/** The 1200 × 630 picture of a share link, light theme (a PNG has no CSS). */
export function shareImageElement(data: ShareImageData) {
  return <ShareImage data={data} />;
}

/** The offline HTML report of a comparison (a whole document, from <html> down). */
export function compareReportElement(props: CompareReportProps) {
  return <CompareReport {...props} />;
}
