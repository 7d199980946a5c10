// Which parser a member goes to: name patterns first, then magic bytes, then JSON shape
// (speedscope src/import/index.ts). Returns the parser id or why the member is skipped.
import { detectEnosMember, type EnosParserId } from '@/ingest/enos';
import { detectCapture } from '@/ingest/pcap';
import { detectRally } from '@/ingest/rally/detect';
import type { Member } from './members';

export type ParserId =
  | 'rally-old-json'
  | 'rally-v2-json'
  | 'rally-html'
  | 'pcap'
  | 'pcapng'
  | EnosParserId;

export type Detection = { parser: ParserId } | { parser: null; reason: string };

export function detectMember(member: Member): Detection {
  if (member.size === 0) return { parser: null, reason: 'empty file' };
  const head = member.head;
  const capture = detectCapture(head);
  if (capture === 'pcap' || capture === 'pcapng') return { parser: capture };
  const rally = detectRally(head);
  if (rally === 'rally-old-json' || rally === 'rally-v2-json' || rally === 'rally-html')
    return { parser: rally };
  const enos = detectEnosMember(member.path, head);
  if (enos) return { parser: enos };
  return { parser: null, reason: 'not a recognised result file' };
}
