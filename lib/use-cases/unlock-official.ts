import { officialEvent, type OfficialEvent } from '../domain/official-event.js';
import { normalisePhone } from '../domain/phone.js';
import { officialTexts } from '../messages/official.js';
import type { UnlockCommand } from '../officials/commands.js';
import { MAX_FAILED_PINS } from '../officials/directory.js';
import { verifyPin } from '../officials/pin.js';
import type { Official, OutboundMessage } from '../ports.js';
import type { Deps } from './deps.js';
import type { InboundSms } from './handle-inbound-sms.js';

/** Same budgets as the other officials' commands (lib/use-cases/handle-official-sms.ts). */
const COMMANDS_PER_HOUR_PER_PHONE = 60;
const PIN_CHECKS_PER_HOUR = 60;

export type UnlockDeps = Pick<Deps, 'cases' | 'directory' | 'reporters' | 'clock'>;

export type UnlockOutcome =
  | { kind: 'unlocked'; officialId: string; by: string }
  | { kind: 'not_locked'; officialId: string; by: string }
  | { kind: 'refused'; reason: 'inactive' | 'locked' | 'too_many_attempts' | 'wrong_pin' | 'unknown_official' | 'not_above' }
  | { kind: 'not_official' }
  | { kind: 'duplicate' }
  | { kind: 'rate_limited' };

/**
 * Who hears that an official was locked and may unlock them: the level directly above (the province
 * desk for a regency office, BP3MI for the province desk); for the top level, its peers.
 */
export function deskAbove(official: Official, directory: Official[]): Official[] {
  const usable = directory.filter((o) => o.active && !o.locked && o.id !== official.id);
  const higher = usable.filter((o) => o.level > official.level);
  if (higher.length > 0) {
    const nearest = Math.min(...higher.map((o) => o.level));
    return higher.filter((o) => o.level === nearest);
  }
  return usable.filter((o) => o.level === official.level);
}

/**
 * A lock must not be silent (issue 12, finding 5): anyone who can send or spoof an official's number
 * can cause one. The official and the desk above are told in neutral words, without any PIN, and the
 * lock is recorded on the official's own trail. `onceKey` (the SMS that locked) makes this once per lock.
 */
export async function announceLock(deps: Pick<Deps, 'directory' | 'clock'>, official: Official, onceKey: string): Promise<void> {
  const at = deps.clock.now().toISOString();
  const desk = deskAbove(official, await deps.directory.listOfficials());
  const message = (to: Official, purpose: string, text: string): OutboundMessage => ({
    id: `${onceKey}.${to.id}`, audience: 'official', to: to.phone, officialId: to.id, level: to.level, purpose, text,
    status: 'pending', attempts: 0, createdAt: at,
  });
  await deps.directory.recordForOfficial(official.id, {
    onceKey,
    events: [officialEvent('official_locked', at, 'system', { failedPins: MAX_FAILED_PINS, told: desk.map((o) => o.id).join(',') })],
    messages: [
      message(official, 'official_locked', officialTexts.lockedSelf()),
      ...desk.map((o) => message(o, 'official_locked', officialTexts.lockedDesk(official))),
    ],
  });
}

/**
 * BUKA <official id or phone> <PIN>: an official of a higher level restores a locked official's
 * access from their own phone with their own PIN. The sender is checked exactly like any command
 * (a wrong PIN counts against the sender's own lock); the unlock, its audit event and both SMS are
 * one transaction keyed on the gateway id, so a redelivery changes nothing.
 */
export async function unlockOfficial(
  deps: UnlockDeps,
  sms: InboundSms,
  command: UnlockCommand,
): Promise<UnlockOutcome> {
  const { directory, reporters } = deps;
  const now = deps.clock.now();
  const at = now.toISOString();
  const onceKey = `cmd.${sms.id}`;

  if ((await reporters.countHit('official-cmd', sms.from, 3600, now)) > COMMANDS_PER_HOUR_PER_PHONE) return { kind: 'rate_limited' };
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
    const messages = [reply('refused', officialTexts.refused())];
    const first = target
      ? await directory.recordForOfficial(target.id, { onceKey, events, messages })
      : await deps.cases.recordOnce(undefined, { onceKey, messages });
    return { first, outcome: first ? { kind: 'refused', reason } : { kind: 'duplicate' } };
  };

  if (!sender.active) return (await refuse('inactive')).outcome;
  if (sender.locked) return (await refuse('locked')).outcome;
  if ((await reporters.countHit('pin', sender.id, 3600, now)) > PIN_CHECKS_PER_HOUR) return (await refuse('too_many_attempts')).outcome;
  // As for every command (handle-official-sms.ts): the check is reserved as a wrong one before the
  // PIN is verified, so concurrent guesses cannot pass MAX_FAILED_PINS.
  const check = await directory.reservePinCheck(sender.id, MAX_FAILED_PINS);
  if (!check.reserved) return (await refuse('locked')).outcome;
  if (!(await verifyPin(command.pin, sender.pinHash))) {
    const refused = await refuse('wrong_pin');
    if (!refused.first) await directory.releasePinCheck(sender.id);
    else if (check.failedPins >= MAX_FAILED_PINS) {
      await directory.lockOfficial(sender.id);
      await announceLock(deps, { ...sender, locked: true }, `locked.${sms.id}`);
    }
    return refused.outcome;
  }
  await directory.clearPinFailures(sender.id);
  if (!target) return (await refuse('unknown_official')).outcome;
  if (sender.level <= target.level) return (await refuse('not_above')).outcome;

  if (!target.locked) {
    const first = await directory.recordForOfficial(target.id, {
      onceKey,
      events: [officialEvent('unlock_not_needed', at, `official:${sender.id}`, { by: sender.id })],
      messages: [reply('unlock_not_needed', officialTexts.notLocked(target.id))],
    });
    return first ? { kind: 'not_locked', officialId: target.id, by: sender.id } : { kind: 'duplicate' };
  }
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
  });
  return done ? { kind: 'unlocked', officialId: target.id, by: sender.id } : { kind: 'duplicate' };
}
