// One chunk for what the pages share with the router: see init-chunk.ts.
import './init-chunk.js';
import { raw } from 'hono/html';
import { page, type ConsoleContext } from './kit.js';
import type { AccessLog } from '../cases/access-log-port.js';
import type { CaseStore } from '../cases/port.js';
import type { Cipher } from '../cipher.js';
import type { Clock } from '../clock.js';
import type { Official } from '../domain/official.js';
import type { Directory } from '../officials/port.js';
import { regencyLabel, type HomeRegency } from '../domain/regions.js';
import { esc } from '../http/escape.js';
import type { AgentsPort } from '../figures/agent-watch.js';
import { dashboardModel, renderDashboard, DASHBOARD_CSS, type DashboardScope } from '../figures/dashboard.js';
import { caseListCsv, figuresCsv } from './csv.js';

/** The figures screen's styles, for the console's stylesheet: the console's CSP allows no inline style. */
export const FIGURES_SCREEN_CSS = DASHBOARD_CSS;

import { lastMonths, loadDashboardFigures, PUBLIC_MONTHS } from '../figures/http.js';
import type { FiguresPort } from '../figures/port.js';
import { recordAgentName } from '../figures/record-agent.js';
import { normaliseReference } from '../domain/reference.js';
import { canSee, canSeeContact } from '../domain/visibility.js';

/** The desk (2) and BP3MI (3) see all of NTB; a regency officer their regencies. */
export function scopeOf(official: Official): DashboardScope {
  return official.level >= 2 ? { regencies: 'all' } : { regencies: official.regencies };
}

/** Agent names are business or personal data: the desk and BP3MI only. */
export const canSeeAgents = (official: Official) => official.level >= 2;

const TEXT = {
  agents: { id: 'Agen/calo yang berulang', en: 'Recurring agents and brokers' },
  agentsIntro: { id: 'Nama yang sama (setelah dinormalkan) dalam 3 laporan atau lebih dalam 12 bulan. Jangan disebarkan.', en: 'The same (normalised) name in 3 or more reports within 12 months. Do not pass on.' },
  none: { id: 'Belum ada.', en: 'None yet.' },
  recordAgent: { id: 'Catat agen/calo', en: 'Record agent or broker' },
  agentLabel: { id: 'Nama perusahaan (P3MI), agen atau calo yang disebut pekerja', en: 'Agency (P3MI), agent or broker the worker named' },
  save: { id: 'Simpan', en: 'Save' },
  saved: { id: 'Tersimpan.', en: 'Saved.' },
  invalid: { id: 'Tulis nama 2 sampai 100 huruf.', en: 'Write a name of 2 to 100 characters.' },
  notFound: { id: 'Kasus tidak ditemukan.', en: 'No such case.' },
  taken: { id: 'Kasus ini sudah ditangani petugas lain.', en: 'Another official holds this case.' },
  forbidden: { id: 'Hanya untuk desk provinsi dan BP3MI.', en: 'For the province desk and BP3MI only.' },
  cases: { id: 'Kasus', en: 'Cases' },
  name: { id: 'Nama', en: 'Name' },
} as const;

const csvResponse = (c: ConsoleContext, name: string, body: string) => c.body(body, 200, {
  'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="${name}"`, 'cache-control': 'no-store',
});

export interface FiguresScreenDeps {
  figures: FiguresPort;
  agents: AgentsPort;
  accessLog: AccessLog;
  cases: Pick<CaseStore, 'getCaseByReference' | 'getCase' | 'updateCase' | 'recordOnce'>;
  cipher: Pick<Cipher, 'decrypt'>;
  clock: Clock;
  /** Who holds a case, for the rank rule on the agent record. */
  directory: Pick<Directory, 'listOfficials'>;
}

/**
 * `/console/figures`: the dashboard scoped to the official, the CSV exports (each recorded in the
 * access log), the recurring agents (desk and BP3MI), and the form that records an agent on a case.
 */
