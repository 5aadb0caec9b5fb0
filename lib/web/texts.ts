import { DESCRIPTION_LIMIT } from '../domain/case.js';
import type { Language } from '../domain/categories.js';
import type { ReporterType } from '../domain/case.js';
import type { NikProblem } from '../domain/nik.js';

/**
 * The limit written as each language writes numbers (2.000 / 2,000). Grouped by hand, not with
 * toLocaleString: that loads ICU's number formatting for two locales when the module is evaluated,
 * which alone cost the web function about 14 ms of its cold start.
 */
const groupDigits = (n: number, separator: string) => String(n).replace(/\B(?=(\d{3})+$)/g, separator);
const LIMIT_ID = groupDigits(DESCRIPTION_LIMIT, '.');
const LIMIT_EN = groupDigits(DESCRIPTION_LIMIT, ',');

/**
 * Every word the web form shows, in Bahasa Indonesia (the default: most families in NTB read it
 * first) and English (for NGOs and host-country helpers). Plain words, short sentences: many readers
 * are on a small phone and not used to forms.
 */
export interface WebTexts {
  htmlLang: string;
  title: string;
  intro: string;
  emergency: (hotline: string) => string;
  otherLanguage: { label: string; lang: Language };
  optional: string;
  choose: string;
  reporterType: { legend: string; options: Record<ReporterType, string> };
  workerName: { label: string; hint: string };
  agentName: { label: string; hint: string };
  contact: { label: string; hint: string };
  category: { label: string };
  country: { label: string };
  homeRegency: { label: string; hint: string; outside: string; unknown: string };
  nik: { label: string; hint: string };
  description: { label: string; hint: string };
  smsUpdates: { label: string; hint: string };
  /** The paragraphs come from lib/messages/consent.ts (they name the retention period the policy sets). */
  consent: { heading: string; label: string };
  honeypot: string;
  submit: string;
  errorSummary: string;
  errors: {
    reporterType: string;
    contact: Record<'empty' | 'invalid' | 'landline', string>;
    category: string;
    country: string;
    homeRegency: string;
    workerName: string;
    agentName: string;
    description: Record<'empty' | 'short' | 'long', string>;
    consent: string;
    nik: Record<NikProblem, string>;
    token: string;
  };
  done: {
    title: string; lead: string; save: (shortcode: string, reference: string) => string; next: string; another: string;
    /** When an officer answers at the latest: the acknowledgement deadlines, urgent and normal. */
    within: (urgent: string, normal: string) => string;
    duration: (minutes: number) => string;
  };
  badReference: { title: string; body: string };
  unknownReference: { title: string; body: (reference: string, hotline: string) => string };
  problem: Record<'400' | '409' | '413' | '429' | '500', { title: string; body: (hotline: string) => string }>;
  back: string;
}

