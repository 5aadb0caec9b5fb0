import { officialEvent } from '../domain/official-event.js';
import { officialTexts } from '../messages/official.js';
import type { Clock } from '../clock.js';
import type { OutboundMessage } from '../domain/message.js';
import type { Official, PinDoor } from '../domain/official.js';
import type { Directory } from './port.js';
import type { RateCounter } from '../rate-counter.js';
import { MAX_FAILED_PINS } from './directory.js';
import { DECOY_PIN_HASH, verifyPin } from './pin.js';

/**
 * The one PIN check of the hotline (issue 18): SMS commands, BUKA and the console's sign-in all come
 * here, so a lock is counted, decided and announced the same way whichever door it came through.
 *
 * It lives with the official, not with the case: the PIN, its wrong-PIN counts and the lock are the
 * official's (the Directory aggregate, beside `pin.ts` and `MAX_FAILED_PINS`), and two of its three
 * callers (console sign-in, BUKA) touch no case at all.
 *
 * Two doors, two counts (issue 19, finding 1). By SMS a guesser must send from (or spoof) the
 * official's own number, and five wrong PINs lock the commands until the level above sends BUKA. The
 * sign-in page is open to anyone who knows a work number, so its wrong PINs only pause PIN sign-in
 * (15 minutes, then 4 times longer each lock in a row, at most 30 days; BUKA lifts it at once) and
 * never the SMS commands: a stranger cannot take an official, or a whole ladder, off escalation.
 */
export type PinCheckDeps = { directory: Directory; counters: Pick<RateCounter, 'countHit'>; clock: Clock };

export type PinRefusal = 'unknown' | 'inactive' | 'locked' | 'no_pin' | 'too_many_attempts' | 'wrong_pin';

export type PinCheck =
  | { ok: true }
  /**
   * `first`: false when the door had recorded this attempt before (a gateway redelivery): then
   * nothing was counted and nothing locked. `locked`: this wrong PIN was the one that locked.
   */
  | { ok: false; reason: PinRefusal; first: boolean; locked: boolean };

export interface PinAttempt {
  door: PinDoor;
  pin: string | undefined;
  /** Unique per attempt (the SMS gateway id, the console challenge): the lock notice is once per attempt. */
  attemptId: string;
  /**
   * Records the refusal where the door keeps it (the case timeline, the reply SMS), once per
   * attempt; false when this attempt was recorded before. The console records nothing here: every
   * refusal looks like success to the caller.
   */
  recordRefusal?: (reason: PinRefusal, detail: { locked?: true }) => Promise<boolean>;
}

/**
 * PIN checks per hour per official by SMS, counted before the check: with a right PIN clearing the
 * count, this bounds guessing over an hour (the lock bounds wrong PINs in a row). The console door
 * counts per phone number and per source address before it knows whether the number is registered.
 */
export const SMS_PIN_CHECKS_PER_HOUR = 60;
/** No official has this id (ids are lowercase letters, digits and dashes): the decoy's conditional write finds no item. */
export const NOBODY = '~nobody';
/** The console's first pause after five wrong PINs, each next one in a row 4 times longer, at most 30 days. */
export const CONSOLE_LOCK_FIRST_MINUTES = 15;
export const CONSOLE_LOCK_MAX_MINUTES = 30 * 24 * 60;

export function consoleLockMinutes(locksBefore: number): number {
  return Math.min(CONSOLE_LOCK_FIRST_MINUTES * 4 ** Math.min(locksBefore, 10), CONSOLE_LOCK_MAX_MINUTES);
}

export function consoleLocked(official: Pick<Official, 'consoleLockedUntil'>, now: Date): boolean {
  return official.consoleLockedUntil !== undefined && Date.parse(official.consoleLockedUntil) > now.getTime();
}

/**
 * Checks `attempt.pin` for `official` (undefined: the number is not registered). Every path verifies
 * one PIN at the production cost, against the official's hash or the decoy, whatever it then
 * decides: unknown, disabled, locked and wrong take the same time, so timing does not tell who is
 * registered or locked. A wrong PIN is reserved (counted) before it is verified, atomically, so
 * however many attempts arrive at once at most MAX_FAILED_PINS are verified before the lock.
 */
