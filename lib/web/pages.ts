import { createHash, randomBytes } from 'node:crypto';
import { CATEGORIES, CATEGORY_LABELS, type Language } from '../domain/categories.js';
import { REPORTER_TYPES } from '../domain/case.js';
import { COUNTRIES, REGENCIES, REGENCY_CODES } from '../domain/regions.js';
import { checkNik } from '../domain/nik.js';
import type { Policy } from '../config.js';
import { LANDLINE_PROBLEM, MAX_DESCRIPTION, WEB_FIELDS, descriptionProblem, type WebField } from './form.js';
import { WEB_TEXTS, type WebTexts } from './texts.js';
import { consentTexts } from '../messages/consent.js';
import { esc } from '../http/escape.js';

/**
 * Server-rendered pages for the web form. No JavaScript and one inline stylesheet (allowed by its
 * hash in the CSP), so the form works on the cheapest phone, over a slow link, in a browser from
 * 2015, in one request.
 */
export const CSS = `*{box-sizing:border-box}
body{margin:0;font:1rem/1.5 system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;color:#111;background:#fff}
header,main{max-width:40rem;margin:0 auto;padding:.75rem 1rem}
header{background:#0b4f6c;color:#fff;max-width:none}
header>*{max-width:38rem;margin-left:auto;margin-right:auto}
header a{color:#fff}
h1{font-size:1.35rem;line-height:1.25;margin:.25rem auto .5rem}
h2{font-size:1.1rem;margin:0 0 .5rem}
.lang{display:block;text-align:right;font-weight:700;padding:.25rem 0}
.sos{font-weight:700;background:#fff3cd;color:#111;padding:.5rem .75rem;border-radius:4px}
.f{margin:0 0 1.25rem}
label,legend{display:block;font-weight:700;margin-bottom:.25rem}
fieldset{border:0;padding:0;margin:0 0 1.25rem}
.hint{color:#444;margin:0 0 .25rem;font-size:.95rem}
.opt{color:#444;font-weight:400}
input[type=text],input[type=tel],select,textarea{width:100%;font:inherit;padding:.6rem;border:2px solid #555;border-radius:4px;background:#fff;color:#111}
select,input[type=text],input[type=tel]{min-height:2.9rem}
textarea{min-height:8rem}
input:focus,select:focus,textarea:focus,button:focus,a:focus{outline:3px solid #f9a825;outline-offset:1px}
.c{display:flex;align-items:flex-start;gap:.6rem;margin:.4rem 0}
.c input{width:1.6rem;height:1.6rem;margin:0;flex:none}
.c label{font-weight:400;margin:0}
.err{color:#b00020;font-weight:700;margin:.25rem 0}
.bad input[type=text],.bad input[type=tel],.bad select,.bad textarea{border-color:#b00020}
.bad{border-left:4px solid #b00020;padding-left:.6rem}
.sum{border:3px solid #b00020;padding:.75rem;margin:0 0 1.25rem}
.sum a{color:#b00020;font-weight:700}
.consent{background:#f3f6f8;padding:.75rem;border-radius:4px;margin:0 0 1.25rem}
.consent p{margin:0 0 .5rem;font-size:.95rem}
button{width:100%;font:inherit;font-weight:700;font-size:1.1rem;padding:.8rem;border:0;border-radius:4px;background:#1b5e20;color:#fff;min-height:3rem}
.ref{font-size:2rem;font-weight:700;letter-spacing:.1em;margin:.25rem 0 1rem}
.hp{position:absolute;left:-10000px;width:1px;height:1px;overflow:hidden}
`;

const CSS_HASH = createHash('sha256').update(CSS).digest('base64');

/**
 * The form needs nothing from anywhere else: scripts off entirely, styles only the one inline block,
 * forms post to this origin only, and no one may frame the page (a framed form invites clickjacking
 * of the consent box).
 */
export const SECURITY_HEADERS: Record<string, string> = {
  'content-security-policy': `default-src 'self'; script-src 'none'; style-src 'sha256-${CSS_HASH}'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'`,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  // Every form carries a fresh idempotency token: a cached copy would merge two people's reports.
  'cache-control': 'no-store',
};

