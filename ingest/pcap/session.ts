// What an application decoder sees of its connection.

/** Kinds of application units, for the per-service series and the site matrix. */
export const MESSAGE = 1;
export const QUERY = 2;

export interface Emitter {
  /** One application unit (an AMQP message, a MySQL or Redis command) at time t. */
  emit(fromClient: boolean, t: number, kind: number): void;
}

export interface AppSession {
  data(fromClient: boolean, b: Uint8Array, off: number, end: number, t: number): void;
  gap(fromClient: boolean, n: number): void;
  /** The connection ended (FIN/RST or end of capture): release buffers. */
  close(): void;
}
