import { officialEvent, type OfficialEvent } from '../domain/official-event.js';
import { normalisePhone } from '../domain/phone.js';
import { officialTexts } from '../messages/official.js';
import { checkPin, consoleLocked, type PinRefusal } from '../officials/check-pin.js';
import type { UnlockCommand } from '../officials/commands.js';
import type { OutboundMessage } from '../domain/message.js';
import type { Deps } from './deps.js';
import type { InboundSms } from './handle-inbound-sms.js';

/** Same budget as the other officials' commands (lib/use-cases/handle-official-sms.ts). */
const COMMANDS_PER_HOUR_PER_PHONE = 60;

export type UnlockDeps = Pick<Deps, 'cases' | 'directory' | 'counters' | 'clock'>;

export type UnlockOutcome =
  | { kind: 'unlocked'; officialId: string; by: string }
  | { kind: 'not_locked'; officialId: string; by: string }
  | { kind: 'refused'; reason: 'inactive' | 'locked' | 'too_many_attempts' | 'wrong_pin' | 'unknown_official' | 'not_above' }
  | { kind: 'not_official' }
  | { kind: 'duplicate' }
  | { kind: 'rate_limited' };

/**
 * BUKA <official id or phone> <PIN>: an official of a higher level restores a locked official's
 * access from their own phone with their own PIN. The sender is checked exactly like any command
 * (a wrong PIN counts against the sender's own lock); the unlock (of an SMS lock or a console
 * sign-in pause), its audit event and both SMS are one transaction keyed on the gateway id, so a
 * redelivery changes nothing.
 */
export async function unlockOfficial(
  deps: UnlockDeps,
  sms: InboundSms,
  command: UnlockCommand,
): Promise<UnlockOutcome> {
  const { directory, counters } = deps;
  const now = deps.clock.now();
  const at = now.toISOString();
  const onceKey = `cmd.${sms.id}`;

  if ((await counters.countHit('official-cmd', sms.from, 3600, now)) > COMMANDS_PER_HOUR_PER_PHONE) return { kind: 'rate_limited' };
  const sender = await directory.getOfficialByPhone(sms.from);
  // Not an official: the words go to the reporter's side, like any other command-shaped text.
  if (!sender) return { kind: 'not_official' };

  const officials = await directory.listOfficials();
  const wanted = normalisePhone(command.target);
  const target = officials.find((o) => o.id === command.target || (wanted !== undefined && o.phone === wanted));
  const reply = (purpose: string, text: string): OutboundMessage => ({
    id: `official-reply.${sms.id}`, audience: 'official', to: sms.from, officialId: sender.id, purpose, text,
    status: 'pending', attempts: 0, createdAt: at,
  });
  const refuse = async (reason: Extract<UnlockOutcome, { kind: 'refused' }>['reason']): Promise<{ first: boolean; outcome: UnlockOutcome }> => {
    const events: OfficialEvent[] = [officialEvent('unlock_refused', at, `official:${sender.id}`, { reason })];
    // Past the PIN check the sender is an official: a BUKA from too low a level is told who can unlock.
    const messages = [reply('refused', reason === 'not_above' && target ? officialTexts.notAbove(target) : officialTexts.refused('BUKA'))];
    const first = target
      ? await directory.recordForOfficial(target.id, { onceKey, events, messages })
      : await deps.cases.recordOnce(undefined, { onceKey, messages });
    return { first, outcome: first ? { kind: 'refused', reason } : { kind: 'duplicate' } };
  };

  // The sender is checked by the one PIN check (lib/officials/check-pin.ts), as for any command: a
  // wrong PIN counts against the sender's own lock, and the guess that locks it is announced.
  // (BUKA always carries a PIN and comes from a registered number: 'no_pin' and 'unknown' cannot occur.)
  const asRefusal = (reason: PinRefusal) => (reason === 'unknown' || reason === 'no_pin' ? 'wrong_pin' : reason);
  const pin = await checkPin(deps, sender, {
    door: 'sms', pin: command.pin, attemptId: sms.id,
    recordRefusal: async (reason) => (await refuse(asRefusal(reason))).first,
  });
  if (!pin.ok) return pin.first ? { kind: 'refused', reason: asRefusal(pin.reason) } : { kind: 'duplicate' };
  if (!target) return (await refuse('unknown_official')).outcome;
  if (sender.level <= target.level) return (await refuse('not_above')).outcome;

  if (!target.locked && !consoleLocked(target, now)) {
    const first = await directory.recordForOfficial(target.id, {
      onceKey,
      events: [officialEvent('unlock_not_needed', at, `official:${sender.id}`, { by: sender.id })],
      messages: [reply('unlock_not_needed', officialTexts.notLocked(target.id))],
    });
    return first ? { kind: 'not_locked', officialId: target.id, by: sender.id } : { kind: 'duplicate' };
  }
  // One BUKA opens both doors: the SMS lock and a console sign-in pause.
  const done = await directory.unlockOfficial(target.id, {
    onceKey,
    events: [officialEvent('official_unlocked', at, `official:${sender.id}`, { by: sender.id, failedPins: target.failedPins })],
    messages: [
      reply('official_unlocked', officialTexts.unlockedReply(target.id)),
      {
        id: `unlocked.${sms.id}`, audience: 'official', to: target.phone, officialId: target.id, level: target.level,
        purpose: 'official_unlocked', text: officialTexts.unlockedSelf(sender.id), status: 'pending', attempts: 0, createdAt: at,
      },
    ],
  }, now);
  return done ? { kind: 'unlocked', officialId: target.id, by: sender.id } : { kind: 'duplicate' };
}
