import * as z from '../zod.js';

/**
 * Complaint categories follow the BP2MI complaint statistics and the LTSA service groups
 * (see shared DOMAIN.md), so that monthly figures line up with the ministry's.
 */
export const CATEGORIES = [
  'unpaid_wages',
  'wants_to_go_home',
  'documents_held',
  'violence_abuse',
  'trafficking',
  'illness_accident',
  'death',
  'detained_deported',
  'lost_contact',
  'job_fraud',
  'other',
] as const;

export const Category = z.enum(CATEGORIES);
export type Category = z.infer<typeof Category>;

export const URGENCIES = ['urgent', 'high', 'normal'] as const;
export const Urgency = z.enum(URGENCIES);
export type Urgency = z.infer<typeof Urgency>;

export const Language = z.enum(['id', 'en']);
export type Language = z.infer<typeof Language>;

/** Short labels: they appear in USSD lists and SMS alerts, so each stays under 30 characters. */
export const CATEGORY_LABELS: Record<Category, Record<Language, string>> = {
  unpaid_wages: { id: 'Gaji tidak dibayar', en: 'Unpaid wages' },
  wants_to_go_home: { id: 'Ingin pulang', en: 'Wants to go home' },
  documents_held: { id: 'Paspor/dokumen ditahan', en: 'Passport/documents held' },
  violence_abuse: { id: 'Kekerasan/pelecehan', en: 'Violence/sexual abuse' },
  trafficking: { id: 'TPPO/calo ilegal', en: 'Trafficking/illegal broker' },
  illness_accident: { id: 'Sakit/kecelakaan', en: 'Illness/accident' },
  death: { id: 'Meninggal dunia', en: 'Death' },
  detained_deported: { id: 'Ditahan/dideportasi', en: 'Detained/deported' },
  lost_contact: { id: 'Hilang kontak', en: 'Lost contact' },
  job_fraud: { id: 'Penipuan kerja/biaya', en: 'Job fraud/overcharging' },
  other: { id: 'Lainnya', en: 'Other' },
};

const URGENCY_BY_CATEGORY: Record<Category, Urgency> = {
  trafficking: 'urgent',
  violence_abuse: 'urgent',
  death: 'urgent',
  detained_deported: 'urgent',
  illness_accident: 'urgent',
  wants_to_go_home: 'high',
  documents_held: 'high',
  unpaid_wages: 'high',
  lost_contact: 'normal',
  job_fraud: 'normal',
  other: 'normal',
};

export const URGENCY_LABELS: Record<Urgency, Record<Language, string>> = {
  urgent: { id: 'SEGERA', en: 'URGENT' },
  high: { id: 'TINGGI', en: 'HIGH' },
  normal: { id: 'BIASA', en: 'NORMAL' },
};

export function urgencyOf(category: Category): Urgency {
  return URGENCY_BY_CATEGORY[category];
}

/**
 * What a worker typed, read as a category. Phrases, not single words, decide the severe categories:
 * people write "permit mati" / "visa mati" (expired), "HP mati" (phone dead) and "pukul 10" (ten
 * o'clock) every day, and a death or violence read from such a word sends a false SEGERA alert and
 * lands in the monthly figures as a death. So each category lists the phrases that mean it alone
 * ("strong"), and words that mean it only when a second, different one of them stands in the same
 * text ("weak"). Order matters: the most severe category with a reading wins, so "calo ... gaji" is
 * trafficking.
 */
interface CategoryCues { strong: RegExp[]; weak?: RegExp[] }

/** Things that go "mati" without anybody dying: documents expire, phones and power go dead. */
const NOT_A_DEATH = /\b(permit|visa|paspor|passport|pasport|izin|ijin|kontrak|dokumen|ktp|hp|handphone|telepon|telpon|ponsel|hape|baterai|batre|lampu|listrik|mesin|motor|sinyal|wifi|kartu|sim|akun|masa berlaku)( \w+)?( sudah| udah| sdh| telah)? mati\b/g;

