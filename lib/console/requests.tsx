// One chunk for what the pages share with the router: see init-chunk.ts.
import './init-chunk.js';
import type { Child } from 'hono/jsx';
import * as z from '../zod.js';
import { type Case, type CaseEvent, dataRequestDeadline, REFUSAL_GROUNDS } from '../domain/case.js';
import { CATEGORY_LABELS, type Language } from '../domain/categories.js';
import { countryLabel, regencyLabel } from '../domain/regions.js';
import { formatLocalTime } from '../messages/reporter.js';
import { erasedNote } from '../messages/erasure.js';
import { REFUSAL_LABELS } from '../messages/data-request.js';
import { CONTROLLER, retentionPeriod } from '../messages/consent.js';
import { esc } from '../http/escape.js';
import type { Policy } from '../config.js';
import type { Official } from '../domain/official.js';
import { logger } from '../logger.js';
import {
  decideDataRequest, type DataExport, type DeskDecision, exportData, mayDecideRequests, openRequest, type RequestView,
} from '../use-cases/data-request-decide.js';
import type { ConsoleDeps } from '../use-cases/console/deps.js';
import { type ConsoleContext, page } from './kit.js';
import { param } from './lazy.js';
import { T } from './texts.js';
import { eventSentence } from './timeline.js';

/**
 * The console's data-request tab (`/console/requests`, issue 22): HAPUS / DATA requests with their
 * 3x24-hour deadline, each request's page with the number's cases (facts only), and the desk's
 * decision: carry it out (erase every case of the number, or produce the copy), refuse it with a
 * ground (Art. 33, 44, 15), or record that a correction fulfilled it. Desk and BP3MI only; a
 * regency officer gets "not found", as for a case outside their area.
 */

const pair = (id: string, en: string) => ({ id, en });
const R = {
  title: pair('Permintaan data', 'Data requests'),
  intro: pair('Permintaan hapus data (HAPUS) dan salinan data (DATA) dari pelapor. Wajib dijawab dalam 3x24 jam (UU 27/2022). Pesan saja tidak pernah menghapus apa pun: Anda yang memutuskan.',
    'Requests to erase (HAPUS) or copy (DATA) a reporter\'s data. They must be answered within 3x24 hours (Law 27/2022). A message alone never erases anything: you decide.'),
  open: pair('Belum diputuskan', 'Not decided'),
  decided: pair('Sudah diputuskan', 'Decided'),
  none: pair('Tidak ada.', 'None.'),
  erasure: pair('Hapus data', 'Erasure'),
  access: pair('Salinan data', 'Copy of the data'),
  received: pair('Diterima', 'Received'),
  deadline: pair('Batas 3x24 jam', '3x24-hour deadline'),
  left: pair('lagi', 'left'),
  late: pair('terlambat', 'late'),
  cases: pair('Kasus dari nomor ini', 'Cases of this number'),
  noCases: pair('Nomor ini tidak punya kasus lain.', 'This number has no other case.'),
  casesTouched: pair('Kasus yang terkena keputusan', 'Cases the decision touched'),
  carryOutErase: pair('Laksanakan: hapus data pribadi semua kasus nomor ini', 'Carry out: erase the personal data of every case of this number'),
  confirmErase: pair('Saya sudah memeriksa: tidak ada bahaya bagi pekerja, perkara hukum, atau kepentingan penegakan hukum yang menghalangi.',
    'I checked: no danger to the worker, pending legal case or law-enforcement need stands in the way.'),
  carryOutAccess: pair('Tandai salinan sudah diserahkan', 'Mark the copy as handed over'),
  export: pair('Salinan data (serahkan langsung, jangan lewat SMS)', 'Copy of the data (hand over in person, never by SMS)'),
  refuse: pair('Tolak dengan alasan', 'Refuse with a ground'),
  ground: pair('Alasan', 'Ground'),
  corrected: pair('Dipenuhi dengan koreksi (koreksi dulu di halaman kasus)', 'Fulfilled by a correction (correct it on the case page first)'),
  correctedCase: pair('Kode kasus yang dikoreksi', 'Reference of the corrected case'),
  decision: pair('Keputusan', 'Decision'),
  outcomes: { carried_out: pair('Dilaksanakan', 'Carried out'), refused: pair('Ditolak', 'Refused'), corrected: pair('Dipenuhi dengan koreksi', 'Fulfilled by a correction') },
  by: pair('oleh', 'by'),
  done: pair('Keputusan tersimpan. Pelapor diberi tahu.', 'Decision saved. The reporter is told.'),
  erased: pair('kasus dihapus datanya', 'case(s) erased'),
  timeline: pair('Riwayat', 'Timeline'),
  save: pair('Simpan', 'Save'),
  invalid: pair('Periksa isian: ', 'Check the field: '),
  /** The decision form's fields by name and what is wrong with each, in words (issue 23 item 6): never the field's code. */
  fieldNames: {
    confirm: pair('konfirmasi pemeriksaan', 'confirmation'), ground: pair('alasan penolakan', 'ground'), case: pair('kode kasus yang dikoreksi', 'reference of the corrected case'),
  } as Record<string, { id: string; en: string }>,
  anyField: pair('isian formulir', 'form field'),
  fieldErrors: {
    confirm: pair('Centang kotak ini setelah memeriksa.', 'Tick the box once you have checked.'),
    ground: pair('Pilih salah satu alasan penolakan.', 'Choose one of the grounds.'),
    case: pair('Tulis kode salah satu kasus dari nomor ini.', "Write the reference of one of this number's cases."),
  } as Record<string, { id: string; en: string }>,
  badValue: pair('Isian tidak valid.', 'Invalid value.'),
  notApplied: pair('Tidak dijalankan: ', 'Not applied: '),
  back: pair('Kembali ke daftar permintaan', 'Back to the requests'),
};

