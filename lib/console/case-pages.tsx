// One chunk for what the pages share with the router: see init-chunk.ts.
import './init-chunk.js';
import { actOnCase, ActionForm, CASE_ACTIONS, type CaseAction, openCase } from '../use-cases/console/case-file.js';
import type { ConsoleDeps } from '../use-cases/console/deps.js';
import { type ConsoleContext, html, notFound, t } from './kit.js';
import { param } from './lazy.js';
import { T } from './texts.js';
import { CaseViewPage, type CaseFormState } from './views.js';

/** The case page, the NIK reveal and the actions on a case. */
export function casePages(deps: ConsoleDeps) {
  const renderCase = async (c: ConsoleContext, view: Parameters<typeof CaseViewPage>[0]['view'], state: CaseFormState, status: 200 | 400 | 409 = 200) => {
    const directory = await deps.directory.listOfficials();
    return html(c, view.file.case.reference, (
      <CaseViewPage l={c.get('lang')} view={view} official={c.get('official')} officials={directory} policy={deps.policy}
        now={deps.clock.now()} csrf={c.get('session').csrfToken} state={state} />
    ), status);
  };

  const show = async (c: ConsoleContext) => {
    const opened = await openCase(deps, c.get('official'), param(c, 'reference'));
    if (opened.kind === 'not_found') return notFound(c);
    // A data request is decided on its own page (requests.tsx), not worked like a complaint.
    if (opened.view.file.case.kind === 'data_request') return c.redirect(`/console/requests/${opened.view.file.case.reference}`, 303);
    const done = c.req.query('done');
    return renderCase(c, opened.view, done && T.done[done] ? { notice: { kind: 'ok', text: t(c, T.done[done]) } } : {});
  };

  const revealNik = async (c: ConsoleContext) => {
    const form = await c.req.parseBody();
    const reason = typeof form.reason === 'string' ? form.reason.trim() : '';
    const ok = reason.length >= 5 && reason.length <= 200;
    const opened = await openCase(deps, c.get('official'), param(c, 'reference'), ok ? { revealNikReason: reason } : {});
    if (opened.kind === 'not_found') return notFound(c);
    if (!ok) return renderCase(c, opened.view, { errors: { reason: t(c, T.fieldErrors.reason_length) } }, 400);
    return renderCase(c, opened.view, { notice: { kind: 'ok', text: t(c, T.done.nik!) } });
  };

  const act = async (c: ConsoleContext) => {
    const action = param(c, 'action');
    if (!(CASE_ACTIONS as readonly string[]).includes(action)) return notFound(c);
    const raw = await c.req.parseBody();
    const fields = Object.fromEntries(Object.entries(raw).filter(([, v]) => typeof v === 'string')) as Record<string, string>;
    const form = ActionForm.safeParse(fields);
    if (!form.success) {
      const opened = await openCase(deps, c.get('official'), param(c, 'reference'));
      if (opened.kind === 'not_found') return notFound(c);
      const bad = form.error.issues.map((i) => i.path.join('.'));
      return renderCase(c, opened.view, { ...keep(fields), errors: Object.fromEntries(bad.map((f) => [f, `${t(c, T.invalid)}${fieldName(c, f)}`])), notice: { kind: 'err', text: `${t(c, T.invalid)}${bad.map((f) => fieldName(c, f)).join(', ')}` } }, 400);
    }
    const outcome = await actOnCase(deps, c.get('official'), param(c, 'reference'), action as CaseAction, form.data);
    const l = c.get('lang');
    switch (outcome.kind) {
      case 'not_found': return notFound(c);
      case 'done': return c.redirect(`/console/cases/${outcome.reference}?done=${action === 'note' ? 'note_added' : action}`, 303);
      case 'invalid': return renderCase(c, outcome.view, {
        ...keep(fields),
        errors: Object.fromEntries(Object.entries(outcome.fields).map(([f, why]) => [f, T.fieldErrors[why][l]])),
        notice: { kind: 'err', text: `${T.invalid[l]}${Object.keys(outcome.fields).map((f) => fieldName(c, f)).join(', ')}` },
      }, 400);
      case 'confirm_merge': return renderCase(c, outcome.view, { ...keep(fields), mergeConfirm: { duplicate: outcome.duplicate, into: outcome.into } });
      case 'not_applied': return renderCase(c, outcome.view, { ...keep(fields), notice: { kind: 'err', text: `${T.notApplied[l]}${T.reasons[outcome.reason][l]}` } }, 409);
      case 'conflict': return renderCase(c, outcome.view, { ...keep(fields), notice: { kind: 'conflict', text: T.conflict[l], changes: outcome.changes } }, 409);
    }
  };

  return { show, revealNik, act };
}

/** What the official typed stays in the re-rendered form, so a refusal or a conflict loses nothing. */
function keep(fields: Record<string, string>): Pick<CaseFormState, 'message' | 'note' | 'outcome' | 'into'> {
  return {
    ...(fields.message ? { message: fields.message } : {}), ...(fields.note ? { note: fields.note } : {}),
    ...(fields.outcome ? { outcome: fields.outcome } : {}), ...(fields.into ? { into: fields.into } : {}),
  };
}

/** A form field by its name in the official's language ("Periksa isian: pesan"), never the field's code. */
function fieldName(c: ConsoleContext, field: string): string {
  return T.fieldNames[field]?.[c.get('lang')] ?? (c.get('lang') === 'id' ? 'isian formulir' : 'form field');
}