export function figuresPages(deps: FiguresScreenDeps) {
  const l = (c: ConsoleContext) => c.get('lang');

  const dashboard = async (c: ConsoleContext) => {
    const official = c.get('official');
    const now = deps.clock.now();
    const loaded = await loadDashboardFigures(deps.figures, now);
    const scope = scopeOf(official);
    const scopeLabel = scope.regencies === 'all' ? undefined : scope.regencies.map((r) => regencyLabel(r as HomeRegency, l(c))).join(', ');
    const body = `${renderDashboard(dashboardModel({ ...loaded, scope, now }), l(c), { ...(scopeLabel ? { scopeLabel } : {}), exportBase: '/console/figures' })}${
      canSeeAgents(official) ? `<p><a href="/console/figures/agents">${TEXT.agents[l(c)]}</a></p>` : ''}`;
    return c.html(page(c, { title: l(c) === 'id' ? 'Angka' : 'Figures', body: raw(body) }));
  };

  const figuresCsvFile = async (c: ConsoleContext) => {
    const official = c.get('official');
    const now = deps.clock.now();
    const months = lastMonths(now, PUBLIC_MONTHS);
    const cells = await Promise.all(months.map((m) => deps.figures.monthCells(m)));
    await deps.accessLog.append({ at: now.toISOString(), officialId: official.id, action: 'exported', reference: 'figures.csv', fields: ['figures'] });
    return csvResponse(c, `figures-${months[0]}.csv`, figuresCsv(months.map((month, i) => ({ month, cells: cells[i]! })), scopeOf(official), l(c)));
  };

  const casesCsvFile = async (c: ConsoleContext) => {
    const official = c.get('official');
    const now = deps.clock.now();
    const months = lastMonths(now, PUBLIC_MONTHS);
    // One Query per month on the cases-by-month index, which projects no personal field at all.
    const cases = (await Promise.all(months.map((m) => deps.figures.casesOfMonth(m)))).flat();
    await deps.accessLog.append({ at: now.toISOString(), officialId: official.id, action: 'exported', reference: 'cases.csv', fields: ['case_list'] });
    return csvResponse(c, `cases-${months[0]}.csv`, caseListCsv(cases, scopeOf(official), l(c)));
  };

  const agents = async (c: ConsoleContext) => {
    const official = c.get('official');
    if (!canSeeAgents(official)) return c.html(page(c, { title: TEXT.agents[l(c)], body: raw(`<p class="err">${TEXT.forbidden[l(c)]}</p>`) }), 403);
    const flagged = await deps.agents.flagged();
    const rows = await Promise.all(flagged.map(async (f) => {
      // The name as the first case typed it, read through that case: each ciphertext opens only in its own item.
      const links = await deps.agents.links(f.agentHash);
      const first = [...links].sort((a, b) => a.createdAt.localeCompare(b.createdAt))[0];
      const name = (first ? (await deps.cases.getCase(first.caseId))?.agentName : undefined) ?? '?';
      return { name, links: links.sort((a, b) => a.createdAt.localeCompare(b.createdAt)) };
    }));
    const at = deps.clock.now().toISOString();
    // Names are shown: the view is recorded, once per agent, like any view of personal data.
    await Promise.all(rows.map(() => deps.accessLog.append({ at, officialId: official.id, action: 'viewed', reference: 'agents', fields: ['agent_name'] })));
    const list = rows.length === 0 ? `<p>${TEXT.none[l(c)]}</p>` : `<table><thead><tr><th scope="col">${TEXT.name[l(c)]}</th><th scope="col">${TEXT.cases[l(c)]}</th></tr></thead><tbody>${
      rows.map((r) => `<tr><th scope="row">${esc(r.name)}</th><td>${r.links.map((k) => `<a href="/console/cases/${esc(k.reference)}">${esc(k.reference)}</a> (${esc(regencyLabel(k.regency as HomeRegency, l(c)))}, ${esc(k.createdAt.slice(0, 10))})`).join('<br>')}</td></tr>`).join('')
    }</tbody></table>`;
    return c.html(page(c, { title: TEXT.agents[l(c)], body: raw(`<p>${TEXT.agentsIntro[l(c)]}</p>${list}`) }));
  };

  const agentForm = (c: ConsoleContext, reference: string, notice?: string, status: 200 | 400 | 404 | 409 = 200, value = '') => c.html(page(c, {
    title: `${TEXT.recordAgent[l(c)]} · ${reference}`,
    body: raw(`${notice ?? ''}<form method="post" action="/console/figures/agent"><input type="hidden" name="csrf" value="${esc(c.get('session').csrfToken)}"><input type="hidden" name="reference" value="${esc(reference)}"><label for="agentName">${TEXT.agentLabel[l(c)]}</label><input type="text" id="agentName" name="agentName" maxlength="100" required autocomplete="off" value="${esc(value)}"><button type="submit">${TEXT.save[l(c)]}</button></form><p><a href="/console/cases/${esc(reference)}">${esc(reference)}</a></p>`),
  }), status);

  // The holder finds the form filled in with the name the family gave (issue 23, item 7), a view of it
  // recorded like the case page's; anyone else gets it empty, as the name is the holder's to see.
  const agentPage = async (c: ConsoleContext) => {
    const reference = c.req.query('ref') ?? '';
    const ref = normaliseReference(reference);
    const found = ref ? await deps.cases.getCaseByReference(ref) : undefined;
    const official = c.get('official');
    if (!found?.agentName || found.erased || !canSee(official, found) || !canSeeContact(official, found)) return agentForm(c, reference);
    await deps.accessLog.append({ at: deps.clock.now().toISOString(), officialId: official.id, action: 'viewed', reference: found.reference, fields: ['agent_name'] });
    return agentForm(c, found.reference, undefined, 200, found.agentName);
  };
  const recordAgent = async (c: ConsoleContext) => {
    const form = await c.req.parseBody();
    const reference = typeof form.reference === 'string' ? form.reference : '';
    const outcome = await recordAgentName(deps, c.get('official'), reference, typeof form.agentName === 'string' ? form.agentName : '');
    switch (outcome.kind) {
      case 'invalid': return agentForm(c, reference, `<p class="err">${TEXT.invalid[l(c)]}</p>`, 400);
      case 'not_found': return agentForm(c, reference, `<p class="err">${TEXT.notFound[l(c)]}</p>`, 404);
      case 'taken': return agentForm(c, reference, `<p class="err">${TEXT.taken[l(c)]}</p>`, 409);
      default: return c.redirect(`/console/cases/${encodeURIComponent(outcome.reference)}?done=agent_recorded`, 303);
    }
  };
  return { dashboard, figuresCsv: figuresCsvFile, casesCsv: casesCsvFile, agents, agentPage, recordAgent };
}
