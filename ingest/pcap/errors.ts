// Errors of the capture readers (STYLE.md "Ingest", tier 2: fatal structure). Recoverable damage
// (a truncated last packet, a corrupt block after good ones) is a ParseWarning instead.
import { IngestError } from '../core/errors';

/** Fatal structure error in a pcap/pcapng file: the reader cannot go on. */
export class PcapContentError extends IngestError {
  override name = 'PcapContentError';
  constructor(message: string, at: string | null = null) {
    super('PCAP_FORMAT', message, at);
  }
}