export const REQUESTS_CSS = `.request-kind{font-weight:600}
.request dl{margin-top:.25rem}
label.check{font-weight:400;display:flex;gap:.5rem;align-items:flex-start}
label.check input{margin-top:.25rem;min-width:1.2rem;min-height:1.2rem}`;

function timeLeft(l: Language, deadline: Date, now: Date): { text: string; late: boolean } {
  const ms = deadline.getTime() - now.getTime();
  const h = Math.floor(Math.abs(ms) / 3600_000);
  const m = Math.floor((Math.abs(ms) % 3600_000) / 60_000);
  return { text: `${h}${l === 'id' ? ' jam ' : 'h '}${m}${l === 'id' ? ' mnt ' : 'm '}${ms >= 0 ? R.left[l] : R.late[l]}`, late: ms < 0 };
}

/** `bare`: without its label, where the label is the row's own (the request page's facts). */
const Deadline = ({ l, c, now, bare }: { l: Language; c: Case; now: Date; bare?: boolean }) => {
  const deadline = dataRequestDeadline(c);
  const decided = c.dataRequest?.decision;
  const left = decided ? undefined : timeLeft(l, deadline, now);
  return <span class={left?.late ? 'late' : undefined}>{bare ? '' : `${R.deadline[l]} `}{formatLocalTime(deadline.toISOString())}{left ? ` (${left.text})` : ''}</span>;
};

const kindLabel = (l: Language, c: Case) => (c.dataRequest?.type === 'erasure' ? R.erasure[l] : R.access[l]);

function RequestList({ l, open, decided, now }: { l: Language; open: Case[]; decided: Case[]; now: Date }) {
  const Item = ({ c }: { c: Case }) => (
    <li class={c.dataRequest?.decision ? undefined : 'high'}>
      <a class="ref" href={`/console/requests/${c.reference}`}>{c.reference}</a> <span class="request-kind">{kindLabel(l, c)}</span>
      <div class="meta">
        {R.received[l]} {formatLocalTime(c.createdAt)} · {T.channels[c.channel][l]} · {T.levels[c.level][l]} · <Deadline l={l} c={c} now={now} />
        {c.dataRequest?.decision ? <> · {R.outcomes[c.dataRequest.decision.outcome][l]}</> : null}
      </div>
    </li>
  );
  return (
    <>
      <p>{R.intro[l]}</p>
      <h2>{R.open[l]} ({open.length})</h2>
      {open.length ? <ol class="cases" id="requests-open">{open.map((c) => <Item c={c} />)}</ol> : <p>{R.none[l]}</p>}
      <h2>{R.decided[l]}</h2>
      {decided.length ? <ol class="cases" id="requests-decided">{decided.map((c) => <Item c={c} />)}</ol> : <p>{R.none[l]}</p>}
    </>
  );
}

