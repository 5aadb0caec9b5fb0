import { countryOfPhone } from '../domain/regions.js';
import type { Language } from '../domain/categories.js';
import { RateLimitedError } from '../domain/errors.js';
import { parseSms } from '../sms/grammar.js';
import { formatLocalTime, reporterTexts } from '../messages/reporter.js';
import type { OutboundMessage } from '../ports.js';
import { fileReport } from './file-report.js';
import { checkStatus } from './check-status.js';
import type { Deps } from './deps.js';

export interface InboundSms {
  /** Gateway message id: AT retries deliver the same id, and everything below is keyed on it. */
  id: string;
  from: string;
  text: string;
  receivedAt: string;
}

export type InboundOutcome =
  | { kind: 'case_filed'; reference: string; created: boolean }
  | { kind: 'status_answered'; found: boolean }
  | { kind: 'help_sent' }
  | { kind: 'rate_limited' };

/**
 * One inbound SMS from a reporter. Replies are queued in the outbox with an id derived from the
 * gateway's message id, so a redelivered SMS queues nothing new; the stream sends them.
 */
export async function handleInboundSms(deps: Pick<Deps, 'store' | 'clock' | 'policy'>, sms: InboundSms): Promise<InboundOutcome> {
  const now = deps.clock.now();
  const prefs = await deps.store.getPrefs(sms.from);
  const command = parseSms(sms.text);
  const language: Language = prefs.language ?? ('language' in command && command.language ? command.language : 'id');

  const reply = async (purpose: string, text: string) => {
    const message: OutboundMessage = {
      id: `reply.${sms.id}`, audience: 'reporter', to: sms.from, purpose, text,
      status: 'pending', attempts: 0, createdAt: now.toISOString(),
    };
    if (!prefs.smsStopped) await deps.store.recordOnce(undefined, { messages: [message] });
  };

  switch (command.kind) {
    case 'report': {
      const filed = await fileReport(deps, {
        channel: 'sms', intakeKey: sms.id, reporterType: 'worker', contact: sms.from,
        description: command.text, country: countryOfPhone(sms.from), language,
      });
      return { kind: 'case_filed', reference: filed.case.reference, created: filed.created };
    }
    case 'status': {
      try {
        const answer = command.reference
          ? await checkStatus(deps, { phone: sms.from, reference: command.reference })
          : { found: false as const };
        await reply('status', answer.found
          ? reporterTexts.status(language, { reference: answer.case.reference, status: answer.case.status, updated: formatLocalTime(answer.lastUpdate) })
          : reporterTexts.unknownReference(language));
        return { kind: 'status_answered', found: answer.found };
      } catch (error) {
        if (!(error instanceof RateLimitedError)) throw error;
        return { kind: 'rate_limited' };
      }
    }
    case 'unknown':
      await reply('help', reporterTexts.help(language));
      return { kind: 'help_sent' };
  }
}
