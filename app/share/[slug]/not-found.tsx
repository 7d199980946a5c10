import { ShareNotCovered } from '@/components/share/ShareNotCovered';

/** A page or run that this share link does not cover (the API answers 404 for those). */
export default function SharedNotFound() {
  return <ShareNotCovered />;
}