function RequestPage({ l, view, names, now, csrf, notice, errors }: {
  l: Language; view: RequestView; names: Map<string, string>; now: Date; csrf: string;
  notice?: { kind: 'ok' | 'err'; text: string }; errors?: Record<string, string>;
}) {
  const c = view.request;
  const decision = c.dataRequest?.decision;
  const err = (field: string) => (errors?.[field] ? <p class="err" id={`e-${field}`}>{errors[field]}</p> : null);
  const Form = ({ action, label, children, id }: { action: string; label: string; children?: Child; id: string }) => (
    <form method="post" action={`/console/requests/${c.reference}/${action}`} id={id}>
      <input type="hidden" name="csrf" value={csrf} />
      {children}
      <button type="submit">{label}</button>
    </form>
  );
  return (
    <div class="request">
      {notice ? <p class={`${notice.kind} notice`} id="notice" role="status">{notice.text}</p> : null}
      <dl id="request-facts">
        <dt>{T.status[l]}</dt><dd id="request-kind">{kindLabel(l, c)} · {T.statuses[c.status][l]} · {T.levels[c.level][l]}</dd>
        <dt>{R.received[l]}</dt><dd>{formatLocalTime(c.createdAt)} · {T.channels[c.channel][l]}</dd>
        <dt>{R.deadline[l]}</dt><dd id="request-deadline"><Deadline l={l} c={c} now={now} bare /></dd>
        {decision ? (<><dt>{R.decision[l]}</dt><dd id="decision">{R.outcomes[decision.outcome][l]}{decision.ground ? `: ${REFUSAL_LABELS[decision.ground][l]}` : ''} · {R.by[l]} {names.get(decision.by) ?? decision.by} · {formatLocalTime(decision.at)}</dd></>) : null}
        {c.erased ? (<><dt>{T.reporterPhone[l]}</dt><dd>{erasedNote(c.erased, l)}</dd></>) : null}
      </dl>
      <h2>{decision ? R.casesTouched[l] : R.cases[l]}</h2>
      {view.cases.length ? (
        <ol class="cases" id="request-cases">
          {view.cases.map((k) => (
            <li><a class="ref" href={`/console/cases/${k.reference}`}>{k.reference}</a> {CATEGORY_LABELS[k.category][l]}
              <div class="meta">{formatLocalTime(k.createdAt)} · {regencyLabel(k.homeRegency, l)} · {countryLabel(k.country, l)} · {T.statuses[k.status][l]}{k.erased ? ` · ${erasedNote(k.erased, l)}` : ''}</div>
            </li>
          ))}
        </ol>
      ) : <p>{R.noCases[l]}</p>}
      {!decision && c.dataRequest?.type === 'erasure' ? (
        <Form action="carry-out" label={R.carryOutErase[l]} id="form-carry-out">
          <label class="check" for="f-confirm"><input type="checkbox" id="f-confirm" name="confirm" value="yes" required />{R.confirmErase[l]}</label>
          {err('confirm')}
        </Form>
      ) : null}
      {c.dataRequest?.type === 'access' && decision?.outcome !== 'refused' ? (
        <p id="export">{R.export[l]}: <a href={`/console/requests/${c.reference}/export.html`} id="export-html">HTML</a> · <a href={`/console/requests/${c.reference}/export.json`} id="export-json">JSON</a></p>
      ) : null}
      {!decision && c.dataRequest?.type === 'access' ? <Form action="carry-out" label={R.carryOutAccess[l]} id="form-carry-out"><input type="hidden" name="confirm" value="yes" /></Form> : null}
      {!decision ? (
        <details open={Boolean(errors?.ground)}><summary>{R.refuse[l]}</summary>
          <Form action="refuse" label={R.refuse[l]} id="form-refuse">
            <label for="f-ground">{R.ground[l]}</label>
            <select id="f-ground" name="ground" required>
              <option value=""></option>
              {REFUSAL_GROUNDS.map((g) => <option value={g}>{REFUSAL_LABELS[g][l]}</option>)}
            </select>
            {err('ground')}
          </Form>
        </details>
      ) : null}
      {!decision ? (
        <details open={Boolean(errors?.case)}><summary>{R.corrected[l]}</summary>
          <Form action="corrected" label={R.save[l]} id="form-corrected">
            <label for="f-case">{R.correctedCase[l]}</label>
            <input type="text" id="f-case" name="case" required maxlength={8} />
            {err('case')}
          </Form>
        </details>
      ) : null}
      <h2>{R.timeline[l]}</h2>
      <ol class="timeline" id="timeline">
        {view.events.map((e: CaseEvent) => <li>{formatLocalTime(e.at)} {eventSentence(l, e, { official: (id) => names.get(id) ?? id })} <code class="event">{e.type}</code></li>)}
      </ol>
      <p><a href="/console/requests">{R.back[l]}</a></p>
    </div>
  );
}