const id: WebTexts = {
  htmlLang: 'id',
  title: 'Lapor masalah Pekerja Migran (PMI) NTB',
  intro: 'Untuk pekerja, keluarga, dan lembaga. Laporan diterima 24 jam dan diteruskan ke petugas Disnakertrans di kabupaten/kota asal.',
  emergency: (hotline) => `Darurat atau tidak bisa mengisi? Telepon gratis ${hotline} (24 jam).`,
  otherLanguage: { label: 'English', lang: 'en' },
  optional: '(boleh kosong)',
  choose: 'Pilih…',
  reporterType: {
    legend: 'Siapa yang melapor?',
    options: { worker: 'Saya sendiri pekerjanya', family: 'Keluarga pekerja', organisation: 'Lembaga / organisasi' },
  },
  workerName: { label: 'Nama pekerja', hint: 'Nama sesuai paspor, jika tahu.' },
  agentName: { label: 'Nama perusahaan (P3MI), agen atau calo', hint: 'Yang memberangkatkan atau menjanjikan pekerjaan, jika tahu. Tidak pernah diumumkan.' },
  contact: { label: 'Nomor HP yang bisa dihubungi', hint: 'Contoh 0812 3456 7890, atau nomor luar negeri dengan kode negara (+60…).' },
  category: { label: 'Masalahnya tentang apa?' },
  country: { label: 'Negara tempat pekerja berada' },
  homeRegency: { label: 'Kabupaten/kota asal pekerja', hint: 'Menentukan petugas mana yang menangani.', outside: 'Luar NTB', unknown: 'Tidak tahu' },
  nik: { label: 'NIK pekerja', hint: '16 angka di KTP. Membantu petugas menemukan data penempatan.' },
  description: { label: 'Apa yang terjadi?', hint: `Ceritakan singkat: apa, di mana, sejak kapan, nama perusahaan atau calo jika tahu. Paling banyak ${LIMIT_ID} huruf.` },
  smsUpdates: { label: 'Kirim kabar lewat SMS ke nomor ini', hint: 'Jangan dicentang jika HP ini mungkin dibaca majikan atau calo.' },
  consent: {
    heading: 'Persetujuan data pribadi',
    label: 'Saya mengerti dan setuju data ini dipakai untuk menangani laporan',
  },
  honeypot: 'Jangan diisi',
  submit: 'Kirim laporan',
  errorSummary: 'Periksa isian berikut:',
  errors: {
    reporterType: 'Pilih siapa yang melapor.',
    contact: {
      empty: 'Isi nomor HP yang bisa dihubungi.',
      invalid: 'Nomor HP tidak valid. Tulis seperti 0812 3456 7890 atau +60 12 345 6789.',
      landline: 'Ini nomor telepon rumah: tidak bisa menerima SMS. Tulis nomor HP, atau hapus centang kabar lewat SMS.',
    },
    category: 'Pilih jenis masalah.',
    country: 'Pilih negara (boleh "Tidak diketahui").',
    homeRegency: 'Pilih kabupaten/kota asal (boleh "Tidak tahu").',
    workerName: 'Nama terlalu panjang (paling banyak 100 huruf).',
    agentName: 'Nama terlalu panjang (paling banyak 100 huruf).',
    description: {
      empty: 'Ceritakan apa yang terjadi (paling sedikit 10 huruf).',
      short: 'Ceritakan sedikit lebih banyak (paling sedikit 10 huruf).',
      long: `Terlalu panjang: paling banyak ${LIMIT_ID} huruf. Persingkat ceritanya.`,
    },
    consent: 'Centang persetujuan agar laporan bisa diproses.',
    nik: {
      format: 'NIK harus 16 angka.',
      region: 'Kode wilayah di NIK tidak ada. Periksa 6 angka pertama.',
      birth_date: 'Tanggal lahir di NIK tidak mungkin. Periksa angka ke-7 sampai ke-12.',
    },
    token: 'Formulir kedaluwarsa. Kirim sekali lagi.',
  },
  done: {
    title: 'Laporan diterima',
    lead: 'Kode laporan Anda:',
    save: (shortcode, reference) => `Simpan kode ini. Untuk cek status, kirim SMS STATUS ${reference} ke ${shortcode} dari nomor HP yang Anda tulis di formulir (nomor lain tidak diberi jawaban, demi keamanan pelapor).`,
    next: 'Jika Anda memilih kabar lewat SMS, Anda akan menerima SMS dengan kode yang sama.',
    within: (urgent, normal) => `Petugas menanggapi paling lambat dalam ${normal}; laporan darurat (kekerasan, TPPO, sakit, ditahan, meninggal) dalam ${urgent}.`,
    duration: (m) => (m % 1440 === 0 ? `${m / 1440} hari` : m % 60 === 0 ? `${m / 60} jam` : `${m} menit`),
    another: 'Buat laporan lain',
  },
  badReference: { title: 'Kode tidak dikenali', body: 'Alamat ini tidak berisi kode laporan yang benar.' },
  unknownReference: { title: 'Kode tidak ditemukan', body: (r, h) => `Tidak ada laporan dengan kode ${r}. Periksa kodenya, atau kirim laporan lagi. Darurat: ${h}.` },
  problem: {
    '400': { title: 'Permintaan tidak bisa diproses', body: (h) => `Coba isi formulir lagi. Darurat: ${h}.` },
    '409': { title: 'Formulir ini sudah terkirim', body: (h) => `Formulir ini sudah dipakai untuk laporan lain, jadi laporan ini BELUM tersimpan. Buka formulir baru dan kirim lagi, atau telepon ${h} (gratis, 24 jam).` },
    '413': { title: 'Isian terlalu panjang', body: (h) => `Persingkat cerita lalu kirim lagi. Darurat: ${h}.` },
    '429': { title: 'Terlalu banyak laporan', body: (h) => `Terlalu banyak laporan dari jaringan ini. Coba lagi dalam 1 jam, atau telepon ${h} (gratis, 24 jam).` },
    '500': { title: 'Maaf, terjadi gangguan', body: (h) => `Laporan belum tersimpan. Coba lagi sebentar lagi, atau telepon ${h} (gratis, 24 jam).` },
  },
  back: 'Kembali ke formulir',
};

