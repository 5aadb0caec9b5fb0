import type { ScheduledEvent } from 'aws-lambda';
import middy from '@middy/core';
import { retryPendingMessages } from '../lib/use-cases/retry-pending-messages.js';
import { logger } from '../lib/logger.js';
import { runtime } from '../lib/wiring.js';

/** Every 5 minutes (EventBridge; locally on an interval): re-send stranded outbox messages. */
export const handler = middy<ScheduledEvent | Record<string, never>, unknown>().handler(async () => {
  const retried = await retryPendingMessages(runtime.deps);
  if (retried.sent + retried.failed + retried.stillPending > 0) logger.info('scheduled run', { retried });
  return { retried };
});