const CATEGORY_CUES: ReadonlyArray<[Category, CategoryCues]> = [
  ['death', {
    strong: [
      /\b(meninggal( dunia)?|wafat|tewas|jenazah|mayat|almarhum|almarhumah|died|passed away|bunuh diri|dibunuh)\b/,
      /\b(sudah|sdh|udah|telah|ditemukan) mati\b/,
      /\bmati (di|dalam|karena|kecelakaan|dibunuh|tertabrak|tenggelam)\b/,
      /\b(is|was|found) dead\b/,
    ],
    weak: [/\bmati\b/, /\bdead\b/, /\bdeath\b/, /\bkubur\w*\b/, /\bduka\b/],
  }],
  // Held, confined or forced to work (the ILO's indicators), sold, or sent somewhere else than promised
  // (the scam compounds of Cambodia and Myanmar): trafficking, whatever else the text names.
  ['trafficking', {
    strong: [
      /\b(calo|tekong|tppo|trafficking|diperdagangkan|perdagangan orang|sponsor ilegal|non ?prosedural|unprocedural|lewat jalur (belakang|ilegal|tikus))\b/,
      /\b(disekap|dikurung|disandera|kerja paksa|dipaksa (kerja|bekerja)|forced (to work|labou?r)|held captive|dijual ke)\b/,
      /\b(tidak|tak|gak|nggak|ga) (boleh|diizinkan|dibolehkan) keluar\b/,
    ],
    weak: [/\bdijual\b/, /\bilegal\b/, /\billegal\b/, /\bbroker\b/, /\bpaspor (palsu|dipalsukan)\b/, /\bdijanjikan\b/, /\b(kamboja|cambodia|myanmar)\b/],
  }],
  ['violence_abuse', {
    strong: [/\b(dipukul|dipukuli|memukul|mukul|disiksa|menyiksa|kekerasan|diperkosa|perkosa|pemerkosaan|pelecehan|dilecehkan|aniaya|dianiaya|ditampar|ditendang|disetrika|abused|beaten|raped|rape|violence|hit me|beat me|beats me|kicked me)\b/],
    weak: [/\bpukul\b/, /\bsiksa\b/, /\bkasar\b/, /\babuse\b/, /\bbeat\b/, /\bluka\b/, /\bmemar\b/],
  }],
  ['detained_deported', {
    strong: [/\b(ditahan (di )?(polisi|imigrasi|aparat|penjara|depo|kantor polisi)|ditangkap|penjara|dipenjara|deportasi|dideportasi|dipulangkan paksa|tahanan imigrasi|depo imigrasi|arrested|detained|jail|prison|deported)\b/],
    weak: [/\bimigrasi\b/, /\bpolisi\b/, /\btahanan\b/, /\brazia\b/],
  }],
  ['illness_accident', {
    strong: [/\b(kecelakaan|rumah sakit|dirawat|cedera|terluka|patah tulang|kena mesin|jatuh dari|sick|injured|injury|accident|hospital)\b/, /\bsakit\b(?! hati)/],
    weak: [/\bluka\b/, /\bhamil\b/, /\bill\b/, /\bdemam\b/, /\bpingsan\b/],
  }],
  // Sponsors and agents also keep the papers a family hands over as a pledge: diploma, birth certificate, family card.
  ['documents_held', { strong: [/\b(paspor|pasport|passport|dokumen|document|documents|ktp|visa|permit|izin kerja|ijin kerja|ijazah|akta( kelahiran)?|kartu keluarga|buku nikah|buku pelaut|seaman book|diploma)\b/] }],
  ['unpaid_wages', { strong: [/\b(gaji|upah|gajian|digaji|bayaran|salary|wage|wages|unpaid|not paid|belum dibayar|tidak dibayar|tak dibayar)\b/, /\b(majikan|bos|boss|employer) (tidak|belum|tak|gak|nggak) (mau )?(bayar|membayar)\b/] }],
  ['wants_to_go_home', { strong: [/\b(pulang|dipulangkan|pulangkan|memulangkan|pemulangan|kembali ke indonesia|balik (ke )?(kampung|indonesia|lombok|sumbawa|ntb|rumah)|rindu rumah|go home|return home|want to return|repatriat\w*)\b/] }],
  ['lost_contact', {
    strong: [/\b(hilang kontak|putus kontak|tidak ada kabar|tak ada kabar|tidak bisa dihubungi|tdk bisa dihubungi|lost contact|no news)\b/],
    weak: [/\bhilang\b/, /\bmissing\b/],
  }],
  ['job_fraud', { strong: [/\b(penipuan|ditipu|tipu|potongan|dipotong|bohong|palsu|fraud|scam|cheated|overcharg\w*)\b/, /\b(tidak|belum|batal|gagal) (jadi )?(di)?berangkat(kan)?\b/], weak: [/\bbiaya\b/, /\bfee\b/, /\bfees\b/] }],
];

/** A category read from a text, with the words it was read from (shown to officials until confirmed). */
export interface CategoryReading { category: Category; words: string[] }

function normaliseForReading(text: string): string {
  // new RegExp, not a literal: V8 parses a \p{..} literal at every cold start, used or not (see normaliseSms).
  return ` ${text.toLowerCase().replace(new RegExp('[^\\p{L}\\p{N}]+', 'gu'), ' ').trim()} `;
}

export function readCategory(text: string): CategoryReading {
  const normalised = normaliseForReading(text).replace(NOT_A_DEATH, (phrase) => phrase.replace(/mati$/, ''));
  for (const [category, cues] of CATEGORY_CUES) {
    for (const pattern of cues.strong) {
      const match = pattern.exec(normalised);
      if (match) return { category, words: [match[0].trim()] };
    }
    const weakWords = [...new Set((cues.weak ?? []).flatMap((pattern) => pattern.exec(normalised)?.[0].trim() ?? []))];
    if (weakWords.length >= 2) return { category, words: weakWords };
  }
  return { category: 'other', words: [] };
}

export function guessCategory(text: string): Category {
  return readCategory(text).category;
}
