import { randomBytes } from 'node:crypto';
import type { Child } from 'hono/jsx';
import { CASE_STATUSES, CHANNELS, type Case, type CaseEvent, type Channel, type Door, unsettledCategoryRead } from '../domain/case.js';
import { CATEGORIES, CATEGORY_LABELS, URGENCIES, URGENCY_LABELS, type Language } from '../domain/categories.js';
import { maskNik } from '../domain/nik.js';
import { countryLabel, REGENCY_CODES, regencyLabel, type HomeRegency } from '../domain/regions.js';
import { deadlineOf } from '../domain/sla.js';
import { caseHolder, caseHolderLabel, officeLabel, officeOf } from '../domain/case-holder.js';
import { formatLocalTime } from '../messages/reporter.js';
import { erasedNote } from '../messages/erasure.js';
import { conversationThread } from '../conversation/thread.js';
import type { Official } from '../domain/official.js';
import type { QueueFilter } from '../use-cases/console/case-pages-port.js';
import type { Policy } from '../config.js';
import { REFERRAL_TARGETS } from '../cases/plans.js';
import { availableActions, type CaseView, type MergeSide, mergedAtOf } from '../use-cases/console/case-file.js';
import { MERGE_UNDO_MS } from '../cases/plans.js';
import { rankOf } from '../cases/rank.js';
import { CONSOLE_TABS, type QueuePage, type QueueRowView } from '../use-cases/console/queue.js';
import type { SearchOutcome } from '../use-cases/console/search.js';
import { T } from './texts.js';
import { eventSentence, type TimelineContext } from './timeline.js';

const ALL_REGENCIES: HomeRegency[] = [...REGENCY_CODES, 'outside', 'unknown'];

function timeLeft(l: Language, deadline: Date, now: Date): { text: string; late: boolean } {
  const ms = deadline.getTime() - now.getTime();
  const abs = Math.abs(ms);
  const h = Math.floor(abs / 3600_000);
  const m = Math.floor((abs % 3600_000) / 60_000);
  const span = h >= 48 ? `${Math.floor(h / 24)} ${l === 'id' ? 'hari' : 'd'}` : `${h}${l === 'id' ? ' jam ' : 'h '}${m}${l === 'id' ? ' mnt' : 'm'}`;
  return ms >= 0 ? { text: `${span} ${T.left[l]}`, late: false } : { text: `${span} ${T.late[l]}`, late: true };
}

const Select = ({ name, label, options, value, any }: { name: string; label: string; options: Array<[string, string]>; value?: string | number; any?: string }) => (
  <>
    <label for={`f-${name}`}>{label}</label>
    <select id={`f-${name}`} name={name}>
      {any ? <option value="">{any}</option> : null}
      {options.map(([v, text]) => <option value={v} selected={String(value ?? '') === v}>{text}</option>)}
    </select>
  </>
);

const THREAD_KINDS = {
  report: { id: 'Laporan', en: 'Report' },
  follow_up: { id: 'Pesan lanjutan', en: 'Follow-up' },
  answer: { id: 'Jawaban', en: 'Answer' },
  question: { id: 'Pertanyaan ke pelapor', en: 'Question to the reporter' },
} as const;

/** Through which door a message came: the reporter's channel, or the official's (console, SMS, WhatsApp). */
function viaLabel(l: Language, via: Channel | Door): string {
  if (via === 'console') return l === 'id' ? 'lewat konsol' : 'via the console';
  return `${l === 'id' ? 'lewat' : 'via'} ${T.channels[via][l]}`;
}

/** The "Pesan baru" tab and the mark on a card: the reporter wrote since this official last opened the case. */
const NEW_MESSAGES = { id: 'Pesan baru', en: 'New messages' } as const;

/** The filters a queue link carries, in the order the chips show them. */
const FILTER_KEYS = ['regency', 'category', 'status', 'channel', 'level', 'from', 'to'] as const;

