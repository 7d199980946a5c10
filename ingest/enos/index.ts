// EnOS experiment files: reservation, Kolla inventory, `enos tc --test` fping results, ombt.
export { EnosContentError, type ParseResult } from './common';
export { baseName, detectEnosMember, type EnosParserId } from './detect';
export {
  detectFping,
  type FpingOptions,
  type FpingOutput,
  type FpingSummary,
  type FpingTarget,
  fpingSourceHost,
  parseFping,
  rttBySitePair,
  type SiteRtt,
} from './fping';
export {
  DEFAULT_PLACEMENT_SERVICES,
  type Inventory,
  type InventoryGroup,
  type InventoryHost,
  type InventoryOptions,
  parseInventory,
  type ServicePlacement,
} from './inventory';
export {
  detectOmbt,
  type OmbtAgentResult,
  type OmbtLatency,
  type OmbtOptions,
  type OmbtResult,
  type OmbtSide,
  parseOmbt,
} from './ombt';
export {
  expandGroups,
  type LatencyLink,
  parseReservation,
  type Reservation,
  type ReservationLayout,
  type ReservationOptions,
  type ReservationSite,
} from './reservation';
export { lossToPct, tcRateToMbit, tcTimeToMs } from './units';
