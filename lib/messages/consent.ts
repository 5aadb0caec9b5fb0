import type { Channel, ConsentNotice } from '../domain/case.js';
import type { Language } from '../domain/categories.js';

/**
 * What a reporter is told before (web, USSD) or with the first reply (SMS and any conversation
 * channel) about their personal data, as UU 27/2022 asks: who the controller is, how long a report
 * is kept (Art. 21), and how to ask for a copy or for deletion. The version is stored with every
 * case (Art. 22, 24: consent must be provable), so change it whenever a text below changes;
 * test/unit/consent.test.ts pins the texts to it.
 */
export const CONSENT_TEXT_VERSION = '2026-12-06.2';

export const CONTROLLER = 'Disnakertrans NTB';

/**
 * Where each channel tells the reporter. Web and USSD before the report is sent; SMS and WhatsApp
 * cannot (the report is the first thing the person sends), so the reply with the reference carries
 * `consentTexts.firstReply` the first time a number reports by text under this version of the texts
 * (fileReport; a later report records `earlier_reply`: the number was told, the reporter item says
 * which version).
 */
export const CONSENT_NOTICE: Record<Channel, ConsentNotice> = { web: 'form', ussd: 'ussd_screen', sms: 'first_reply', whatsapp: 'first_reply' };

/** The retention period in words: whole years when it is whole years, else days. */
export function retentionPeriod(days: number, l: Language): string {
  if (days % 365 === 0) return l === 'id' ? `${days / 365} tahun` : `${days / 365} year${days === 365 ? '' : 's'}`;
  return l === 'id' ? `${days} hari` : `${days} day${days === 1 ? '' : 's'}`;
}

export const consentTexts = {
  /** The web form's consent box: three paragraphs above the tick box. */
  web: (l: Language, days: number): string[] => l === 'id'
    ? [
        `Pengendali data: ${CONTROLLER} (Dinas Tenaga Kerja dan Transmigrasi Provinsi NTB). Data ini dipakai hanya untuk menangani laporan ini: menghubungi Anda dan meneruskannya ke petugas yang berwenang (Disnakertrans kabupaten/kota dan provinsi NTB, BP3MI NTB).`,
        `Petugas hanya melihat yang perlu untuk bertindak, dan setiap akses dicatat. NIK, nama, nomor HP dan isi laporan disimpan terenkripsi, lalu dihapus ${retentionPeriod(days, l)} setelah laporan selesai. Angka statistik tanpa data pribadi tetap disimpan.`,
        `Sesuai UU No. 27 Tahun 2022 tentang Pelindungan Data Pribadi, Anda berhak meminta salinan, perbaikan, atau penghapusan data: hubungi petugas ${CONTROLLER} dengan menyebut kode laporan Anda. Permintaan dijawab dalam 3x24 jam.`,
      ]
    : [
        `Data controller: ${CONTROLLER} (the NTB provincial labour office). This data is used only to handle this report: to contact you and to pass it to the responsible officers (the regency and NTB province labour offices, BP3MI NTB).`,
        `Officers see only what they need to act, and every access is recorded. NIK, names, phone numbers and the report are stored encrypted, then deleted ${retentionPeriod(days, l)} after the report is closed. Statistics without personal data are kept.`,
        `Under Law No. 27 of 2022 on Personal Data Protection you may ask for a copy, a correction or the deletion of your data: contact the ${CONTROLLER} officers and give your report code. Requests are answered within 3x24 hours.`,
      ],
  /** One line on the USSD screen that asks about SMS updates (the whole screen stays within 182 characters). */
  ussd: (l: Language, days: number): string => l === 'id'
    ? `${CONTROLLER} hapus data ${retentionPeriod(days, l)} stlh selesai; mau hapus: petugas`
    : `Data: ${CONTROLLER}, deleted ${retentionPeriod(days, l)} after closing; to delete ask officers`,
  /**
   * Added to the reply that gives the reference of a number's first report by SMS or WhatsApp (after
   * the reference, before the regency question if one is asked). Neutral: a watched phone learns
   * nothing about the report. With `received` it is 2 GSM-7 parts, 3 with the regency question
   * (test/unit/consent.test.ts).
   */
  firstReply: (l: Language, days: number): string => l === 'id'
    ? `Data dijaga ${CONTROLLER}, dihapus ${retentionPeriod(days, l)} setelah selesai. Minta hapus: kirim HAPUS; salinan: kirim DATA.`
    : `Data held by ${CONTROLLER}, deleted ${retentionPeriod(days, l)} after closing. To delete it send DELETE; for a copy send DATA.`,
};
