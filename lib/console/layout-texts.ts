import type { Language } from '../domain/categories.js';

/**
 * The texts of what every console response may show (the layout, the session and Origin checks, "not
 * found"): read at a cold start. The pages' own texts are in texts.ts, which their chunks load.
 */
const pair = (id: string, en: string) => ({ id, en });

export const LAYOUT_TEXTS = {
  console: pair('Konsol Hotline PMI NTB', 'PMI NTB Hotline Console'),
  signIn: pair('Masuk', 'Sign in'),
  signOut: pair('Keluar', 'Sign out'),
  sessionOver: pair('Sesi berakhir. Silakan masuk lagi.', 'Your session ended. Please sign in again.'),
  nothingSaved: pair('Isian ini belum disimpan; teks Anda ada di bawah untuk disalin. Setelah masuk Anda kembali ke kasus ini.', 'This form was not saved; your text is below to copy. After signing in you return to this case.'),
  yourText: pair('Teks yang Anda ketik', 'The text you typed'),
  queue: pair('Antrean', 'Queue'),
  accessLog: pair('Log akses', 'Access log'),
  passkeys: pair('Passkey', 'Passkeys'),
  levels: { 1: pair('Kabupaten/kota', 'Regency'), 2: pair('Desk provinsi', 'Province desk'), 3: pair('BP3MI', 'BP3MI') },
  notFound: pair('Kasus tidak ditemukan.', 'Case not found.'),
  back: pair('Kembali ke antrean', 'Back to the queue'),
  refused: pair('Permintaan ditolak.', 'Request refused.'),
  language: pair('English', 'Bahasa Indonesia'),
};

export type Text = { id: string; en: string };
export const say = (l: Language, text: Text) => text[l];