/**
 * The copy of the data as a page the desk can print or save and hand over: what the hotline holds
 * about the number, and the record of processing the person is owed with it (Art. 32).
 */
export function exportHtml(data: DataExport, policy: Pick<Policy, 'retentionDaysAfterClose'>): string {
  const row = (k: string, v: string | undefined) => (v ? `<tr><th scope="row">${esc(k)}</th><td>${esc(v)}</td></tr>` : '');
  const cases = data.cases.map((c) => `<section><h2>${esc(c.reference)}</h2><table>${
    row('Diterima / received', c.createdAt) + row('Saluran / channel', c.channel) + row('Kategori / category', c.category)
    + row('Status', c.status) + row('Kabupaten/kota / regency', c.homeRegency) + row('Negara / country', c.country)
    + row('Pelapor / reporter', c.reporterType) + row('Nomor HP / phone', c.contact) + row('NIK', c.nik)
    + row('Nama pekerja / worker', c.workerName) + row('Agen/calo / agent', c.agentName)
    + row('Persetujuan / consent', c.consent ? `${c.consent.channel} ${c.consent.at} versi ${c.consent.version}` : undefined)
  }</table><h3>Yang ditulis / what was written</h3><pre>${esc(c.description)}</pre><h3>Riwayat / timeline</h3><ol>${
    c.events.map((e) => `<li>${esc(e.at)} ${esc(e.type)}</li>`).join('')}</ol></section>`).join('');
  return `<!doctype html><html lang="id"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>Salinan data ${esc(data.request)}</title></head><body>`
    + `<h1>Salinan data pribadi · permintaan ${esc(data.request)}</h1>`
    + `<p>Pengendali data: ${esc(CONTROLLER)}. Dibuat ${esc(data.generatedAt)}. RAHASIA: serahkan langsung kepada pemilik data atau pendamping yang memintanya, jangan lewat SMS.</p>`
    + `<p>Catatan pemrosesan (UU 27/2022 Pasal 32): data dipakai hanya untuk menangani laporan (menghubungi pelapor, meneruskan ke Disnakertrans kabupaten/kota dan provinsi NTB, BP3MI NTB); disimpan terenkripsi; dihapus ${esc(retentionPeriod(policy.retentionDaysAfterClose, 'id'))} setelah laporan selesai; setiap akses petugas dicatat. Statistik tanpa data pribadi tetap disimpan.</p>`
    + (cases || '<p>Tidak ada kasus.</p>') + '</body></html>';
}

const Decision = z.object({
  confirm: z.optional(z.literal('yes')),
  ground: z.optional(z.enum(REFUSAL_GROUNDS)),
  case: z.optional(z.string().check(z.maxLength(16))),
});

