/**
 * GSM 03.38 default alphabet: what a basic phone shows without switching the whole SMS to UCS-2
 * (70 characters). USSD screens (182) and SMS (160) are measured in these septets.
 */
const BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?' +
  '¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
const EXTENDED = '^{}\\[~]|€\f';

export function isGsm7(text: string): boolean {
  for (const ch of text) if (!BASIC.includes(ch) && !EXTENDED.includes(ch)) return false;
  return true;
}

/** Septets the text takes in GSM-7 (extension characters count twice); Infinity if it is not GSM-7. */
export function gsmLength(text: string): number {
  let n = 0;
  for (const ch of text) {
    if (BASIC.includes(ch)) n += 1;
    else if (EXTENDED.includes(ch)) n += 2;
    else return Number.POSITIVE_INFINITY;
  }
  return n;
}

/** Replaces typographic characters people paste (curly quotes, dashes, ellipsis) with GSM-7 ones. */
export function toGsm7(text: string): string {
  return text
    // The backtick is printable ASCII but in neither GSM-7 table.
    .replace(/[‘’‚‛`]/g, "'")
    .replace(/[“”„‟]/g, '"')
    .replace(/[–—]/g, '-')
    .replace(/…/g, '...')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^\n\r\x20-\x7e£¥§¿¡ÄÖÑÜäöñüàèéùìòÇØøÅåÆæßÉ€]/g, '?');
}

export const SMS_LIMIT = 160;
export const USSD_LIMIT = 182;