export function QueueView({ l, official, officials, page, filter, now, query, search }: {
  l: Language; official: Official; officials: Official[]; page: QueuePage; filter: QueueFilter; now: Date; query: URLSearchParams;
  /** The search box's answer, shown instead of the tab's list. */
  search?: { q: string; outcome: SearchOutcome };
}) {
  const byId = new Map(officials.map((o) => [o.id, o]));
  const link = (changes: Record<string, string | undefined>) => {
    const q = new URLSearchParams(query);
    q.delete('after');
    q.delete('q');
    for (const [k, v] of Object.entries(changes)) if (v === undefined) q.delete(k); else q.set(k, v);
    return `/console?${q}`;
  };
  const regencies = official.level > 1 ? ALL_REGENCIES : official.regencies as HomeRegency[];
  const chipText = (key: (typeof FILTER_KEYS)[number]): string | undefined => {
    switch (key) {
      case 'regency': return filter.regency && `${T.regency[l]}: ${regencyLabel(filter.regency, l)}`;
      case 'category': return filter.category && `${T.category[l]}: ${CATEGORY_LABELS[filter.category][l]}`;
      case 'status': return filter.status && `${T.status[l]}: ${T.statuses[filter.status][l]}`;
      case 'channel': return filter.channel && `${T.channel[l]}: ${T.channels[filter.channel][l]}`;
      case 'level': return filter.level && `${T.level[l]}: ${T.levels[filter.level][l]}`;
      case 'from': return filter.from && `${T.from[l]}: ${filter.from.slice(0, 10)}`;
      case 'to': return filter.to && `${T.to[l]}: ${filter.to.slice(0, 10)}`;
    }
  };
  const chips = FILTER_KEYS.map((k) => [k, chipText(k)] as const).filter((x): x is readonly [(typeof FILTER_KEYS)[number], string] => Boolean(x[1]));
  const filtered = chips.length > 0;
  const unread = search ? undefined : page.unread;
  const Card = ({ r }: { r: QueueRowView & { mergedInto?: string } }) => {
    const left = r.deadline && (r.status === 'new' || r.status === 'acknowledged') ? timeLeft(l, new Date(r.deadline), now) : undefined;
    return (
      <li class={`card ${r.urgency}`}>
        {/* The reference is the link, stretched over the whole card (CSS): the card is one 44 px+ target. */}
        <a class="ref" href={`/console/cases/${r.reference}`}>{r.reference}</a> {unread?.has(r.id) ? <><span class="new-msg">{NEW_MESSAGES[l]}</span> </> : null}<strong>{URGENCY_LABELS[r.urgency][l]}</strong> · {CATEGORY_LABELS[r.category][l]}
        <div class="meta">
          {countryLabel(r.country, l)} · {regencyLabel(r.homeRegency, l)} · {T.channels[r.channel][l]} · {T.statuses[r.status][l]} · <span class="holder">{caseHolderLabel(caseHolder(r, r.assignee ? byId.get(r.assignee) : undefined), l)}</span>
          {r.mergedInto ? <> · {T.mergedInto[l]} {r.mergedInto}</> : null}
          {left ? <> · <span class={left.late ? 'late' : undefined}>{T.deadline[l]} {formatLocalTime(r.deadline!)} ({left.text})</span></> : null}
        </div>
      </li>
    );
  };
  return (
    <>
      <form method="get" action="/console" role="search" class="search">
        <label for="f-q">{T.searchLabel[l]}</label>
        <div class="search-row">
          <input type="search" id="f-q" name="q" value={search?.q ?? ''} maxlength={40} autocomplete="off" />
          <button type="submit">{T.search[l]}</button>
        </div>
      </form>
      {search ? (
        <section id="search-results">
          <h2>{T.searchResults[l]}: “{search.q}”</h2>
          {search.outcome.kind === 'unreadable' ? <p class="err">{T.searchUnreadable[l]}</p>
            : search.outcome.rows.length === 0 ? <p>{T.searchNone[l]}</p>
              : <ol class="cases" id="cases">{search.outcome.rows.map((r) => <Card r={r} />)}</ol>}
          <p><a href="/console" class="button-link">{T.back[l]}</a></p>
        </section>
      ) : (
        <>
          <ul class="tabs">
            {CONSOLE_TABS.map((tab) => {
              const n = page.counts[tab];
              return <li><a href={link({ tab })} id={`tab-${tab}`} aria-current={page.tab === tab ? 'page' : undefined}>{tab === 'unread' ? NEW_MESSAGES[l] : T.tabs[tab][l]} ({n.count}{n.more ? '+' : ''}{filtered ? ` ${T.filteredCount[l]}` : ''})</a></li>;
            })}
            {official.level >= 2 ? <li><a href="/console/requests" id="tab-requests">{l === 'id' ? 'Permintaan data' : 'Data requests'}</a></li> : null}
          </ul>
          {filtered ? (
            <ul class="chips" id="filter-chips" aria-label={T.activeFilters[l]}>
              {chips.map(([key, text]) => <li><a href={link({ [key]: undefined })} aria-label={`${T.removeFilter[l]}: ${text}`}>{text} ✕</a></li>)}
              <li><a href={`/console?tab=${page.tab}`} id="filter-reset">{T.resetFilters[l]}</a></li>
            </ul>
          ) : null}
          <details>
            <summary>{T.filter[l]}</summary>
            <form method="get" action="/console">
              <input type="hidden" name="tab" value={page.tab} />
              <Select name="regency" label={T.regency[l]} any={T.any[l]} value={filter.regency} options={regencies.map((r) => [r, regencyLabel(r, l)])} />
              <Select name="category" label={T.category[l]} any={T.any[l]} value={filter.category} options={CATEGORIES.map((c) => [c, CATEGORY_LABELS[c][l]])} />
              <Select name="status" label={T.status[l]} any={T.any[l]} value={filter.status} options={CASE_STATUSES.map((s) => [s, T.statuses[s][l]])} />
              <Select name="channel" label={T.channel[l]} any={T.any[l]} value={filter.channel} options={CHANNELS.map((c) => [c, T.channels[c][l]])} />
              <Select name="level" label={T.level[l]} any={T.any[l]} value={filter.level} options={([1, 2, 3] as const).map((n) => [String(n), T.levels[n][l]])} />
              <label for="f-from">{T.from[l]}</label><input type="date" id="f-from" name="from" value={filter.from?.slice(0, 10) ?? ''} />
              <label for="f-to">{T.to[l]}</label><input type="date" id="f-to" name="to" value={filter.to?.slice(0, 10) ?? ''} />
              <button type="submit">{T.filter[l]}</button>
            </form>
          </details>
          {page.rows.length === 0 ? <p>{T.noCases[l]}</p> : null}
          <ol class="cases" id="cases">
            {page.rows.map((r) => <Card r={r} />)}
          </ol>
          {page.next ? <p><a href={`${link({})}&after=${page.next}`} id="next-page" class="button-link">{T.nextPage[l]}</a></p> : null}
        </>
      )}
    </>
  );
}

