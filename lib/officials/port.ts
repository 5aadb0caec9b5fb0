import type { OfficialEvent } from '../domain/official-event.js';
import type { Official, PinDoor } from '../domain/official.js';
import type { OutboundMessage } from '../domain/message.js';

/** A case the reporter wrote on since this official last opened it ("Pesan baru", issue 23 item 7). */
export interface UnreadMark {
  caseId: string;
  reference: string;
  /** When the reporter's newest unread message arrived. */
  at: string;
}

/** The officials directory, with each official's wrong-PIN state and read state. */
export interface Directory {
  listOfficials(): Promise<Official[]>;
  /** One official by id (consistent read). */
  getOfficial(id: string): Promise<Official | undefined>;
  putOfficial(official: Official): Promise<void>;
  /** Ends every console session the official began up to `at` (BP3MI, after a reader alert); false for an unknown official. */
  endConsoleSessions(officialId: string, at: string): Promise<boolean>;
  getOfficialByPhone(phone: string): Promise<Official | undefined>;
  /**
   * Reserves one PIN check at a door before the PIN is verified: counts it as wrong up front,
   * atomically, and refuses once `max` are counted at that door, or the official is locked (by SMS),
   * inactive, or (console door) its console lock lasts beyond `now`. So however many attempts arrive
   * at once, at most `max` wrong PINs are ever checked at a door.
   */
  reservePinCheck(officialId: string, max: number, door?: PinDoor, now?: Date): Promise<{ reserved: true; failedPins: number } | { reserved: false }>;
  /**
   * A reserved check that was wrong and reached `max`: SMS door, the official is locked; console
   * door, PIN sign-in is paused until `until` and its count starts again (one more lock in a row).
   */
  lockOfficial(officialId: string, door?: PinDoor, until?: Date): Promise<void>;
  /** Gives a reserved check back (the SMS was a gateway redelivery, not a new guess). */
  releasePinCheck(officialId: string, door?: PinDoor): Promise<void>;
  /**
   * Clears the door's wrong-PIN count after a right PIN (console door: its locks in a row too),
   * unless the official was locked or disabled meanwhile.
   */
  clearPinFailures(officialId: string, door?: PinDoor): Promise<void>;
  /**
   * Unlocks a locked official (SMS lock, or a console lock lasting beyond `now`; counts back to zero)
   * with its audit events and messages in one transaction, claiming `onceKey`; false when the
   * once-key was taken or the official is not locked.
   */
  unlockOfficial(officialId: string, write: { onceKey: string; events: OfficialEvent[]; messages: OutboundMessage[] }, now?: Date): Promise<boolean>;
  /** Appends to an official's own audit trail (locks, unlocks) and queues messages; once per `onceKey`. */
  recordForOfficial(officialId: string, write: { onceKey?: string; events?: OfficialEvent[]; messages?: OutboundMessage[] }): Promise<boolean>;
  /** An official's audit trail, oldest first. */
  officialTimeline(officialId: string): Promise<OfficialEvent[]>;
  /**
   * Per-official read state, kept in each official's own partition: the reporter wrote on the case
   * at `at`, so it is unread for these officials (one mark per case, the newest time kept).
   */
  markUnread(officialIds: readonly string[], c: { id: string; reference: string }, at: string): Promise<void>;
  /** This official's unread cases, newest message first, at most `limit`. */
  unreadCases(officialId: string, limit: number): Promise<UnreadMark[]>;
  /** The official opened the case: read up to `upTo` (a message that arrived after it stays unread). */
  markRead(officialId: string, caseId: string, upTo: string): Promise<void>;
}
