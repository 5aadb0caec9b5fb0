/**
 * What an official's own audit trail records (locks and unlocks), by event type: like case events,
 * ids, reasons and counts only, never a PIN or a phone number.
 */
export interface OfficialEventDetails {
  /**
   * Five wrong PINs locked the official at a door (`sms`: the commands, until BUKA; `console`: PIN
   * sign-in, for `minutes`); `told`: the officials who were sent the notice.
   */
  official_locked: { failedPins: number; told: string; door: 'sms' | 'console'; minutes?: number };
  official_unlocked: { by: string; failedPins: number };
  unlock_refused: { reason: string };
  unlock_not_needed: { by: string };
}
export type OfficialEventType = keyof OfficialEventDetails;

export type OfficialEvent = {
  [K in OfficialEventType]: {
    at: string;
    /** `system` or `official:<id>`. */
    actor: string;
    type: K;
    detail: OfficialEventDetails[K];
  };
}[OfficialEventType];

export function officialEvent<K extends OfficialEventType>(type: K, at: string, actor: string, detail: OfficialEventDetails[K]): Extract<OfficialEvent, { type: K }> {
  return { at, actor, type, detail } as Extract<OfficialEvent, { type: K }>;
}