/** A timeline entry: the sentence for the official, and the event's code for matching it with logs and metrics. */
/**
 * "dibaca dari teks": a regency or country the hotline read from the reporter's words (SMS), shown
 * with those words so an official sees at once whether the reading holds; wrong, it is corrected
 * with the form below like any regency. Once corrected it no longer matches and is not shown.
 */
const ReadFrom = ({ l, read }: { l: Language; read: { from: 'text' | 'answer'; mentions: Array<{ words: string; as: string }> } | undefined }) => (
  read ? (
    <small class="read-from"> · {read.from === 'answer' ? T.readFromAnswer[l] : T.readFromText[l]}: {read.mentions.map((m) => `“${m.words}” (${m.as})`).join(', ')} · {T.correctIfWrong[l]}</small>
  ) : null
);

/** The event's code stays for machines (`data-event`, logs, JSON), never as text on the page. */
const EventLine = ({ l, e, ctx }: { l: Language; e: CaseEvent; ctx: TimelineContext }) => (
  <li data-event={e.type}>{formatLocalTime(e.at)} {eventSentence(l, e, ctx)}</li>
);

export interface CaseFormState {
  message?: string;
  note?: string;
  outcome?: string;
  into?: string;
  /** A merge asked for: both cases side by side, waiting for "Ya, gabungkan". */
  mergeConfirm?: { duplicate: MergeSide; into: MergeSide };
  notice?: { kind: 'ok' | 'err' | 'conflict'; text: string; changes?: CaseEvent[] };
  errors?: Record<string, string>;
}

