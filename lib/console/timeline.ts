import type { AlertReason, CaseEvent, CaseEventDetails, CaseEventType, CaseStatus, Door } from '../domain/case.js';
import { CATEGORY_LABELS, URGENCY_LABELS, type Language } from '../domain/categories.js';
import { regencyLabel, type HomeRegency } from '../domain/regions.js';
import { T } from './texts.js';
import { REFUSAL_LABELS } from '../messages/data-request.js';

/**
 * The case timeline as sentences an official reads, in both languages, one per event type: the
 * mapped type makes a new event type without its sentence a compile error. The event's code stays
 * beside the sentence (`<code>` on the page) for anyone matching it with the logs or metrics.
 * Events carry no personal data, and neither do these sentences: official ids become the names of
 * the directory, nothing else is looked up.
 */
export interface TimelineContext {
  /** The directory's name for an official id (the id itself when unknown). */
  official: (id: string) => string;
  /**
   * The office an official acts for on this case ("Desk provinsi", "Lombok Timur"), when the directory
   * knows them: an alert is labelled by whom it went to, not by the ladder's level (the desk alerted
   * for a case whose regency is unknown is not "Kabupaten/kota").
   */
  office?: (id: string) => string | undefined;
}

type Sentence = Record<Language, string>;
type Sentences = { [K in CaseEventType]: (d: CaseEventDetails[K], ctx: TimelineContext) => Sentence };

const s = (id: string, en: string): Sentence => ({ id, en });
const level = (n: 1 | 2 | 3): Sentence => T.levels[n];
const status = (x: CaseStatus): Sentence => T.statuses[x];
const DOORS: Record<Door, Sentence> = { sms: s(' (lewat SMS)', ' (by SMS)'), whatsapp: s(' (lewat WhatsApp)', ' (by WhatsApp)'), console: s(' (lewat konsol)', ' (in the console)') };
const door = (via: Door | undefined): Sentence => (via ? DOORS[via] : s('', ''));
/** How a message went: the event records WhatsApp; without it (and before WhatsApp) it was an SMS. */
const sentBy = (d: { channel?: 'sms' | 'whatsapp' }): Sentence => (d.channel === 'whatsapp' ? s('WhatsApp', 'WhatsApp') : s('SMS', 'SMS'));
/**
 * Why an official's SMS command was refused or not carried out, in words: the codes stay in the
 * event (logs, metrics, JSON) and never reach an Indonesian page. An unknown code reads as a
 * general refusal, never as the code.
 */
const REASONS: Record<string, Sentence> = {
  inactive: s('petugas tidak aktif atau tidak terdaftar', 'the official is inactive or not registered'),
  locked: s('perintah petugas dikunci (PIN salah berkali-kali)', "the official's commands are locked (wrong PIN too often)"),
  no_pin: s('PIN tidak ditulis', 'no PIN given'),
  too_many_attempts: s('terlalu banyak percobaan', 'too many attempts'),
  wrong_pin: s('PIN salah', 'wrong PIN'),
  unknown_reference: s('kode kasus tidak dikenal', 'unknown case reference'),
  not_covered: s('kasus di luar wilayah petugas', "the case is outside the official's area"),
  not_open: s('kasus tidak terbuka', 'the case is not open'),
  taken: s('sudah ditangani petugas lain', 'another official holds it'),
  already_assigned: s('sudah ditangani petugas ini', 'already held by this official'),
  no_question: s('pertanyaan kosong', 'empty question'),
  reporter_no_sms: s('pelapor meminta tanpa SMS', 'the reporter asked for no SMS'),
  too_many_questions: s('terlalu banyak pertanyaan dalam satu jam', 'too many questions within the hour'),
  no_note: s('catatan hasil tidak ditulis', 'no outcome note'),
  merged: s('kasus sudah digabung ke kasus lain', 'the case was merged into another'),
};
const reason = (r: string): Sentence => REASONS[r] ?? s('alasan lain', 'another reason');
const both = (f: (l: Language) => string): Sentence => ({ id: f('id'), en: f('en') });
const ALERT_REASONS: Record<AlertReason, Sentence> = {
  new_case: s('kasus baru', 'new case'),
  escalation: s('dinaikkan', 'escalation'),
  undelivered: s('peringatan sebelumnya tidak terkirim', 'an earlier alert was not delivered'),
  handed_over: s('diserahkan', 'handed over'),
  rerouted: s('dialihkan setelah koreksi', 'rerouted after a correction'),
};
const NOT_TEXT: Record<CaseEventDetails['message_not_text']['kind'], Sentence> = {
  voice: s('pesan suara', 'voice note'), audio: s('rekaman suara', 'audio'), location: s('lokasi', 'location'),
  sticker: s('stiker', 'sticker'), media: s('gambar atau berkas tanpa keterangan', 'image or file without a caption'), other: s('jenis lain', 'other kind'),
};
/** What the reporter was told (lib/use-cases/notify-reporter.ts); an unknown notice is shown as written. */
const NOTICES: Record<string, Sentence> = {
  acknowledged: s('kasus sedang ditangani', 'the case is being handled'),
  resolved: s('kasus ditandai selesai, ditanya YA/TIDAK', 'the case was marked resolved, asked YES/NO'),
  reopened: s('kasus dibuka lagi', 'the case was reopened'),
  needInfo: s('petugas butuh keterangan', 'the officer needs information'),
};

