import type { Config } from '../config.js';
import type { SmsSender } from '../use-cases/outbox-port.js';

/**
 * Officials' alerts for a function that seldom sends one: the escalator runs every five minutes and
 * most runs find nothing overdue and nothing unsent. The SNS client (its module and its
 * construction) is loaded with the first alert of a cold-started function, not at every cold start;
 * later alerts reuse it. The notifier, which alerts for every new case, builds it at init (aws-sns.ts).
 */
export function officialSenderOnFirstAlert(cfg: Pick<Config, 'region' | 'snsSenderId'>): SmsSender {
  let sender: Promise<SmsSender> | undefined;
  const load = () => import('./aws-sns.js').then(({ snsPorts }) => snsPorts({ ...cfg, eventsTopicArn: undefined }).official);
  return {
    async send(message) {
      // A failed load is not kept: the next alert tries again.
      sender ??= load().catch((error: unknown) => { sender = undefined; throw error; });
      return (await sender).send(message);
    },
  };
}
