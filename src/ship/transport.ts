// One output's connection: sends a batch of documents and resolves when the other side has taken it (the
// Redis reply, the file write, the socket write). Connecting and reconnecting are the transport's own
// business; the shipper (shipper.ts) retries a batch whose send failed.

import type { DocBatch } from './batch.js';

export interface Transport {
  /** The --output URL, for messages. */
  readonly url: string;
  /**
   * Resolves when `docs` (JSON documents, no newline) are taken; rejects when they may not have been (the
   * batch is then sent again). Documents the output can never take come back in `dropped`, one reason each.
   */
  send(docs: DocBatch | readonly string[]): Promise<SendResult | void>;
  close(): Promise<void>;
}

export interface SendResult {
  dropped: string[];
}