const en: WebTexts = {
  htmlLang: 'en',
  title: 'Report a problem of an NTB migrant worker (PMI)',
  intro: 'For workers, families and organisations. Reports are received 24 hours a day and passed to the labour office of the home regency.',
  emergency: (hotline) => `Emergency, or cannot fill this in? Call ${hotline} free of charge (24 hours).`,
  otherLanguage: { label: 'Bahasa Indonesia', lang: 'id' },
  optional: '(optional)',
  choose: 'Choose…',
  reporterType: {
    legend: 'Who is reporting?',
    options: { worker: 'I am the worker', family: "The worker's family", organisation: 'An organisation' },
  },
  workerName: { label: "Worker's name", hint: 'As in the passport, if you know it.' },
  agentName: { label: 'Agency (P3MI), agent or broker', hint: 'Who arranged the departure or promised the job, if you know. Never published.' },
  contact: { label: 'Phone number to contact', hint: 'For example 0812 3456 7890, or a foreign number with its country code (+60…).' },
  category: { label: 'What is the problem about?' },
  country: { label: 'Country where the worker is' },
  homeRegency: { label: "Worker's home regency/city", hint: 'Decides which office handles the report.', outside: 'Outside NTB', unknown: 'Do not know' },
  nik: { label: "Worker's NIK", hint: '16 digits on the ID card (KTP). Helps officers find placement records.' },
  description: { label: 'What happened?', hint: `In short: what, where, since when, the name of the company or broker if known. At most ${LIMIT_EN} characters.` },
  smsUpdates: { label: 'Send updates by SMS to this number', hint: 'Leave unticked if an employer or broker may read this phone.' },
  consent: {
    heading: 'Consent to use personal data',
    label: 'I understand and agree that this data is used to handle the report',
  },
  honeypot: 'Leave this empty',
  submit: 'Send report',
  errorSummary: 'Please check:',
  errors: {
    reporterType: 'Choose who is reporting.',
    contact: {
      empty: 'Write a phone number we can reach.',
      invalid: 'Not a valid phone number. Write it like 0812 3456 7890 or +60 12 345 6789.',
      landline: 'This is a landline: it cannot receive SMS. Write a mobile number, or untick SMS updates.',
    },
    category: 'Choose the kind of problem.',
    country: 'Choose a country ("Unknown" is fine).',
    homeRegency: 'Choose the home regency/city ("Do not know" is fine).',
    workerName: 'The name is too long (at most 100 characters).',
    agentName: 'The name is too long (at most 100 characters).',
    description: {
      empty: 'Tell us what happened (at least 10 characters).',
      short: 'Tell us a little more (at least 10 characters).',
      long: `Too long: at most ${LIMIT_EN} characters. Please shorten it.`,
    },
    consent: 'Tick the consent box so the report can be handled.',
    nik: {
      format: 'A NIK has 16 digits.',
      region: 'The region code in this NIK does not exist. Check the first 6 digits.',
      birth_date: 'The birth date in this NIK is impossible. Check digits 7 to 12.',
    },
    token: 'The form expired. Please send it once more.',
  },
  done: {
    title: 'Report received',
    lead: 'Your report code:',
    save: (shortcode, reference) => `Keep this code. To check the status, send SMS STATUS ${reference} to ${shortcode} from the phone number you wrote on the form (other numbers get no answer, to protect the reporter).`,
    next: 'If you chose SMS updates, you will get an SMS with the same code.',
    within: (urgent, normal) => `An officer responds within ${normal} at the latest; urgent reports (violence, trafficking, illness, detention, death) within ${urgent}.`,
    duration: (m) => (m % 1440 === 0 ? `${m / 1440} day${m === 1440 ? '' : 's'}` : m % 60 === 0 ? `${m / 60} hour${m === 60 ? '' : 's'}` : `${m} minutes`),
    another: 'Make another report',
  },
  badReference: { title: 'Code not recognised', body: 'This address does not hold a valid report code.' },
  unknownReference: { title: 'Code not found', body: (r, h) => `No report has the code ${r}. Check the code, or make the report again. Emergency: ${h}.` },
  problem: {
    '400': { title: 'The request could not be handled', body: (h) => `Please fill in the form again. Emergency: ${h}.` },
    '409': { title: 'This form was already sent', body: (h) => `This form was already used for a different report, so this report was NOT saved. Open a new form and send it again, or call ${h} (free, 24 hours).` },
    '413': { title: 'Too much text', body: (h) => `Please shorten the story and send it again. Emergency: ${h}.` },
    '429': { title: 'Too many reports', body: (h) => `Too many reports from this network. Please try again in 1 hour, or call ${h} (free, 24 hours).` },
    '500': { title: 'Sorry, something went wrong', body: (h) => `The report was not saved. Please try again shortly, or call ${h} (free, 24 hours).` },
  },
  back: 'Back to the form',
};

export const WEB_TEXTS: Record<Language, WebTexts> = { id, en };

export function languageOf(raw: unknown): Language {
  return raw === 'en' ? 'en' : 'id';
}
