import type { Language } from '../domain/categories.js';

/**
 * Every word the USSD menu shows, per language. Screens are short on purpose: a person who rarely
 * reads menus must get through a report in under two minutes, and each screen (with its one-line
 * hint) must fit 182 GSM-7 characters (test/unit/ussd-tree.test.ts walks them all).
 *
 * The same neutrality as the reporter SMS applies: nothing here names an employer or a broker back
 * to the phone, because the phone may be watched.
 */
export interface UssdTexts {
  back: string;
  backAndMenu: string;
  hint: { choice: string; nik: string; reference: string };
  main: { title: string; report: string; status: string; info: string; language: string; resume: string };
  language: { title: string };
  category: { title: string; next: string };
  country: { title: string; inIndonesia: string };
  reporter: { title: string; worker: string; family: string; other: string };
  regency: { title: string; outside: string };
  nik: { title: string; typeIt: string; skip: string; menu: string };
  sms: { title: string; yes: string; no: string };
  confirm: { title: string; nik: string; noNik: string; sms: string; noSms: string; send: string };
  status: { prompt: string };
  info: { title: string; hotlines: string; agency: string; steps: string; brokers: string };
  infoPages: { hotlines: string; agency: string; steps: string; brokers: string };
  reporterLabel: { worker: string; family: string; organisation: string };
}

const id: UssdTexts = {
  back: '0 Kembali',
  backAndMenu: '0 Kembali 00 Menu',
  hint: { choice: 'Pilihan salah.', nik: 'NIK salah.', reference: 'Kode salah.' },
  main: {
    title: 'Hotline PMI NTB 24 jam',
    report: 'Lapor masalah',
    status: 'Cek status laporan',
    info: 'Info migrasi aman',
    language: 'Language/Bahasa',
    resume: 'Lanjutkan laporan tadi',
  },
  language: { title: 'Pilih bahasa / Language' },
  category: { title: 'Masalah apa?', next: 'Berikutnya' },
  country: { title: 'Pekerja sekarang di mana?', inIndonesia: 'Di Indonesia' },
  reporter: { title: 'Siapa yang melapor?', worker: 'Saya pekerjanya', family: 'Keluarga', other: 'Lainnya (teman/lembaga)' },
  regency: { title: 'Asal daerah:', outside: 'Luar NTB' },
  nik: { title: 'NIK pekerja (16 angka di KTP)?', typeIt: 'Ketik NIK, atau', skip: '0 Lewati/tidak tahu', menu: '00 Menu' },
  sms: { title: 'Boleh kirim SMS kabar laporan ke nomor ini?', yes: 'Ya', no: 'Tidak, jangan kirim SMS' },
  confirm: { title: 'Kirim laporan?', nik: 'ada NIK', noNik: 'tanpa NIK', sms: 'SMS ya', noSms: 'tanpa SMS', send: 'Kirim' },
  status: { prompt: 'Ketik kode laporan\n(contoh: ABC-234)' },
  info: { title: 'Info migrasi aman', hotlines: 'Nomor pengaduan resmi', agency: 'Cek P3MI berizin', steps: 'Cara berangkat resmi', brokers: 'Awas calo' },
  infoPages: {
    hotlines: 'KP2MI 0800-1000 (gratis, 24 jam)\nDari luar negeri: +62 21 2924 4800\nWhatsApp 0811-8080-141\nSMS LAPOR! 1708',
    agency: 'Sebelum bayar atau tanda tangan, tanya Disnaker kabupaten atau BP3MI NTB: apakah P3MI itu berizin KP2MI? Tanpa izin, jangan ikut.',
    steps: 'Berangkat resmi: daftar di Disnaker/LTSA, pilih P3MI berizin, cek kesehatan, pelatihan, kontrak kerja, paspor & visa kerja, orientasi.',
    brokers: 'Awas calo/tekong! Berangkat tanpa P3MI berizin, dengan visa turis atau tanpa kontrak bisa jadi TPPO. Laporkan lewat menu 1 atau 0800-1000.',
  },
  reporterLabel: { worker: 'Pelapor: pekerja', family: 'Pelapor: keluarga', organisation: 'Pelapor: lainnya' },
};

const en: UssdTexts = {
  back: '0 Back',
  backAndMenu: '0 Back 00 Menu',
  hint: { choice: 'Invalid choice.', nik: 'Invalid NIK.', reference: 'Invalid code.' },
  main: {
    title: 'PMI NTB hotline 24h',
    report: 'Report a problem',
    status: 'Check report status',
    info: 'Safe migration info',
    language: 'Bahasa/Language',
    resume: 'Continue last report',
  },
  language: { title: 'Pilih bahasa / Language' },
  category: { title: 'What happened?', next: 'Next' },
  country: { title: 'Where is the worker now?', inIndonesia: 'In Indonesia' },
  reporter: { title: 'Who is reporting?', worker: 'I am the worker', family: 'Family', other: 'Other (friend/group)' },
  regency: { title: 'Home regency:', outside: 'Outside NTB' },
  nik: { title: "Worker's NIK (16 digits on KTP)?", typeIt: 'Type the NIK, or', skip: '0 Skip/do not know', menu: '00 Menu' },
  sms: { title: 'May we SMS report updates to this number?', yes: 'Yes', no: 'No, do not send SMS' },
  confirm: { title: 'Send report?', nik: 'NIK given', noNik: 'no NIK', sms: 'SMS yes', noSms: 'no SMS', send: 'Send' },
  status: { prompt: 'Type the report code\n(example: ABC-234)' },
  info: { title: 'Safe migration info', hotlines: 'Official hotlines', agency: 'Check a licensed P3MI', steps: 'Legal departure steps', brokers: 'Beware of brokers' },
  infoPages: {
    hotlines: 'KP2MI 0800-1000 (free, 24h)\nFrom abroad: +62 21 2924 4800\nWhatsApp 0811-8080-141\nSMS LAPOR! 1708',
    agency: 'Before paying or signing, ask the regency Disnaker or BP3MI NTB if the agency (P3MI) has a KP2MI licence. No licence: do not go.',
    steps: 'Legal departure: register at Disnaker/LTSA, licensed P3MI, medical check, training, work contract, passport & work visa, orientation.',
    brokers: 'Beware of brokers (calo)! Going without a licensed P3MI, on a tourist visa or with no contract can mean trafficking. Report: menu 1 or 0800-1000.',
  },
  reporterLabel: { worker: 'By: worker', family: 'By: family', organisation: 'By: other' },
};

