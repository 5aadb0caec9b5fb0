import type { Context, ScheduledEvent } from 'aws-lambda';
import middy from '@middy/core';
import { escalateOverdueCases, type EscalationDeps } from '../use-cases/escalate-overdue-cases.js';
import { retryPendingMessages } from '../use-cases/retry-pending-messages.js';
import { forgetExpiredCases, type RetentionDeps } from '../use-cases/forget-expired-cases.js';
import { injectLambdaContext, logger } from '../logger.js';
import { fallBackUndeliveredWhatsApp } from '../whatsapp/delivery-fallback.js';

export interface EscalatorRuntime {
  deps: EscalationDeps & Parameters<typeof retryPendingMessages>[0] & RetentionDeps;
}

/** What the re-send sweep leaves of the function's timeout: one slow send with backoff, and some. */
const SWEEP_RESERVE_MS = 30_000;

/**
 * Every 5 minutes (EventBridge; locally on an interval): SLA reminders and escalation of cases
 * nobody acted on, then re-sending stranded outbox messages. The escalation runs first so its new
 * alerts are not counted as stranded; a failure in one job does not skip the other. The retention
 * job (forget-expired-cases.ts) destroys one bounded batch of expired cases' personal data per run.
 */
export function createEscalatorHandler(runtime: EscalatorRuntime) {
  return middy<ScheduledEvent | Record<string, never>, unknown>()
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .handler(async (_event, context: Context) => {
      const hasTimeLeft = () => context.getRemainingTimeInMillis() > SWEEP_RESERVE_MS;
      const [escalation, retry, retention, whatsapp] = await Promise.allSettled([
        escalateOverdueCases(runtime.deps), retryPendingMessages(runtime.deps, { hasTimeLeft }), forgetExpiredCases(runtime.deps),
        // Officials' WhatsApp alerts not delivered in time go by SMS (their deadlines are the escalation's, unchanged).
        fallBackUndeliveredWhatsApp(runtime.deps),
      ]);
      const sla = escalation.status === 'fulfilled' ? escalation.value : undefined;
      const retried = retry.status === 'fulfilled' ? retry.value : undefined;
      if (sla && (sla.reminded + sla.escalated + sla.breached + sla.failed.length > 0)) {
        logger.info('sla run', { reminded: sla.reminded, escalated: sla.escalated, breached: sla.breached, failedCases: sla.failed });
      }
      if (retried && retried.sent + retried.failed + retried.stillPending > 0) logger.info('scheduled run', { retried });
      const forgotten = retention.status === 'fulfilled' ? retention.value : undefined;
      if (forgotten && forgotten.erased + forgotten.failed.length > 0) logger.info('retention run', { erased: forgotten.erased, failedCases: forgotten.failed });
      const fallback = whatsapp.status === 'fulfilled' ? whatsapp.value : undefined;
      if (fallback && fallback.sentBySms + fallback.alreadyCopied > 0) logger.info('whatsapp delivery fallback run', { ...fallback });
      for (const [job, outcome] of [['escalation', escalation], ['retry', retry], ['retention', retention], ['whatsapp-fallback', whatsapp]] as const) {
        if (outcome.status === 'rejected') logger.error('scheduled job failed', { job, errorName: (outcome.reason as Error)?.name });
      }
      if (escalation.status === 'rejected') throw escalation.reason;
      if (retry.status === 'rejected') throw retry.reason;
      if (retention.status === 'rejected') throw retention.reason;
      if (whatsapp.status === 'rejected') throw whatsapp.reason;
      return { sla, retried, retention: forgotten, whatsappFallback: fallback };
    });
}
