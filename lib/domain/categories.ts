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
 * Word stems that workers actually type, in Indonesian, Sasak/Malay-influenced spellings and English.
 * Order matters: the most severe categories are checked first, so "calo ... gaji" is trafficking.
 */
const CATEGORY_HINTS: ReadonlyArray<[Category, RegExp]> = [
  ['death', /\b(meninggal|wafat|tewas|mati|jenazah|mayat|died|dead|death|passed away)\b/],
  ['trafficking', /\b(calo|tekong|tppo|trafficking|diperdagangkan|perdagangan orang|dijual|sponsor ilegal|ilegal|illegal|broker|non ?prosedural)\b/],
  ['violence_abuse', /\b(pukul|dipukul|disiksa|siksa|kekerasan|diperkosa|perkosa|pelecehan|dilecehkan|aniaya|dianiaya|abuse|abused|beat|beats|beaten|rape|raped|violence|hit me)\b/],
  ['detained_deported', /\b(ditahan polisi|ditangkap|penjara|dipenjara|deportasi|dideportasi|dipulangkan paksa|tahanan|imigrasi|arrested|detained|jail|prison|deported)\b/],
  ['illness_accident', /\b(sakit|kecelakaan|luka|cedera|rumah sakit|dirawat|hamil|sick|ill|injured|injury|accident|hospital)\b/],
  ['documents_held', /\b(paspor|passport|dokumen|document|documents|ktp|visa|permit|izin kerja)\b/],
  ['unpaid_wages', /\b(gaji|upah|gajian|dibayar|bayaran|salary|wage|wages|unpaid|not paid)\b/],
  ['wants_to_go_home', /\b(pulang|kembali ke indonesia|rindu rumah|go home|return home|want to return|repatriat\w*)\b/],
  ['lost_contact', /\b(hilang kontak|tidak ada kabar|tak ada kabar|tidak bisa dihubungi|hilang|lost contact|missing|no news)\b/],
  ['job_fraud', /\b(penipuan|ditipu|tipu|biaya|potongan|bohong|palsu|fraud|scam|cheated|overcharg\w*|fee|fees)\b/],
];

export function guessCategory(text: string): Category {
  const normalised = text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ');
  for (const [category, pattern] of CATEGORY_HINTS) {
    if (pattern.test(normalised)) return category;
  }
  return 'other';
}