export function newFormToken(): string {
  return randomBytes(18).toString('base64url');
}

function page(t: WebTexts, language: Language, title: string, body: string, toggleHref: string | undefined, hotline: string): string {
  const toggle = toggleHref
    ? `<a class="lang" href="${esc(toggleHref)}" lang="${t.otherLanguage.lang}" hreflang="${t.otherLanguage.lang}">${esc(t.otherLanguage.label)}</a>`
    : '';
  return `<!doctype html>
<html lang="${language}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta name="referrer" content="no-referrer"><title>${esc(title)}</title><style>${CSS}</style></head>
<body><header>${toggle}<h1>${esc(title)}</h1><p class="sos">${esc(t.emergency(hotline))}</p></header>
<main>${body}</main></body></html>`;
}

export type FormValues = Partial<Record<string, string>>;

export interface FormPage {
  language: Language;
  token: string;
  policy: Pick<Policy, 'hotlinePhone' | 'retentionDaysAfterClose'>;
  /** What the person entered, kept on a failed submit so nothing has to be typed twice. */
  values?: FormValues;
  /** Field name -> problem, from ValidationError.fields; shown in the chosen language. */
  errors?: Record<string, string>;
}

/** Localised error text for each failed field, in form order. */
export function localErrors(language: Language, errors: Record<string, string>, values: FormValues): Array<[WebField, string]> {
  const t = WEB_TEXTS[language].errors;
  const out: Array<[WebField, string]> = [];
  for (const field of WEB_FIELDS) {
    if (!(field in errors)) continue;
    if (field === 'nik') {
      const check = checkNik(values.nik ?? '');
      out.push([field, t.nik[check.ok ? 'format' : check.problem]]);
    } else if (field === 'description') {
      out.push([field, t.description[descriptionProblem(values.description ?? '') ?? 'short']]);
    } else if (field === 'smsUpdates') {
      continue;
    } else if (field === 'contact') {
      out.push([field, t.contact[!values.contact?.trim() ? 'empty' : errors.contact === LANDLINE_PROBLEM ? 'landline' : 'invalid']]);
    } else {
      out.push([field, t[field]]);
    }
  }
  // Anything else (a missing token, a field this page does not show) still tells the person to retry.
  if (out.length === 0 && Object.keys(errors).length > 0) out.push(['token', t.token]);
  return out;
}