export const USSD_TEXTS: Record<Language, UssdTexts> = { id, en };

/** Answers after the use case ran; they end the session, so they say what happens next. */
export const endTexts = {
  filed: (l: Language, v: { reference: string; hotline: string; withinHours: number; smsUpdates: boolean }) =>
    l === 'id'
      ? `Laporan ${v.reference} diterima. Simpan kode ini. Petugas menindaklanjuti dalam ${v.withinHours} jam. ${v.smsUpdates ? 'SMS konfirmasi akan dikirim.' : 'Tidak ada SMS.'} Cek status: menu 2. Darurat: ${v.hotline}`
      : `Report ${v.reference} received. Keep this code. An officer follows up within ${v.withinHours} hours. ${v.smsUpdates ? 'A confirmation SMS will follow.' : 'No SMS will be sent.'} Status: menu 2. Emergency: ${v.hotline}`,
  status: (l: Language, v: { reference: string; status: string; updated: string; hotline: string }) =>
    l === 'id'
      ? `Laporan ${v.reference}:\n${v.status}.\nPembaruan terakhir ${v.updated}.\nDarurat: ${v.hotline}`
      : `Report ${v.reference}:\n${v.status}.\nLast update ${v.updated}.\nEmergency: ${v.hotline}`,
  /** A data request's status (the same neutral sentence as by SMS), then the emergency line. */
  requestStatus: (l: Language, v: { text: string; hotline: string }) => `${v.text}\n${l === 'id' ? 'Darurat' : 'Emergency'}: ${v.hotline}`,
  statusMerged: (l: Language, v: { reference: string; into: string; status: string; updated: string; hotline: string }) =>
    l === 'id'
      ? `Laporan ${v.reference} digabung ke laporan ${v.into}:\n${v.status}.\nPembaruan terakhir ${v.updated}.\nDarurat: ${v.hotline}`
      : `Report ${v.reference} was merged into report ${v.into}:\n${v.status}.\nLast update ${v.updated}.\nEmergency: ${v.hotline}`,
  unknownReference: (l: Language, v: { hotline: string }) =>
    l === 'id'
      ? `Kode laporan tidak ditemukan untuk nomor ini. Periksa kode di SMS atau layar terakhir. Bantuan: ${v.hotline}`
      : `Report code not found for this number. Check the code in the SMS or on the last screen. Help: ${v.hotline}`,
  rateLimited: (l: Language, v: { hotline: string }) =>
    l === 'id'
      ? `Terlalu banyak permintaan. Coba lagi dalam 1 jam. Darurat: ${v.hotline}`
      : `Too many requests. Please try again in 1 hour. Emergency: ${v.hotline}`,
  failure: (l: Language, v: { hotline: string }) =>
    l === 'id'
      ? `Maaf, layanan sedang terganggu. Coba lagi nanti, atau telepon ${v.hotline} (gratis, 24 jam).`
      : `Sorry, the service has a problem. Please try again later, or call ${v.hotline} (free, 24h).`,
  /** A field the network (not the person) sent missing or over-long: the person can only dial again. */
  badField: (l: Language, v: { field: string; problem: 'missing' | 'too_long'; hotline: string }) =>
    l === 'id'
      ? `Maaf, permintaan dari jaringan tidak valid (${v.field} ${v.problem === 'missing' ? 'kosong' : 'terlalu panjang'}). Tekan kode USSD lagi, atau telepon ${v.hotline} (gratis, 24 jam).`
      : `Sorry, the network's request was invalid (${v.field} ${v.problem === 'missing' ? 'missing' : 'too long'}). Dial the USSD code again, or call ${v.hotline} (free, 24h).`,
  tooLarge: (l: Language, v: { hotline: string }) =>
    l === 'id'
      ? `Maaf, isian terlalu besar untuk diproses. Tekan kode USSD lagi dan jawab singkat, atau telepon ${v.hotline} (gratis, 24 jam).`
      : `Sorry, the input is too large to process. Dial the USSD code again and answer briefly, or call ${v.hotline} (free, 24h).`,
  malformed: (l: Language, v: { hotline: string }) =>
    l === 'id'
      ? `Maaf, nomor HP Anda tidak terbaca. Tutup lalu tekan kode USSD lagi, atau telepon ${v.hotline} (gratis, 24 jam).`
      : `Sorry, your phone number could not be read. Close and dial the USSD code again, or call ${v.hotline} (free, 24h).`,
};