export function CaseViewPage({ l, view, official, officials, policy, now, csrf, state }: {
  l: Language; view: CaseView; official: Official; officials: Official[]; policy: Policy; now: Date; csrf: string; state: CaseFormState;
}) {
  const c: Case = view.file.case;
  const names = new Map(officials.map((o) => [o.id, o.name]));
  const byId = new Map(officials.map((o) => [o.id, o]));
  const timeline: TimelineContext = {
    official: (id) => names.get(id) ?? id,
    office: (id) => { const o = byId.get(id); return o ? officeLabel(officeOf(o, c), l) : undefined; },
  };
  // Questions to the reporter are part of the conversation, not internal notes.
  const internalNotes = view.file.notes.filter((n) => n.kind !== 'question');
  const since = c.levelSince ?? c.createdAt;
  const deadline = deadlineOf(c, policy, since);
  const left = deadline ? timeLeft(l, deadline, now) : undefined;
  const seen = now.toISOString();
  const Hidden = () => (<><input type="hidden" name="csrf" value={csrf} /><input type="hidden" name="version" value={String(c.version)} /><input type="hidden" name="seen" value={seen} /></>);
  const Action = ({ action, label, children, id, primary }: { action: string; label: string; children?: Child; id?: string; primary?: boolean }) => (
    <form method="post" action={`/console/cases/${c.reference}/${action}`} id={id}>
      <Hidden />
      {children}
      <button type="submit" class={primary ? 'primary' : 'secondary'}>{label}</button>
    </form>
  );
  const mergedAt = mergedAtOf(view.file.events);
  // A category read from the reporter's words, shown with them until an official confirms or corrects it (issue 23, item 1).
  const categoryRead = unsettledCategoryRead(c);
  const actions = availableActions(c, official, rankOf(official, c, officials), now, mergedAt);
  const err = (field: string) => (state.errors?.[field] ? <p class="err" id={`e-${field}`}>{state.errors[field]}</p> : null);
  const Side = ({ side, title }: { side: MergeSide; title: string }) => (
    <section class="side">
      <h3>{title}: <a href={`/console/cases/${side.reference}`}>{side.reference}</a></h3>
      <dl>
        <dt>{T.category[l]}</dt><dd>{CATEGORY_LABELS[side.category][l]}</dd>
        <dt>{T.country[l]}</dt><dd>{countryLabel(side.country, l)}</dd>
        <dt>{T.regency[l]}</dt><dd>{regencyLabel(side.homeRegency, l)}</dd>
        <dt>{T.status[l]}</dt><dd>{T.statuses[side.status][l]}</dd>
        <dt>{T.firstLine[l]}</dt><dd class="text">{side.firstLine || '-'}</dd>
      </dl>
    </section>
  );
  return (
    <>
      {state.notice ? (
        <div class={state.notice.kind === 'ok' ? 'ok notice' : 'err notice'} id="notice" role="status">
          {state.notice.text}
          {state.notice.changes?.length ? <ul>{state.notice.changes.map((e) => <EventLine l={l} e={e} ctx={timeline} />)}</ul> : null}
        </div>
      ) : null}
      {state.mergeConfirm ? (
        <section id="merge-confirm" class="confirm">
          <h2>{T.mergeConfirmTitle[l]}</h2>
          <p>{T.mergeConfirmIntro[l]}</p>
          <div class="sides">
            <Side side={state.mergeConfirm.duplicate} title={T.thisCase[l]} />
            <Side side={state.mergeConfirm.into} title={T.intoCase[l]} />
          </div>
          <Action action="merge" label={T.mergeYes[l]} id="form-merge-confirm">
            <input type="hidden" name="into" value={state.mergeConfirm.into.reference} />
            <input type="hidden" name="confirm" value="yes" />
          </Action>
          <p><a href={`/console/cases/${c.reference}`} class="button-link">{T.cancel[l]}</a></p>
        </section>
      ) : null}
      {c.mergedInto ? <p class="notice">{T.mergedInto[l]} <a href={`/console/cases/${c.mergedInto}`}>{c.mergedInto}</a></p> : null}
      {actions.has('unmerge') && mergedAt ? (
        <Action action="unmerge" label={T.unmerge[l]} id="form-unmerge">
          <p>{T.unmergeUntil[l]} {formatLocalTime(new Date(Date.parse(mergedAt) + MERGE_UNDO_MS).toISOString())}</p>
        </Action>
      ) : null}
      {actions.has('take') && c.status === 'new' ? (
        <div class="main-action">
          <p>{T.takeFirst[l]}</p>
          <Action action="take" label={T.take[l]} id="form-take" primary />
        </div>
      ) : null}
      {c.status === 'acknowledged' && c.assignee === official.id ? <p class="ok" id="you-hold">{T.youHold[l]}</p> : null}
      <dl id="facts">
        <dt>{T.category[l]}</dt><dd id="category">{CATEGORY_LABELS[c.category][l]}{categoryRead ? <small class="read-from" id="category-read"> · {T.readFromText[l]}: {categoryRead.words.map((w) => `“${w}”`).join(', ')} · {T.correctIfWrong[l]}</small> : null}</dd>
        <dt>{T.urgency[l]}</dt><dd><strong>{URGENCY_LABELS[c.urgency][l]}</strong></dd>
        <dt>{T.status[l]}</dt><dd id="status">{T.statuses[c.status][l]} · <span class="holder">{caseHolderLabel(caseHolder(c, c.assignee ? officials.find((o) => o.id === c.assignee) : undefined), l)}</span></dd>
        <dt>{T.assignee[l]}</dt><dd>{c.assignee ? names.get(c.assignee) ?? c.assignee : T.nobody[l]}</dd>
        <dt>{T.country[l]}</dt><dd id="country">{countryLabel(c.country, l)}<ReadFrom l={l} read={c.placesRead?.country?.code === c.country ? { from: 'text', mentions: c.placesRead.country.mentions } : undefined} /></dd>
        <dt>{T.regency[l]}</dt><dd id="regency">{regencyLabel(c.homeRegency, l)}<ReadFrom l={l} read={c.placesRead?.regency?.code === c.homeRegency ? c.placesRead.regency : undefined} /></dd>
        <dt>{T.reporter[l]}</dt><dd>{T.reporterTypes[c.reporterType][l]} · {T.channels[c.channel][l]}</dd>
        <dt>{T.reporterPhone[l]}</dt><dd id="contact">{c.erased ? erasedNote(c.erased, l) : view.contactShown ? <a href={`tel:${c.contact}`}>{c.contact}</a> : T.contactHidden[l]}</dd>
        <dt>{T.worker[l]}</dt><dd id="worker">{c.workerName ?? '-'}</dd>
        {c.agentName && !c.erased ? (<><dt>{l === 'id' ? 'Agen/calo' : 'Agent/broker'}</dt><dd id="agent">{view.agentShown ? c.agentName : (l === 'id' ? 'hanya untuk petugas yang mengambil kasus' : 'only for the official who took the case')}</dd></>) : null}
        <dt>{T.nik[l]}</dt><dd id="nik">{c.nik ? (view.nikRevealed ? c.nik : maskNik(c.nik)) : '-'}</dd>
        {deadline && left ? (<><dt>{c.status === 'new' ? T.ackDeadline[l] : T.resolveDeadline[l]}</dt><dd id="deadline" class={left.late ? 'late' : undefined}>{formatLocalTime(deadline.toISOString())} ({left.text})</dd></>) : null}
      </dl>
      {actions.has('confirm_category') ? <Action action="confirm_category" label={T.confirmCategory[l]} id="form-confirm-category" /> : null}
      {c.nik && !view.nikRevealed ? (
        <details><summary>{T.revealNik[l]}</summary>
          <form method="post" action={`/console/cases/${c.reference}/nik`}>
            <input type="hidden" name="csrf" value={csrf} />
            <label for="f-reason">{T.reason[l]}</label><input type="text" id="f-reason" name="reason" required minlength={5} maxlength={200} />
            {err('reason')}
            <button type="submit">{T.revealNik[l]}</button>
          </form>
        </details>
      ) : null}
      <h2>{T.conversation[l]}</h2>
      {c.erased ? <p class="notice" id="erased">{l === 'id' ? 'Data pribadi' : 'Personal data'} {erasedNote(c.erased, l)}</p> : null}
      {/* The case as one conversation (issue 23, item 7): the report, follow-ups and answers, and the officials' questions, oldest first, each with who sent it. */}
      {c.erased ? null : (
        <ol class="thread" id="thread">
          {conversationThread(c, view.file.events, view.file.notes).map((e) => (
            <li class={typeof e.from === 'string' ? 'from-reporter' : 'from-official'} data-kind={e.kind}>
              <p class="who">{typeof e.from === 'string' ? T.reporterTypes[c.reporterType][l] : names.get(e.from.official) ?? e.from.official} · {THREAD_KINDS[e.kind][l]}{e.via ? ` · ${viaLabel(l, e.via)}` : ''} · {formatLocalTime(e.at)}</p>
              <div class={e.kind === 'report' ? 'text' : 'text follow-up'} {...(e.kind === 'report' ? { id: 'report-text' } : {})}>{e.text}</div>
            </li>
          ))}
        </ol>
      )}

      {/* Only the actions that apply (availableActions): an erased case has no number to write to and nothing to reopen. */}
      {actions.has('message') ? <h2>{T.messageReporter[l]}</h2> : null}
      {actions.has('message') ? (
        <Action action="message" label={T.send[l]} id="form-message">
          {/* One SMS per rendered form: a double click or a re-post reuses this token (case-file.ts). */}
          <input type="hidden" name="token" value={randomBytes(16).toString('base64url')} />
          <label for="f-message">{T.message[l]}</label>
          <textarea id="f-message" name="message" rows={3} maxlength={300}>{state.message ?? ''}</textarea>
          {err('message')}
        </Action>
      ) : null}
      {actions.has('take') && c.status !== 'new' ? <Action action="take" label={T.take[l]} id="form-take" /> : null}
      {actions.has('resolve') ? (
        <details open={Boolean(state.outcome || state.errors?.outcome)}><summary>{T.resolve[l]}</summary>
          <Action action="resolve" label={T.resolve[l]} id="form-resolve">
            <label for="f-outcome">{T.outcome[l]}</label>
            <textarea id="f-outcome" name="outcome" rows={3} maxlength={2000} required>{state.outcome ?? ''}</textarea>
            {err('outcome')}
          </Action>
        </details>
      ) : null}
      {actions.has('reopen') ? <Action action="reopen" label={T.reopen[l]} id="form-reopen" /> : null}
      {/* An erased case's key is destroyed: nothing personal can be added to it (a note, an agent's name). */}
      {c.erased ? null : <details><summary>{T.addNote[l]}</summary>
        <Action action="note" label={T.save[l]} id="form-note">
          <label for="f-note">{T.note[l]}</label>
          <textarea id="f-note" name="note" rows={3} maxlength={2000}>{state.note ?? ''}</textarea>
          {err('note')}
        </Action>
      </details>}
      {actions.has('correct') ? (
        <details><summary>{T.correct[l]}</summary>
          <Action action="correct" label={T.save[l]} id="form-correct">
            <Select name="category" label={T.category[l]} value={c.category} options={CATEGORIES.map((x) => [x, CATEGORY_LABELS[x][l]])} />
            <Select name="urgency" label={T.urgency[l]} value={c.urgency} options={URGENCIES.map((x) => [x, URGENCY_LABELS[x][l]])} />
            <Select name="homeRegency" label={T.regency[l]} value={c.homeRegency} options={ALL_REGENCIES.map((r) => [r, regencyLabel(r, l)])} />
          </Action>
        </details>
      ) : null}
      {actions.has('handover') ? (
        <details id="handover-refer"><summary>{T.handOver[l]} / {T.refer[l]}</summary>
          <Action action="handover" label={T.handOver[l]}>
            <Select name="level" label={T.level[l]} value={c.level} options={([1, 2, 3] as const).map((n) => [String(n), T.levels[n][l]])} />
          </Action>
          <Action action="refer" label={T.refer[l]}>
            <Select name="referral" label={T.refer[l]} options={REFERRAL_TARGETS.map((r) => [r, T.referrals[r][l]])} />
            {err('referral')}
          </Action>
        </details>
      ) : null}
      {actions.has('merge') && !state.mergeConfirm ? (
        <details open={Boolean(state.errors?.into)}><summary>{T.merge[l]}</summary>
          <Action action="merge" label={T.merge[l]} id="form-merge">
            <label for="f-into">{T.mergeInto[l]}</label><input type="text" id="f-into" name="into" required maxlength={8} value={state.into ?? ''} />
            {err('into')}
          </Action>
        </details>
      ) : null}
      {/* The figures screen records the agency or broker the worker named (issue 14); its form comes filled in with the name shown above. An erased case takes no name (its key is destroyed). */}
      {c.erased ? null : <p><a id="record-agent" class="button-link" href={`/console/figures/agent?ref=${c.reference}`}>{view.agentShown ? (l === 'id' ? 'Ubah agen/calo yang disebut' : 'Change the agent or broker named') : (l === 'id' ? 'Catat agen/calo yang disebut' : 'Record the agent or broker named')}</a></p>}
      <p><a id="print-summary" href={`/console/print/${c.reference}`}>{T.printSummary[l]}</a></p>
      {internalNotes.length ? (<><h2>{T.notes[l]}</h2><ol class="timeline" id="notes">{internalNotes.map((n) => <li>{formatLocalTime(n.at)} {names.get(n.officialId) ?? n.officialId}: <span class="text">{n.text}</span></li>)}</ol></>) : null}
      <h2>{T.timeline[l]}</h2>
      <ol class="timeline" id="timeline">
        {view.file.events.map((e) => <EventLine l={l} e={e} ctx={timeline} />)}
      </ol>
      <p><a href="/console">{T.back[l]}</a></p>
    </>
  );
}