const SENTENCES: Sentences = {
  reported: (d) => both((l) => `${l === 'id' ? 'Laporan masuk lewat' : 'Reported by'} ${T.channels[d.channel][l]}: ${CATEGORY_LABELS[d.category][l]}${d.truncated ? (l === 'id' ? ' (teks dipotong)' : ' (text cut)') : ''}`),
  follow_up: (d) => both((l) => `${l === 'id' ? `Pesan lanjutan dari pelapor lewat ${T.channels[d.channel].id}, ${d.length} huruf` : `Follow-up from the reporter by ${T.channels[d.channel].en}, ${d.length} characters`}${d.stored ? '' : l === 'id' ? ', tidak disimpan' : ', not stored'}${d.askedNewProblem ? (l === 'id' ? '; pelapor ditanya apakah ini masalah baru' : '; the reporter was asked whether it is a new problem') : ''}`),
  message_not_text: (d) => both((l) => `${l === 'id' ? 'Pesan tanpa teks dari pelapor lewat' : 'A message without text from the reporter by'} ${T.channels[d.channel][l]} (${NOT_TEXT[d.kind][l]}); ${l === 'id' ? 'pelapor diminta menulis' : 'the reporter was asked to write'}`),
  sent_by_sms_instead: (d, ctx) => s(`Pesan WhatsApp ke ${ctx.official(d.official)} ${d.reason === 'failed' ? 'gagal' : 'tidak sampai tepat waktu'}; dikirim lagi lewat SMS`, `WhatsApp message to ${ctx.official(d.official)} ${d.reason === 'failed' ? 'failed' : 'not delivered in time'}; sent again by SMS`),
  follow_up_moved: (d) => s(`Pesan lanjutan ${d.block} dipindah ke laporan baru ${d.to}`, `Follow-up ${d.block} moved to the new report ${d.to}`),
  reporter_confirmed: () => s('Pelapor menyatakan masalahnya selesai', 'The reporter confirmed the problem is solved'),
  reopened: (d) => both((l) => d.via
    ? `${l === 'id' ? 'Dibuka lagi' : 'Reopened'}: ${status(d.from)[l]} → ${status(d.to)[l]}${door(d.via)[l]}`
    : l === 'id' ? `Dibuka lagi oleh pelapor (menjawab TIDAK): ${status(d.from).id} → ${status(d.to).id}` : `Reopened by the reporter (answered NO): ${status(d.from).en} → ${status(d.to).en}`),
  official_command_refused: (d) => both((l) => `${l === 'id' ? 'Perintah' : 'Command'} ${d.command} ${l === 'id' ? 'ditolak' : 'refused'}: ${reason(d.reason)[l]}${d.locked ? (l === 'id' ? '; petugas dikunci' : '; the official is locked') : ''}`),
  official_command_not_applied: (d) => both((l) => `${l === 'id' ? 'Perintah' : 'Command'} ${d.command} ${l === 'id' ? 'tidak dijalankan' : 'not applied'}: ${reason(d.reason)[l]} (${status(d.status)[l]})`),
  acknowledged: (d, ctx) => both((l) => `${l === 'id' ? 'Ditangani di tingkat' : 'Taken at'} ${level(d.level)[l]}${d.takenFrom ? (l === 'id' ? `, diambil dari ${ctx.official(d.takenFrom)}` : `, taken over from ${ctx.official(d.takenFrom)}`) : ''}${door(d.via)[l]}`),
  resolved: (d) => both((l) => `${l === 'id' ? 'Diselesaikan' : 'Resolved'}${d.note ? (l === 'id' ? ' dengan catatan' : ' with a note') : ''}${door(d.via)[l]}`),
  info_viewed: (d) => both((l) => {
    const shown = [d.contactShown ? (l === 'id' ? 'nomor pelapor' : "the reporter's number") : '', d.textShown ? (l === 'id' ? 'isi laporan' : 'the report text') : ''].filter(Boolean).join(l === 'id' ? ' dan ' : ' and ');
    return `${l === 'id' ? 'Data dibuka lewat' : 'Details read by'} ${d.command}${shown ? `: ${shown}` : ''}${d.page ? (l === 'id' ? `, halaman ${d.page}` : `, page ${d.page}`) : ''}`;
  }),
  answer_relayed: (d, ctx) => s(`Jawaban pelapor diteruskan lewat ${sentBy(d).id} ke ${ctx.official(d.official)}`, `The reporter's answer went by ${sentBy(d).en} to ${ctx.official(d.official)}`),
  question_relayed: (d, ctx) => both((l) => `${l === 'id' ? 'Pertanyaan dari' : 'Question from'} ${ctx.official(d.official)}${door(d.via)[l]} ${l === 'id' ? 'dikirim ke pelapor lewat' : 'sent to the reporter by'} ${sentBy(d)[l]}`),
  note_added: (d) => s(`Catatan internal ditambahkan, ${d.length} huruf`, `Internal note added, ${d.length} characters`),
  regency_read: (d) => both((l) => `${l === 'id' ? 'Kabupaten/kota dibaca dari' : 'Regency read from'} ${d.from === 'answer' ? (l === 'id' ? 'jawaban pelapor' : "the reporter's answer") : (l === 'id' ? 'pesan pelapor' : "the reporter's message")}: ${regency(d.homeRegencyFrom, l)} → ${regency(d.homeRegencyTo, l)}`),
  category_confirmed: (d) => both((l) => `${l === 'id' ? 'Kategori yang dibaca dari teks dinyatakan benar' : 'The category read from the text was confirmed'}: ${CATEGORY_LABELS[d.category][l]}${door(d.via)[l]}`),
  corrected: (d) => both((l) => {
    const changes = [
      d.categoryTo ? `${l === 'id' ? 'kategori' : 'category'} ${label(CATEGORY_LABELS, d.categoryFrom, l)} → ${label(CATEGORY_LABELS, d.categoryTo, l)}` : '',
      d.urgencyTo ? `${l === 'id' ? 'urgensi' : 'urgency'} ${label(URGENCY_LABELS, d.urgencyFrom, l)} → ${label(URGENCY_LABELS, d.urgencyTo, l)}` : '',
      d.homeRegencyTo ? `${l === 'id' ? 'kabupaten/kota' : 'regency'} ${regency(d.homeRegencyFrom, l)} → ${regency(d.homeRegencyTo, l)}` : '',
    ].filter(Boolean);
    return `${l === 'id' ? 'Dikoreksi' : 'Corrected'}${changes.length ? `: ${changes.join('; ')}` : ''}${door(d.via)[l]}`;
  }),
  handed_over: (d) => both((l) => `${l === 'id' ? 'Diserahkan dari' : 'Handed over from'} ${level(d.from)[l]} ${l === 'id' ? 'ke' : 'to'} ${level(d.to)[l]}${door(d.via)[l]}`),
  referred: (d) => both((l) => `${l === 'id' ? 'Dirujuk ke' : 'Referred to'} ${(T.referrals as Record<string, Sentence>)[d.to]?.[l] ?? d.to}${door(d.via)[l]}`),
  merged: (d) => s(`Digabung ke laporan ${d.into}`, `Merged into report ${d.into}`),
  merged_from: (d) => s(`Laporan ${d.from} digabung ke sini`, `Report ${d.from} was merged into this one`),
  merge_undone: (d) => both((l) => `${l === 'id' ? `Penggabungan ke laporan ${d.into} dibatalkan; kasus ini berdiri sendiri lagi` : `Merge into report ${d.into} undone; this case stands on its own again`}${door(d.via)[l]}`),
  merge_undone_from: (d) => both((l) => `${l === 'id' ? `Penggabungan laporan ${d.from} ke sini dibatalkan` : `Merge of report ${d.from} into this one undone`}${door(d.via)[l]}`),
  agent_recorded: (d) => s(d.changed ? 'Nama agen/calo diubah' : 'Nama agen/calo dicatat', d.changed ? 'The agent or broker named was changed' : 'The agent or broker named was recorded'),
  escalated: (d) => both((l) => `${l === 'id' ? 'Dinaikkan dari' : 'Escalated from'} ${level(d.from)[l]} ${l === 'id' ? 'ke' : 'to'} ${level(d.to)[l]}: ${d.reason === 'not_acknowledged' ? (l === 'id' ? 'belum ditangani' : 'not taken') : (l === 'id' ? 'belum selesai' : 'not resolved')} ${l === 'id' ? 'sampai tenggat' : 'by the deadline'}`),
  reminder: (d, ctx) => s(`Pengingat ${sentBy(d).id} ke ${ctx.official(d.official)} (${level(d.level).id})`, `${sentBy(d).en} reminder to ${ctx.official(d.official)} (${level(d.level).en})`),
  sla_breached: (d, ctx) => both((l) => `${l === 'id' ? `Tenggat ${level(d.level).id} terlewati` : `${level(d.level).en} deadline missed`} (${d.periods}×)${d.official === 'none' ? '' : l === 'id' ? `; ${ctx.official(d.official)} diberi tahu lewat ${sentBy(d).id}` : `; ${ctx.official(d.official)} told by ${sentBy(d).en}`}`),
  alert: (d, ctx) => both((l) => {
    const office = ctx.office?.(d.official) ?? level(d.level)[l];
    return l === 'id'
      ? `Peringatan ${sentBy(d).id} ke ${ctx.official(d.official)} (${office}, ${ALERT_REASONS[d.reason].id})`
      : `${sentBy(d).en} alert to ${ctx.official(d.official)} (${office}, ${ALERT_REASONS[d.reason].en})`;
  }),
  alert_no_recipient: (d) => s(`Tidak ada petugas untuk diberi peringatan di ${level(d.level).id}`, `No official to alert at ${level(d.level).en}`),
  reporter_notified: (d) => both((l) => `${l === 'id' ? 'Pelapor diberi kabar lewat' : 'The reporter was told by'} ${sentBy(d)[l]}: ${(NOTICES[d.notice] ?? s('kabar lain', 'another notice'))[l]}`),
  follow_up_notice: (d, ctx) => s(`${ctx.official(d.official)} diberi tahu lewat ${sentBy(d).id} ada pesan lanjutan`, `${ctx.official(d.official)} was told of a follow-up by ${sentBy(d).en}`),
  reopened_notice: (d, ctx) => s(`${ctx.official(d.official)} diberi tahu lewat ${sentBy(d).id} kasus dibuka lagi`, `${ctx.official(d.official)} was told the case was reopened by ${sentBy(d).en}`),
  personal_data_erased: (d) => d.reason === 'retention'
    ? s('Data pribadi dihapus sesuai masa retensi', 'Personal data destroyed at the end of the retention period')
    : s(`Data pribadi dihapus atas permintaan ${d.request ?? ''}`.trim(), `Personal data erased on request ${d.request ?? ''}`.trim()),
  data_request_received: (d) => both((l) => `${l === 'id' ? 'Permintaan data masuk lewat' : 'Data request received by'} ${T.channels[d.channel][l]}: ${d.type === 'erasure' ? (l === 'id' ? 'hapus data' : 'erasure') : (l === 'id' ? 'salinan data' : 'a copy of the data')}`),
  data_request_decided: (d) => both((l) => {
    const what = d.outcome === 'refused' ? (l === 'id' ? `ditolak (${d.ground ? REFUSAL_LABELS[d.ground][l] : '?'})` : `refused (${d.ground ? REFUSAL_LABELS[d.ground][l] : '?'})`)
      : d.outcome === 'corrected' ? (l === 'id' ? 'dipenuhi dengan koreksi' : 'fulfilled by a correction')
        : (l === 'id' ? 'dilaksanakan' : 'carried out');
    return `${l === 'id' ? 'Permintaan data' : 'Data request'} ${what}; ${d.cases} ${l === 'id' ? 'kasus' : 'case(s)'}`;
  }),
  data_exported: (d) => s(`Salinan data dibuat (${d.format.toUpperCase()}, ${d.cases} kasus)`, `Copy of the data produced (${d.format.toUpperCase()}, ${d.cases} case(s))`),
};

function label<K extends string>(labels: Record<K, Sentence>, key: string | undefined, l: Language): string {
  return key && key in labels ? labels[key as K][l] : key ?? '?';
}

function regency(code: string | undefined, l: Language): string {
  return code ? regencyLabel(code as HomeRegency, l) : '?';
}

/** Who did it: an official by name, the reporter, or the system. */
export function actorName(actor: string, l: Language, ctx: TimelineContext): string {
  if (actor.startsWith('official:')) return ctx.official(actor.slice('official:'.length));
  if (actor === 'reporter') return l === 'id' ? 'Pelapor' : 'Reporter';
  if (actor === 'system') return l === 'id' ? 'Sistem' : 'System';
  return actor;
}

export function eventSentence(l: Language, e: CaseEvent, ctx: TimelineContext): string {
  const sentence = (SENTENCES[e.type] as (d: unknown, c: TimelineContext) => Sentence)(e.detail, ctx);
  return `${actorName(e.actor, l, ctx)}: ${sentence[l]}`;
}
