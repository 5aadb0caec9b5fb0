// One chunk for what the pages share with the router: see init-chunk.ts.
import './init-chunk.js';
import { CATEGORY_LABELS, URGENCY_LABELS, type Language } from '../domain/categories.js';
import { caseHolder, caseHolderLabel } from '../domain/case-holder.js';
import { maskNik } from '../domain/nik.js';
import { countryLabel, regencyLabel } from '../domain/regions.js';
import { erasedNote } from '../messages/erasure.js';
import { splitFollowUps } from '../conversation/follow-up.js';
import { conversationThread } from '../conversation/thread.js';
import type { Official } from '../domain/official.js';
import type { ConsoleDeps } from '../use-cases/console/deps.js';
import { printCase } from '../use-cases/console/print-case.js';
import type { CaseFile } from '../use-cases/console/case-pages-port.js';
import { page, t, type ConsoleContext } from './kit.js';
import { param } from './lazy.js';
import { witaDateTime } from './csv.js';
import { T } from './texts.js';
import { eventSentence } from './timeline.js';

const pair = (id: string, en: string) => ({ id, en });
const P = {
  title: pair('Ringkasan kasus', 'Case summary'),
  printedBy: pair('Dicetak oleh', 'Printed by'),
  printedAt: pair('pada', 'on'),
  logged: pair('Pencetakan ini tercatat di log akses.', 'This printout is recorded in the access log.'),
  print: pair('Cetak', 'Print'),
  printHint: pair('Cetak lewat menu browser (Ctrl+P, atau Bagikan → Cetak di HP).', "Print from the browser's menu (Ctrl+P, or Share → Print on a phone)."),
  facts: pair('Data kasus', 'Facts'),
  conversation: pair('Percakapan', 'Conversation'),
  report: pair('Laporan', 'Report'),
  filed: pair('Masuk', 'Filed'),
  noNotes: pair('Tidak ada catatan internal.', 'No internal notes.'),
  secret: pair(
    'RAHASIA · Berisi data pribadi (UU 27/2022). Hanya untuk rapat penanganan kasus ini; jangan disalin, difoto atau dibagikan; hancurkan setelah dipakai.',
    'CONFIDENTIAL (RAHASIA) · Contains personal data (UU 27/2022). For the meeting on this case only; do not copy, photograph or pass on; destroy after use.',
  ),
  nikMasked: pair('(disamarkan di cetakan)', '(masked on paper)'),
  backToCase: pair('Kembali ke kasus', 'Back to the case'),
};

/**
 * Screen and paper. On paper only the summary: no header, no button; the RAHASIA line is in the
 * bottom margin of every page (a CSS page-margin box, which Chromium prints since version 131; it
 * never covers the text, as a fixed footer would), and in full with who printed it at the top and the end.
 */
export const PRINT_CSS = `
.summary h2{border-bottom:1px solid #99a;margin-top:1rem}
.summary h3{font-size:1rem;margin:.75rem 0 .25rem}
.summary dl{display:grid;grid-template-columns:minmax(7rem,auto) 1fr;gap:.1rem .75rem;margin:.25rem 0}
.summary dt{font-weight:600}
.summary dd{margin:0;overflow-wrap:anywhere}
.summary .said{white-space:pre-wrap;overflow-wrap:anywhere;border-left:3px solid #99a;padding:.1rem .5rem;margin:.25rem 0 .75rem}
.summary .note-text{white-space:pre-wrap;overflow-wrap:anywhere}
.summary ol{padding-left:1.2rem}
.rahasia{font-weight:700;border:2px solid #000;padding:.35rem .5rem;margin:.75rem 0}
@page{margin:14mm 12mm 20mm;@bottom-center{content:"RAHASIA \\00B7  data pribadi (UU 27/2022) \\00B7  jangan disalin atau disebarkan";font:700 8pt system-ui,sans-serif}}
@media print{
  header,.screen-only{display:none!important}
  body{background:#fff;color:#000;font-size:10.5pt}
  main{padding:0;max-width:none}
  h1{margin-top:0}
  .summary .said{border-left-color:#000}
  .summary h2,.summary h3{break-after:avoid}
  .summary li,.summary .said,.summary dl{break-inside:avoid}
}
`;

/** The print button: JavaScript only opens the browser's print dialogue; without it the hint says how. */
const PRINT_JS = String.raw`'use strict';
(function () {
  var b = document.getElementById('print-now');
  if (!b || !window.print) return;
  b.hidden = false;
  b.addEventListener('click', function () { window.print(); });
})();
`;

const at = (iso: string) => `${witaDateTime(iso) ?? iso} WITA`;

