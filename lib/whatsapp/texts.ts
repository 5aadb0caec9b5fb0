import type { Language } from '../domain/categories.js';
import type { NotText } from './payload.js';

const WHAT: Record<NotText, Record<Language, string>> = {
  voice: { id: 'Pesan suara belum bisa kami dengar.', en: 'We cannot listen to voice notes yet.' },
  audio: { id: 'Rekaman suara belum bisa kami dengar.', en: 'We cannot listen to audio yet.' },
  location: { id: 'Lokasi belum bisa kami baca.', en: 'We cannot read a location yet.' },
  sticker: { id: 'Stiker tidak bisa kami baca.', en: 'We cannot read stickers.' },
  media: { id: 'Gambar atau berkas tanpa keterangan tidak bisa kami baca.', en: 'We cannot read an image or file without a caption.' },
  other: { id: 'Pesan ini tidak bisa kami baca.', en: 'We cannot read this message.' },
};

/**
 * The answer to a WhatsApp message without words: what could not be read and what to send instead.
 * Neutral like every reply (the phone may be read by someone else).
 */
export const notTextReply = (what: NotText, language: Language): string => `${WHAT[what][language]} ${language === 'id'
  ? 'Tulis dengan kata-kata, mis. LAPOR gaji belum dibayar 3 bulan, atau STATUS dan kode laporan.'
  : 'Please write it in words, e.g. REPORT salary unpaid for 3 months, or STATUS and the report code.'}`;
