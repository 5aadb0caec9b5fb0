import { handleInboundSms, type InboundSms, type InboundSmsDeps } from './handle-inbound-sms.js';
import { handleOfficialSms, type OfficialSmsDeps } from './handle-official-sms.js';
import { parseOfficialRequest, parseUnlockCommand } from '../officials/commands.js';
import { unlockOfficial, type UnlockDeps } from './unlock-official.js';
import { logger } from '../logger.js';

export type ReceiveTextDeps = InboundSmsDeps & OfficialSmsDeps & UnlockDeps;

/**
 * One text from a phone, whatever carried it (an SMS through Africa's Talking, a WhatsApp message):
 * official commands (a keyword followed by a reference, or BUKA) go to the officials' use cases when
 * they come from a registered official's number; everything else, command-shaped or not, is a
 * reporter's message. Every effect is keyed on the message's gateway id, so a redelivery is harmless.
 */
export async function receiveText(deps: ReceiveTextDeps, inbound: InboundSms): Promise<void> {
  const unlock = parseUnlockCommand(inbound.text);
  const unlocked = unlock ? await unlockOfficial(deps, inbound, unlock) : undefined;
  if (unlocked && unlocked.kind !== 'not_official') {
    logger.info('official unlock handled', {
      outcome: unlocked.kind, ...('reason' in unlocked ? { reason: unlocked.reason } : {}),
      ...('officialId' in unlocked ? { officialId: unlocked.officialId, by: unlocked.by } : {}),
    });
    return;
  }
  const command = parseOfficialRequest(inbound.text);
  const outcome = command ? await handleOfficialSms(deps, inbound, command) : undefined;
  if (command && outcome && outcome.kind !== 'not_official') {
    logger.info('official command handled', {
      command: command.keyword, outcome: outcome.kind,
      ...('reason' in outcome ? { reason: outcome.reason } : {}),
      ...('reference' in outcome ? { reference: outcome.reference, officialId: outcome.officialId } : {}),
    });
    return;
  }
  const handled = await handleInboundSms(deps, inbound);
  logger.info('inbound text handled', {
    channel: inbound.channel ?? 'sms', outcome: handled.kind,
    ...('reference' in handled ? { reference: handled.reference, created: handled.created } : {}),
  });
}