export function requestsPages(deps: ConsoleDeps) {
  const l = (c: ConsoleContext) => c.get('lang');
  const html = (c: ConsoleContext, title: string, body: Child, status: 200 | 400 | 404 | 409 = 200) => c.html(page(c, { title, body }), status);
  const notFound = (c: ConsoleContext) => html(c, T.notFound[l(c)], <p><a href="/console">{T.back[l(c)]}</a></p>, 404);
  const namesOf = async () => new Map((await deps.directory.listOfficials()).map((o: Official) => [o.id, o.name]));

  const list = async (c: ConsoleContext) => {
    if (!mayDecideRequests(c.get('official'))) return notFound(c);
    const rows = await Promise.all((['new', 'acknowledged', 'closed'] as const).map((status) => deps.casePages.queueRows({ status, of: 'data_requests' }, {}, 50)));
    const cases = (await Promise.all(rows.flatMap((r) => r.rows).map((r) => deps.cases.getCase(r.id)))).filter((x): x is Case => x !== undefined);
    const open = cases.filter((x) => !x.dataRequest?.decision).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
    const decided = cases.filter((x) => x.dataRequest?.decision).sort((a, b) => b.updatedAt.localeCompare(a.updatedAt)).slice(0, 20);
    return html(c, R.title[l(c)], <RequestList l={l(c)} open={open} decided={decided} now={deps.clock.now()} />);
  };

  const render = async (c: ConsoleContext, reference: string, state: { notice?: { kind: 'ok' | 'err'; text: string }; errors?: Record<string, string> } = {}, status: 200 | 400 | 409 = 200) => {
    const opened = await openRequest(deps, c.get('official'), reference);
    if (opened.kind === 'not_found') return notFound(c);
    return html(c, `${R.title[l(c)]} ${opened.view.request.reference}`, (
      <RequestPage l={l(c)} view={opened.view} names={await namesOf()} now={deps.clock.now()} csrf={c.get('session').csrfToken} {...state} />
    ), status);
  };

  const show = async (c: ConsoleContext) => {
    const done = c.req.query('done');
    const erased = Number(c.req.query('erased') ?? '0');
    return render(c, param(c, 'reference'), done ? { notice: { kind: 'ok', text: `${R.done[l(c)]}${erased > 0 ? ` ${erased} ${R.erased[l(c)]}.` : ''}` } } : {});
  };

  const decide = async (c: ConsoleContext) => {
    const reference = param(c, 'reference');
    const action = param(c, 'action');
    const raw = await c.req.parseBody();
    const form = Decision.safeParse(Object.fromEntries(Object.entries(raw).filter(([k, v]) => k !== 'csrf' && typeof v === 'string' && v !== '')));
    // Field names and messages in the page's language; the field's code stays in the form (name=...).
    const named = (field: string) => R.fieldNames[field]?.[l(c)] ?? R.anyField[l(c)];
    const invalidFields = (fields: string[]) => render(c, reference, {
      errors: Object.fromEntries(fields.map((f) => [f, R.fieldErrors[f]?.[l(c)] ?? R.badValue[l(c)]])),
      notice: { kind: 'err', text: `${R.invalid[l(c)]}${fields.map(named).join(', ')}` },
    }, 400);
    const invalid = (field: string) => invalidFields([field]);
    if (!form.success) return invalid(String(form.error.issues[0]?.path[0] ?? 'body'));
    let decision: DeskDecision;
    if (action === 'carry-out') {
      if (!form.data.confirm) return invalid('confirm');
      decision = { outcome: 'carried_out' };
    } else if (action === 'refuse') {
      if (!form.data.ground) return invalid('ground');
      decision = { outcome: 'refused', ground: form.data.ground };
    } else {
      if (!form.data.case) return invalid('case');
      decision = { outcome: 'corrected', case: form.data.case };
    }
    const outcome = await decideDataRequest(deps, c.get('official'), reference, decision);
    switch (outcome.kind) {
      case 'not_found': return notFound(c);
      case 'invalid': return invalidFields(Object.keys(outcome.fields));
      case 'not_applied': return render(c, reference, { notice: { kind: 'err', text: `${R.notApplied[l(c)]}${T.reasons[outcome.reason][l(c)]}` } }, 409);
      case 'done': return c.redirect(`/console/requests/${outcome.reference}?done=1${outcome.erased ? `&erased=${outcome.erased}` : ''}`, 303);
    }
  };

  const download = async (c: ConsoleContext) => {
    const format = param(c, 'file').endsWith('.json') ? 'json' as const : 'html' as const;
    const outcome = await exportData(deps, c.get('official'), param(c, 'reference'), format);
    if (outcome.kind === 'not_found') return notFound(c);
    if (outcome.kind === 'not_applied') return render(c, param(c, 'reference'), { notice: { kind: 'err', text: `${R.notApplied[l(c)]}${T.reasons[outcome.reason][l(c)]}` } }, 409);
    const name = `salinan-${outcome.request.reference}.${format}`;
    const headers = { 'content-disposition': `attachment; filename="${name}"`, 'cache-control': 'no-store' };
    return format === 'json'
      ? c.body(JSON.stringify(outcome.data, null, 2), 200, { ...headers, 'content-type': 'application/json; charset=utf-8' })
      : c.body(exportHtml(outcome.data, deps.policy), 200, { ...headers, 'content-type': 'text/html; charset=utf-8' });
  };

  return { list, show, decide, download };
}

// ---- the reader alert: BP3MI ends an official's sessions ------------------------------------------