export function renderForm(p: FormPage): string {
  const t = WEB_TEXTS[p.language];
  const values = p.values ?? {};
  const fresh = p.values === undefined;
  const problems = localErrors(p.language, p.errors ?? {}, values);
  const problem = new Map(problems);
  const firstInvalid = problems.find(([f]) => f !== 'token')?.[0];

  const v = (name: string) => esc(values[name] ?? '');
  const hintId = (name: string) => `h-${name}`;
  const described = (name: string, hint: boolean) =>
    [hint ? hintId(name) : '', problem.has(name as WebField) ? `e-${name}` : ''].filter(Boolean).join(' ');
  const aria = (name: string, hint: boolean) => {
    const by = described(name, hint);
    return `${by ? ` aria-describedby="${by}"` : ''}${problem.has(name as WebField) ? ' aria-invalid="true"' : ''}${firstInvalid === name ? ' autofocus' : ''}`;
  };
  const errorLine = (name: WebField) => (problem.has(name) ? `<p class="err" id="e-${name}">${esc(problem.get(name)!)}</p>` : '');
  const block = (name: WebField, inner: string) => `<div class="f${problem.has(name) ? ' bad' : ''}">${inner}</div>`;
  const labelFor = (name: string, text: string, optional = false) =>
    `<label for="f-${name}">${esc(text)}${optional ? ` <span class="opt">${esc(t.optional)}</span>` : ''}</label>`;
  const hint = (name: string, text: string) => `<p class="hint" id="${hintId(name)}">${esc(text)}</p>`;
  const select = (name: WebField, options: Array<[string, string]>, withHint = false) =>
    `<select id="f-${name}" name="${name}" required${aria(name, withHint)}><option value="">${esc(t.choose)}</option>${options
      .map(([value, label]) => `<option value="${esc(value)}"${values[name] === value ? ' selected' : ''}>${esc(label)}</option>`)
      .join('')}</select>`;

  const reporter = `<fieldset${problem.has('reporterType') ? ' class="bad"' : ''}${described('reporterType', false) ? ` aria-describedby="${described('reporterType', false)}"` : ''}><legend>${esc(t.reporterType.legend)}</legend>${errorLine('reporterType')}${REPORTER_TYPES.map(
    (type, i) =>
      `<div class="c"><input type="radio" id="f-reporterType-${type}" name="reporterType" value="${type}"${values.reporterType === type ? ' checked' : ''}${problem.has('reporterType') ? ' aria-invalid="true"' : ''}${i === 0 && firstInvalid === 'reporterType' ? ' autofocus' : ''}><label for="f-reporterType-${type}">${esc(t.reporterType.options[type])}</label></div>`,
  ).join('')}</fieldset>`;

  const summary = problems.length
    ? `<div class="sum" role="alert"><h2>${esc(t.errorSummary)}</h2><ul>${problems
        .map(([f, msg]) => `<li>${f === 'token' ? esc(msg) : `<a href="#${f === 'reporterType' ? 'f-reporterType-worker' : `f-${f}`}">${esc(msg)}</a>`}</li>`)
        .join('')}</ul></div>`
    : '';

  const smsChecked = fresh || values.smsUpdates === 'yes';
  const body = `<p>${esc(t.intro)}</p>${summary}
<form method="post" action="/reports" novalidate>
<input type="hidden" name="token" value="${esc(p.token)}"><input type="hidden" name="lang" value="${p.language}">
${reporter}
${block('workerName', `${labelFor('workerName', t.workerName.label, true)}${hint('workerName', t.workerName.hint)}${errorLine('workerName')}<input type="text" id="f-workerName" name="workerName" maxlength="100" autocomplete="off" value="${v('workerName')}"${aria('workerName', true)}>`)}
${block('agentName', `${labelFor('agentName', t.agentName.label, true)}${hint('agentName', t.agentName.hint)}${errorLine('agentName')}<input type="text" id="f-agentName" name="agentName" maxlength="100" autocomplete="off" value="${v('agentName')}"${aria('agentName', true)}>`)}
${block('contact', `${labelFor('contact', t.contact.label)}${hint('contact', t.contact.hint)}${errorLine('contact')}<input type="tel" id="f-contact" name="contact" maxlength="30" autocomplete="tel" inputmode="tel" required value="${v('contact')}"${aria('contact', true)}>`)}
${block('category', `${labelFor('category', t.category.label)}${errorLine('category')}${select('category', CATEGORIES.map((c) => [c, CATEGORY_LABELS[c][p.language]]))}`)}
${block('country', `${labelFor('country', t.country.label)}${errorLine('country')}${select('country', Object.entries(COUNTRIES).map(([code, names]) => [code, names[p.language]]))}`)}
${block('homeRegency', `${labelFor('homeRegency', t.homeRegency.label)}${hint('homeRegency', t.homeRegency.hint)}${errorLine('homeRegency')}${select('homeRegency', [
    ...REGENCY_CODES.map((code): [string, string] => [code, REGENCIES[code]]),
    ['outside', t.homeRegency.outside],
    ['unknown', t.homeRegency.unknown],
  ], true)}`)}
${block('nik', `${labelFor('nik', t.nik.label, true)}${hint('nik', t.nik.hint)}${errorLine('nik')}<input type="text" id="f-nik" name="nik" maxlength="24" inputmode="numeric" autocomplete="off" value="${v('nik')}"${aria('nik', true)}>`)}
${block('description', `${labelFor('description', t.description.label)}${hint('description', t.description.hint)}${errorLine('description')}<textarea id="f-description" name="description" rows="6" maxlength="${MAX_DESCRIPTION}" required${aria('description', true)}>${v('description')}</textarea>`)}
<div class="f"><div class="c"><input type="checkbox" id="f-smsUpdates" name="smsUpdates" value="yes"${smsChecked ? ' checked' : ''} aria-describedby="${hintId('smsUpdates')}"><label for="f-smsUpdates">${esc(t.smsUpdates.label)}</label></div>${hint('smsUpdates', t.smsUpdates.hint)}</div>
<div class="hp" aria-hidden="true"><label for="f-website">${esc(t.honeypot)}</label><input type="text" id="f-website" name="website" tabindex="-1" autocomplete="off" value=""></div>
<section class="consent${problem.has('consent') ? ' bad' : ''}" aria-labelledby="consent-h"><h2 id="consent-h">${esc(t.consent.heading)}</h2>${consentTexts.web(p.language, p.policy.retentionDaysAfterClose).map((para, i) => `<p id="consent-${i}">${esc(para)}</p>`).join('')}${errorLine('consent')}<div class="c"><input type="checkbox" id="f-consent" name="consent" value="yes" required${values.consent === 'yes' ? ' checked' : ''} aria-describedby="consent-0 consent-1 consent-2${problem.has('consent') ? ' e-consent' : ''}"${problem.has('consent') ? ' aria-invalid="true"' : ''}${firstInvalid === 'consent' ? ' autofocus' : ''}><label for="f-consent">${esc(t.consent.label)}</label></div></section>
<button type="submit">${esc(t.submit)}</button>
</form>`;
  return page(t, p.language, t.title, body, `/?lang=${t.otherLanguage.lang}`, p.policy.hotlinePhone);
}

