import type { Level } from './case.js';
import type { Category } from './categories.js';

/** An official of the directory: who is alerted, who may act on a case, with the PIN's state at each door. */
export interface Official {
  id: string;
  name: string;
  phone: string;
  level: Level;
  /** NTB regency codes covered; level 2 and 3 cover all. */
  regencies: string[];
  /** When set, only these categories (e.g. a trafficking desk). */
  categories?: Category[];
  active: boolean;
  pinHash?: string;
  /** Wrong PINs in a row by SMS (commands, BUKA): five lock the official until BUKA or set-pin. */
  failedPins: number;
  locked: boolean;
  /**
   * The console's sign-in door counts apart (lib/officials/check-pin.ts): five wrong PINs there pause
   * PIN sign-in until `consoleLockedUntil` (ISO), longer each time (`consoleLocks` in a row), and never
   * lock the SMS commands, so a stranger on the web cannot take an official off the escalation ladder.
   */
  consoleFailedPins?: number;
  consoleLockedUntil?: string;
  consoleLocks?: number;
  /** Takes alerts on WhatsApp (at `phone`), with SMS as the fallback. */
  whatsapp?: boolean;
  /** BP3MI ended this official's console sessions (the reader alert): sessions begun before it are over. */
  sessionsEndedAt?: string;
}

/** Where a PIN is typed: an SMS command (and BUKA), or the console's sign-in page. */
export type PinDoor = 'sms' | 'console';
