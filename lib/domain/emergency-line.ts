import { countryOfPhone, type CountryCode } from './regions.js';

/**
 * The number a person is told to call in an emergency. KP2MI's toll-free 0800-1000 cannot be dialled
 * from a Malaysian or Saudi SIM, so a sender abroad is given a number that works from where they are:
 * the Indonesian mission (KBRI/KJRI) of their country where one is configured, else KP2MI's line
 * from abroad (+62 21 2924 4800, DOMAIN.md).
 */
export interface EmergencyLines {
  /** Dialled from an Indonesian SIM (toll-free). */
  inIndonesia: string;
  /** Dialled from any foreign SIM. */
  fromAbroad: string;
  /** The Indonesian mission's line per host country, where the operators configured one. */
  missions: Partial<Record<CountryCode, string>>;
}

/** Longest emergency number a text may carry: every SMS that names it must still fit one GSM-7 SMS. */
export const MAX_EMERGENCY_LINE_LENGTH = 16;

/**
 * The line for the person behind `phone` (E.164). Without a number (a web form's page, USSD, which
 * only works on an Indonesian SIM) or with an Indonesian number, the domestic line.
 */
export function emergencyLineFor(lines: EmergencyLines, phone?: string): string {
  if (!phone || phone.startsWith('+62')) return lines.inIndonesia;
  const country = countryOfPhone(phone);
  return lines.missions[country] ?? lines.fromAbroad;
}