export function CaseSummary({ l, file, contactShown, officials, printedBy, printedAt }: {
  l: Language; file: CaseFile; contactShown: boolean; officials: Official[]; printedBy: Official; printedAt: string;
}) {
  const c = file.case;
  const names = new Map(officials.map((o) => [o.id, o.name]));
  const holder = caseHolder(c, c.assignee ? officials.find((o) => o.id === c.assignee) : undefined);
  const { original } = c.erased ? { original: '' } : splitFollowUps(c.description);
  const printed = `${P.printedBy[l]} ${printedBy.name} (${T.levels[printedBy.level][l]}) ${P.printedAt[l]} ${at(printedAt)}.`;
  return (
    <>
      <p class="screen-only">
        <button type="button" id="print-now" hidden>{P.print[l]}</button> {P.printHint[l]}{' '}
        <a href={`/console/cases/${c.reference}`}>{P.backToCase[l]}</a>
      </p>
      <article class="summary" id="summary">
        <p class="rahasia" id="rahasia-top">{P.secret[l]}</p>
        <p id="printed-by">{printed} {P.logged[l]}</p>
        <h2>{P.facts[l]}</h2>
        <dl id="facts">
          <dt>{l === 'id' ? 'Kode laporan' : 'Reference'}</dt><dd>{c.reference}</dd>
          <dt>{P.filed[l]}</dt><dd>{at(c.createdAt)} · {T.channels[c.channel][l]}</dd>
          <dt>{T.category[l]}</dt><dd>{CATEGORY_LABELS[c.category][l]}</dd>
          <dt>{T.urgency[l]}</dt><dd>{URGENCY_LABELS[c.urgency][l]}</dd>
          <dt>{T.status[l]}</dt><dd id="status">{T.statuses[c.status][l]} · {caseHolderLabel(holder, l)}</dd>
          <dt>{T.assignee[l]}</dt><dd>{c.assignee ? names.get(c.assignee) ?? c.assignee : T.nobody[l]}</dd>
          <dt>{T.country[l]}</dt><dd>{countryLabel(c.country, l)}</dd>
          <dt>{T.regency[l]}</dt><dd>{regencyLabel(c.homeRegency, l)}</dd>
          <dt>{T.reporter[l]}</dt><dd>{T.reporterTypes[c.reporterType][l]}</dd>
          <dt>{T.reporterPhone[l]}</dt><dd id="contact">{contactShown ? c.contact : T.contactHidden[l]}</dd>
          <dt>{T.worker[l]}</dt><dd>{c.workerName ?? '-'}</dd>
          <dt>{T.nik[l]}</dt><dd id="nik">{c.nik ? `${maskNik(c.nik)} ${P.nikMasked[l]}` : '-'}</dd>
          {c.mergedInto ? (<><dt>{T.mergedInto[l]}</dt><dd>{c.mergedInto}</dd></>) : null}
        </dl>
        <h2>{P.conversation[l]}</h2>
        {c.erased ? <p id="erased">{l === 'id' ? 'Data pribadi' : 'Personal data'} {erasedNote(c.erased, l)}</p> : (
          <div id="conversation">
            <h3>{P.report[l]} · {at(c.createdAt)} · {T.reporterTypes[c.reporterType][l]}</h3>
            <div class="said">{original}</div>
            {/* After the report, the conversation as the case page shows it: follow-ups, answers and the officials' questions (lib/conversation/thread.ts). */}
            {conversationThread(c, file.events, file.notes).slice(1).map((e) => (
              <><h3>{e.kind === 'question' ? (l === 'id' ? 'Pertanyaan ke pelapor' : 'Question to the reporter') : e.kind === 'answer' ? (l === 'id' ? 'Jawaban' : 'Answer') : T.followUp[l]} · {at(e.at)} · {typeof e.from === 'string' ? T.reporterTypes[c.reporterType][l] : names.get(e.from.official) ?? e.from.official}</h3><div class="said">{e.text}</div></>
            ))}
          </div>
        )}
        <h2>{T.timeline[l]}</h2>
        <ol id="timeline">
          {file.events.map((e) => <li data-event={e.type}>{at(e.at)} · {eventSentence(l, e, { official: (id) => names.get(id) ?? id })}</li>)}
        </ol>
        <h2>{T.notes[l]}</h2>
        {file.notes.some((n) => n.kind !== 'question') ? (
          <ol id="notes">{file.notes.filter((n) => n.kind !== 'question').map((n) => <li>{at(n.at)} · {names.get(n.officialId) ?? n.officialId}: <span class="note-text">{n.text}</span></li>)}</ol>
        ) : <p id="notes">{P.noNotes[l]}</p>}
      </article>
      <footer class="rahasia" id="rahasia" role="note">{P.secret[l]} {printed}</footer>
    </>
  );
}

/**
 * `/console/print/<reference>`: the case summary for a meeting, with no form, no button that
 * changes anything, and the RAHASIA line at the foot of every printed page.
 */
export function printPages(deps: ConsoleDeps) {
  const script = (c: ConsoleContext) => c.body(PRINT_JS, 200, { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'private, max-age=3600' });
  const summary = async (c: ConsoleContext) => {
    const official = c.get('official');
    const printed = await printCase(deps, official, param(c, 'reference'));
    if (printed.kind === 'not_found') {
      return c.html(page(c, { title: t(c, T.notFound), body: <p><a href="/console">{t(c, T.back)}</a></p> }), 404);
    }
    const officials = await deps.directory.listOfficials();
    const l = c.get('lang');
    return c.html(page(c, {
      title: `${P.title[l]} ${printed.file.case.reference}`,
      body: <CaseSummary l={l} file={printed.file} contactShown={printed.contactShown} officials={officials} printedBy={official} printedAt={printed.printedAt} />,
      scripts: ['/console/print/print.js'],
    }));
  };
  return { script, summary };
}