export interface DonePage {
  language: Language;
  /** Already format-checked with normaliseReference; undefined when the URL held none. */
  reference: string | undefined;
  policy: Pick<Policy, 'hotlinePhone' | 'smsShortcode' | 'slaMinutes'>;
  /** Well-formed, but no report has this code. */
  unknown?: boolean;
}

/** Echoes the reference from the URL and nothing else: the page shows no data of the case, so a shared link reveals nothing. */
export function renderDone(p: DonePage): string {
  const t = WEB_TEXTS[p.language];
  const toggle = `/reports/done?${new URLSearchParams({ ...(p.reference ? { ref: p.reference } : {}), lang: t.otherLanguage.lang })}`;
  if (!p.reference) {
    return page(t, p.language, t.badReference.title, `<p>${esc(t.badReference.body)}</p><p><a href="/?lang=${p.language}">${esc(t.back)}</a></p>`, toggle, p.policy.hotlinePhone);
  }
  if (p.unknown) {
    return page(t, p.language, t.unknownReference.title, `<p id="unknown">${esc(t.unknownReference.body(p.reference, p.policy.hotlinePhone))}</p><p><a href="/?lang=${p.language}">${esc(t.back)}</a></p>`, toggle, p.policy.hotlinePhone);
  }
  const body = `<p>${esc(t.done.lead)}</p><p class="ref" id="reference">${esc(p.reference)}</p><p>${esc(t.done.save(p.policy.smsShortcode, p.reference))}</p><p id="within">${esc(t.done.within(t.done.duration(p.policy.slaMinutes.acknowledge.urgent), t.done.duration(p.policy.slaMinutes.acknowledge.normal)))}</p><p>${esc(t.done.next)}</p><p><a href="/?lang=${p.language}">${esc(t.done.another)}</a></p>`;
  return page(t, p.language, t.done.title, body, toggle, p.policy.hotlinePhone);
}

export type ProblemStatus = keyof WebTexts['problem'];

export function renderProblem(p: { language: Language; status: number; policy: Pick<Policy, 'hotlinePhone'> }): string {
  const t = WEB_TEXTS[p.language];
  const key: ProblemStatus = [400, 409, 413, 429].includes(p.status) ? (String(p.status) as ProblemStatus) : p.status < 500 ? '400' : '500';
  const text = t.problem[key];
  return page(t, p.language, text.title, `<p>${esc(text.body(p.policy.hotlinePhone))}</p><p><a href="/?lang=${p.language}">${esc(t.back)}</a></p>`, undefined, p.policy.hotlinePhone);
}