export async function checkPin(deps: PinCheckDeps, official: Official | undefined, attempt: PinAttempt): Promise<PinCheck> {
  const { directory } = deps;
  const now = deps.clock.now();
  const pin = attempt.pin ?? '';
  const record = attempt.recordRefusal ?? (async () => true);
  const refuse = async (reason: PinRefusal): Promise<PinCheck> => {
    await verifyPin(pin, official?.pinHash ?? DECOY_PIN_HASH);
    return { ok: false, reason, first: await record(reason, {}), locked: false };
  };

  const closed: PinRefusal | undefined =
    !official ? 'unknown'
      : !official.active ? 'inactive'
        : official.locked || (attempt.door === 'console' && consoleLocked(official, now)) ? 'locked'
          : !attempt.pin ? 'no_pin'
            : undefined;
  if (closed || !official) {
    // On the console's page, a closed door does the work of an open one: the same conditional write
    // (its condition refuses it, so nothing is counted) before the same verification.
    if (attempt.door === 'console') {
      const check = await directory.reservePinCheck(official?.id ?? NOBODY, MAX_FAILED_PINS, 'console', now);
      // Opened meanwhile (BUKA): this attempt was never meant to count.
      if (check.reserved && official) await directory.releasePinCheck(official.id, 'console');
    }
    return refuse(closed ?? 'unknown');
  }
  if (attempt.door === 'sms' && (await deps.counters.countHit('pin', official.id, 3600, now)) > SMS_PIN_CHECKS_PER_HOUR) return refuse('too_many_attempts');
  const check = await directory.reservePinCheck(official.id, MAX_FAILED_PINS, attempt.door, now);
  if (!check.reserved) return refuse('locked');

  if (await verifyPin(pin, official.pinHash ?? DECOY_PIN_HASH)) {
    await directory.clearPinFailures(official.id, attempt.door);
    return { ok: true };
  }
  const locks = check.failedPins >= MAX_FAILED_PINS;
  const first = await record('wrong_pin', locks ? { locked: true } : {});
  // A gateway retry of the same SMS is not a second guess: its reservation is given back.
  if (!first) await directory.releasePinCheck(official.id, attempt.door);
  else if (locks) {
    if (attempt.door === 'sms') await directory.lockOfficial(official.id, 'sms');
    else await directory.lockOfficial(official.id, 'console', new Date(now.getTime() + consoleLockMinutes(official.consoleLocks ?? 0) * 60_000));
    await announceLock(deps, official, attempt.door, `locked.${attempt.attemptId}`, attempt.door === 'console' ? consoleLockMinutes(official.consoleLocks ?? 0) : undefined);
  }
  return { ok: false, reason: 'wrong_pin', first, locked: first && locks };
}

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
 * A lock must not be silent (issue 12, finding 5; issue 19, finding 1): anyone who can send or spoof
 * an official's number, or type it on the sign-in page, can cause one. From either door the official
 * and the desk above are told in neutral words, without any PIN, with the BUKA that lifts it, and the
 * lock is recorded on the official's own trail with its door. `onceKey` makes this once per lock.
 */
export async function announceLock(
  deps: Pick<PinCheckDeps, 'directory' | 'clock'>, official: Official, door: PinDoor, onceKey: string, minutes?: number,
): Promise<void> {
  const at = deps.clock.now().toISOString();
  const desk = deskAbove(official, await deps.directory.listOfficials());
  const message = (to: Official, text: string): OutboundMessage => ({
    id: `${onceKey}.${to.id}`, audience: 'official', to: to.phone, officialId: to.id, level: to.level, purpose: 'official_locked', text,
    status: 'pending', attempts: 0, createdAt: at,
  });
  await deps.directory.recordForOfficial(official.id, {
    onceKey,
    events: [officialEvent('official_locked', at, 'system', {
      failedPins: MAX_FAILED_PINS, told: desk.map((o) => o.id).join(','), door, ...(minutes !== undefined ? { minutes } : {}),
    })],
    messages: [
      message(official, door === 'sms' ? officialTexts.lockedSelf() : officialTexts.consoleLockedSelf(minutes ?? 0)),
      ...desk.map((o) => message(o, door === 'sms' ? officialTexts.lockedDesk(official) : officialTexts.consoleLockedDesk(official, minutes ?? 0))),
    ],
  });
}