const W = {
  title: pair('Peringatan akses data', 'Data access alerts'),
  intro: pair('Petugas yang membuka data pribadi lebih dari batas kasus dalam satu jendela waktu (pengaturan READER_ALERT_*). Akses tidak pernah diblokir; BP3MI dapat mengakhiri sesi konsol petugas itu. Lihat Log akses untuk apa yang dibuka.',
    'Officials who viewed the personal data of more cases than the limit within the window (READER_ALERT_* settings). Access is never blocked; BP3MI can end that official\'s console sessions. See the access log for what was read.'),
  none: pair('Tidak ada peringatan dalam 7 hari terakhir.', 'No alert in the last 7 days.'),
  cases: pair('kasus', 'cases'),
  end: pair('Akhiri semua sesi konsol petugas ini', 'End all console sessions of this official'),
  ended: pair('Sesi petugas diakhiri. Ia harus masuk lagi dengan PIN dan kode SMS atau passkey.', 'The official\'s sessions are ended. They must sign in again.'),
  endedAt: pair('sesi diakhiri', 'sessions ended'),
  bp3miOnly: pair('Hanya untuk BP3MI.', 'For BP3MI only.'),
};

const EndSessions = z.object({ official: z.string().check(z.minLength(1), z.maxLength(64)) });

/**
 * `/console/readers` (issue 22 point 5): the reader alerts of the last seven days from the access log
 * (desk and BP3MI), and for BP3MI a button per official that ends every console session they began.
 */
export function readersPages(deps: ConsoleDeps) {
  const l = (c: ConsoleContext) => c.get('lang');
  const html = (c: ConsoleContext, body: Child, status: 200 | 400 | 403 | 404 = 200) => c.html(page(c, { title: W.title[l(c)], body }), status);

  const list = async (c: ConsoleContext, notice?: string, status: 200 | 400 | 404 = 200) => {
    const me = c.get('official');
    if (me.level < 2) return html(c, <p class="err">{T.forbidden[l(c)]}</p>, 403);
    const now = deps.clock.now();
    const days = Array.from({ length: 7 }, (_, i) => new Date(now.getTime() - i * 86400_000).toISOString().slice(0, 10));
    const alerts = (await Promise.all(days.map(async (day) => {
      const found = [];
      let cursor: string | undefined;
      do {
        const page = await deps.accessLog.day(day, 500, cursor);
        found.push(...page.entries.filter((e) => e.action === 'reader_alert'));
        cursor = page.cursor;
      } while (cursor);
      return found;
    }))).flat();
    const officials = await deps.directory.listOfficials();
    const byId = new Map(officials.map((o) => [o.id, o]));
    return html(c, (
      <>
        {notice ? <p class="ok notice" id="notice" role="status">{notice}</p> : null}
        <p>{W.intro[l(c)]}</p>
        {alerts.length === 0 ? <p>{W.none[l(c)]}</p> : (
          <ol class="cases" id="reader-alerts">
            {alerts.map((a) => {
              const who = byId.get(a.officialId);
              return (
                <li class="high">
                  <strong>{who?.name ?? a.officialId}</strong> ({a.officialId}) · {a.cases ?? '?'} {W.cases[l(c)]} · {formatLocalTime(a.at)}
                  {who?.sessionsEndedAt && who.sessionsEndedAt >= a.at ? <div class="meta">{W.endedAt[l(c)]} {formatLocalTime(who.sessionsEndedAt)}</div> : null}
                  {me.level === 3 && who && who.id !== me.id ? (
                    <form method="post" action="/console/readers/end-sessions">
                      <input type="hidden" name="csrf" value={c.get('session').csrfToken} />
                      <input type="hidden" name="official" value={who.id} />
                      <button type="submit" id={`end-${who.id}`}>{W.end[l(c)]}</button>
                    </form>
                  ) : null}
                </li>
              );
            })}
          </ol>
        )}
        <p><a href="/console/access-log">{T.accessLog[l(c)]}</a></p>
      </>
    ), status);
  };

  const endSessions = async (c: ConsoleContext) => {
    const me = c.get('official');
    if (me.level !== 3) return html(c, <p class="err">{W.bp3miOnly[l(c)]}</p>, 403);
    const form = EndSessions.safeParse(await c.req.parseBody());
    if (!form.success) return html(c, <p class="err">{`${T.invalid[l(c)]}${T.passkeyOwner[l(c)].toLowerCase()}`}</p>, 400);
    const at = deps.clock.now().toISOString();
    if (!await deps.directory.endConsoleSessions(form.data.official, at)) return html(c, <p class="err">{`${T.invalid[l(c)]}${T.passkeyOwner[l(c)].toLowerCase()}`}</p>, 404);
    // Not personal data: who ended whose sessions, for the operators' trail.
    logger.info('console sessions ended', { by: me.id, official: form.data.official });
    return list(c, W.ended[l(c)]);
  };

  return { list: (c: ConsoleContext) => list(c), endSessions };
}
