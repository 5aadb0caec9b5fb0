import { consentTexts } from '../messages/consent.js';
import { CATEGORIES, CATEGORY_LABELS, type Category, type Language } from '../domain/categories.js';
import type { ReporterType } from '../domain/case.js';
import { REGENCIES, REGENCY_CODES, countryLabel, regencyLabel, type CountryCode, type HomeRegency } from '../domain/regions.js';
import { checkNik } from '../domain/nik.js';
import { normaliseReference } from '../domain/reference.js';
import { gsmLength, USSD_LIMIT } from '../domain/gsm.js';
import { USSD_TEXTS } from './texts.js';

/**
 * The USSD menu as a pure function of what the person typed.
 *
 * Africa's Talking sends the whole session so far in `text` (`1*3*5`), so every request replays the
 * session from the main menu: a small state machine folded over the `*`-split inputs. Nothing is
 * read from the database until the session needs the database (filing the report, looking up a
 * status), which keeps each intermediate answer to a few microseconds.
 *
 * Input rules, the same on every screen:
 * - `0` goes back one screen, `00` goes to the main menu (answers given so far are dropped).
 * - Exception: on the NIK screen `0` means "skip the NIK" (the screen says so), since a NIK is
 *   optional and that screen takes free digits. `1` skips too there (a NIK is 16 digits, so a lone
 *   1 cannot be one), so that pressing 1 on every screen still files a complete report.
 *   `00` still goes to the main menu from the NIK screen.
 * - A wrong or empty input is dropped from the effective path: the same screen shows again with a
 *   one-line hint on top.
 * - Once the session reached a final step (file the report, look up a status), later inputs are
 *   ignored: AT sends none after an END, and a forged one must not change what was decided.
 *
 * Resuming an interrupted report: the first screen of a session offers `5` when the phone has a
 * saved draft (see handle-ussd.ts). Choosing `5` replays the draft's path, then the rest of this
 * session's inputs: the effective text is `draft*rest`. Only the first input can be `5`, so whether
 * a session needs its draft is visible in `text` alone (`needsDraft`).
 */

export type ScreenId =
  | 'main' | 'language'
  | 'category' | 'category2' | 'country' | 'reporter' | 'regency' | 'nik' | 'sms' | 'confirm'
  | 'status'
  | 'info' | 'info_hotlines' | 'info_agency' | 'info_steps' | 'info_brokers';

/** Screens of the report flow: a session that stops on one of these leaves a draft to resume. */
const REPORT_SCREENS: ReadonlySet<ScreenId> = new Set(['category', 'category2', 'country', 'reporter', 'regency', 'nik', 'sms', 'confirm']);

export interface ReportAnswers {
  category?: Category;
  country?: CountryCode;
  reporterType?: ReporterType;
  homeRegency?: HomeRegency;
  /** `null` is "skipped"; undefined is "not asked yet". */
  nik?: string | null;
  smsUpdates?: boolean;
}

interface Frame {
  screen: ScreenId;
  answers: ReportAnswers;
  /** The input that led here from the frame below: the effective path, used for drafts. */
  via?: string;
}

type Hint = 'choice' | 'nik' | 'reference';

export interface MenuState {
  language: Language;
  stack: Frame[];
  hint?: Hint;
  final?: FinalStep;
}

export interface CompleteReport {
  category: Category;
  country: CountryCode;
  reporterType: ReporterType;
  homeRegency: HomeRegency;
  nik?: string;
  smsUpdates: boolean;
}

export type FinalStep =
  | { kind: 'file'; report: CompleteReport }
  | { kind: 'status'; reference: string };

export interface UssdDraft {
  text: string;
  language: Language;
}

export interface UssdInput {
  /** AT's `text`: "" on the first request, then every input joined by `*`. */
  text: string;
  /** The phone's saved draft; looked at only on the first screen and when the first input is `5`. */
  draft?: UssdDraft;
  /** The retention period the confirmation screen states (policy); 730 days when not given. */
  retentionDays?: number;
}

export type UssdStep =
  | { kind: 'reply'; language: Language; reply: string }
  | ({ language: Language } & FinalStep);

export const RESUME = '5';
export const BACK = '0';
export const MAIN_MENU = '00';

/** Order of the "where is the worker" list: the main NTB destinations (DOMAIN.md), then the rest. */
const COUNTRY_CHOICES: readonly CountryCode[] = ['MY', 'SA', 'TW', 'HK', 'SG', 'BN', 'XX', 'ID'];
const REPORTER_CHOICES: readonly ReporterType[] = ['worker', 'family', 'organisation'];
const HOME_CHOICES: readonly HomeRegency[] = [...REGENCY_CODES, 'outside'];
/** The eleven categories do not fit one screen with their labels: the first page ends in "next". */
const CATEGORY_PAGES: readonly (readonly Category[])[] = [CATEGORIES.slice(0, 6), CATEGORIES.slice(6)];
/** Mataram is only ever a city: the short name saves the characters the regency list needs for its hint. */
const SHORT_REGENCY: Partial<Record<string, string>> = { '5271': 'Mataram' };
const INFO_CHOICES: readonly ScreenId[] = ['info_hotlines', 'info_agency', 'info_steps', 'info_brokers'];

const mainFrame = (): Frame => ({ screen: 'main', answers: {} });

export function initialState(language: Language = 'id'): MenuState {
  return { language, stack: [mainFrame()] };
}

/** Whether answering this text needs the phone's draft: the first screen (to offer it) or a resumed session. */
export function needsDraft(text: string): boolean {
  return text === '' || firstInput(text) === RESUME;
}

function firstInput(text: string): string {
  const star = text.indexOf('*');
  return (star === -1 ? text : text.slice(0, star)).trim();
}

/** `1` -> 0, `12` -> 11; anything else (letters, `01`, empty, huge numbers) -> undefined. */
function choiceIndex(input: string, count: number): number | undefined {
  if (!/^[1-9]\d?$/.test(input)) return undefined;
  const n = Number(input);
  return n <= count ? n - 1 : undefined;
}

type Move =
  | { push: ScreenId; answers?: ReportAnswers }
  | { language: Language }
  | { final: FinalStep }
  | { invalid: Hint };

function move(state: MenuState, frame: Frame, input: string): Move {
  const a = frame.answers;
  switch (frame.screen) {
    case 'main':
      switch (input) {
        case '1': return { push: 'category', answers: {} };
        case '2': return { push: 'status' };
        case '3': return { push: 'info' };
        case '4': return { push: 'language' };
        default: return { invalid: 'choice' };
      }
    case 'language': {
      const i = choiceIndex(input, 2);
      return i === undefined ? { invalid: 'choice' } : { language: i === 0 ? 'id' : 'en' };
    }
    case 'category':
    case 'category2': {
      const page = CATEGORY_PAGES[frame.screen === 'category' ? 0 : 1]!;
      const hasNext = frame.screen === 'category';
      const i = choiceIndex(input, page.length + (hasNext ? 1 : 0));
      if (i === undefined) return { invalid: 'choice' };
      if (i === page.length) return { push: 'category2', answers: a };
      return { push: 'country', answers: { ...a, category: page[i]! } };
    }
    case 'country': {
      const i = choiceIndex(input, COUNTRY_CHOICES.length);
      return i === undefined ? { invalid: 'choice' } : { push: 'reporter', answers: { ...a, country: COUNTRY_CHOICES[i]! } };
    }
    case 'reporter': {
      const i = choiceIndex(input, REPORTER_CHOICES.length);
      return i === undefined ? { invalid: 'choice' } : { push: 'regency', answers: { ...a, reporterType: REPORTER_CHOICES[i]! } };
    }
    case 'regency': {
      const i = choiceIndex(input, HOME_CHOICES.length);
      return i === undefined ? { invalid: 'choice' } : { push: 'nik', answers: { ...a, homeRegency: HOME_CHOICES[i]! } };
    }
    case 'nik': {
      if (input === '0' || input === '1') return { push: 'sms', answers: { ...a, nik: null } };
      const check = checkNik(input);
      return check.ok ? { push: 'sms', answers: { ...a, nik: check.nik } } : { invalid: 'nik' };
    }
    case 'sms': {
      const i = choiceIndex(input, 2);
      return i === undefined ? { invalid: 'choice' } : { push: 'confirm', answers: { ...a, smsUpdates: i === 0 } };
    }
    case 'confirm': {
      if (input !== '1') return { invalid: 'choice' };
      const report = completeReport(a);
      return report ? { final: { kind: 'file', report } } : { invalid: 'choice' };
    }
    case 'status': {
      const reference = normaliseReference(input);
      return reference ? { final: { kind: 'status', reference } } : { invalid: 'reference' };
    }
    case 'info': {
      const i = choiceIndex(input, INFO_CHOICES.length);
      return i === undefined ? { invalid: 'choice' } : { push: INFO_CHOICES[i]! };
    }
    case 'info_hotlines':
    case 'info_agency':
    case 'info_steps':
    case 'info_brokers':
      return { invalid: 'choice' };
  }
}

function completeReport(a: ReportAnswers): CompleteReport | undefined {
  if (!a.category || !a.country || !a.reporterType || !a.homeRegency || a.nik === undefined || a.smsUpdates === undefined) return undefined;
  return {
    category: a.category, country: a.country, reporterType: a.reporterType, homeRegency: a.homeRegency,
    smsUpdates: a.smsUpdates, ...(a.nik ? { nik: a.nik } : {}),
  };
}

/** Applies one input. Returns a new state; never throws, whatever the input. */
export function step(state: MenuState, rawInput: string): MenuState {
  if (state.final) return state;
  const input = rawInput.trim();
  const frame = state.stack[state.stack.length - 1]!;
  if (input === MAIN_MENU) return { language: state.language, stack: [mainFrame()] };
  if (input === BACK && frame.screen !== 'nik') {
    if (state.stack.length === 1) return { ...state, hint: 'choice' };
    return { language: state.language, stack: state.stack.slice(0, -1) };
  }
  const next = move(state, frame, input);
  if ('invalid' in next) return { ...state, hint: next.invalid };
  if ('language' in next) return { language: next.language, stack: [mainFrame()] };
  if ('final' in next) return { language: state.language, stack: state.stack, final: next.final };
  return {
    language: state.language,
    stack: [...state.stack, { screen: next.push, answers: next.answers ?? {}, via: input }],
  };
}

/** Folds a session's text into a state, replaying the draft first when the session resumed it. */
export function replay(input: UssdInput): MenuState {
  const inputs = input.text === '' ? [] : input.text.split('*');
  let state = initialState();
  if (input.draft && inputs.length > 0 && inputs[0]!.trim() === RESUME) {
    state = initialState(input.draft.language);
    if (input.draft.text !== '') for (const token of input.draft.text.split('*')) state = step(state, token);
    // A draft is a path of accepted inputs; a hint or final step from it must not leak into this session.
    state = { language: state.language, stack: state.stack };
    inputs.shift();
  }
  for (const token of inputs) state = step(state, token);
  return state;
}

/**
 * The draft to keep when a session stops on this state: the effective path (accepted inputs only)
 * and the language, or undefined when there is no unfinished report to come back to.
 */
export function draftOf(state: MenuState): UssdDraft | undefined {
  if (state.final) return undefined;
  const top = state.stack[state.stack.length - 1]!;
  // Before a category is chosen there is nothing worth coming back to.
  if (!REPORT_SCREENS.has(top.screen) || top.answers.category === undefined) return undefined;
  return { text: state.stack.slice(1).map((f) => f.via ?? '').join('*'), language: state.language };
}

/**
 * The pure step, exported for the benchmark: the next screen for this text (and draft), or the final
 * step the use case must run (file the report, look up the status) before it can answer.
 */
export function ussdScreen(input: UssdInput): UssdStep {
  const state = replay(input);
  if (state.final) return { language: state.language, ...state.final };
  const offerResume = input.text === '' && input.draft !== undefined && draftOf(replay({ text: RESUME, draft: input.draft })) !== undefined;
  return { kind: 'reply', language: state.language, reply: render(state, { offerResume, retentionDays: input.retentionDays ?? 730 }) };
}

/** A screen past the limit: a fault in the texts or a setting (the hotline number), never the caller's input. */
export class UssdScreenTooLongError extends Error {
  override readonly name = 'UssdScreenTooLongError';
  constructor(readonly septets: number) {
    super(`USSD screen of ${septets} septets, the limit is ${USSD_LIMIT}`);
  }
}

/**
 * Every reply body, `CON ...` or `END ...`, is made here: the network cuts or drops a screen past
 * USSD_LIMIT GSM-7 septets (the prefix counts), so a longer one is a fault, thrown for the handler's
 * apology screen and its log, rather than a screen the phone shows cut off or not at all.
 */
export function screenBody(kind: 'CON' | 'END', text: string): string {
  const body = `${kind} ${text}`;
  const septets = gsmLength(body);
  if (septets > USSD_LIMIT) throw new UssdScreenTooLongError(septets);
  return body;
}

function lines(...parts: (string | false | undefined)[]): string {
  return parts.filter((p): p is string => typeof p === 'string' && p !== '').join('\n');
}

const numbered = (items: readonly string[], from = 1) => items.map((label, i) => `${i + from} ${label}`).join('\n');

export function render(state: MenuState, options: { offerResume?: boolean; retentionDays?: number } = {}): string {
  const l = state.language;
  const t = USSD_TEXTS[l];
  const frame = state.stack[state.stack.length - 1]!;
  const a = frame.answers;
  const hint = state.hint ? t.hint[state.hint] : undefined;
  const body = ((): string => {
    switch (frame.screen) {
      case 'main':
        return lines(t.main.title, numbered([t.main.report, t.main.status, t.main.info, t.main.language]), options.offerResume && `${RESUME} ${t.main.resume}`);
      case 'language':
        return lines(t.language.title, '1 Bahasa Indonesia', '2 English', t.back);
      case 'category':
        return lines(t.category.title, numbered([...CATEGORY_PAGES[0]!.map((c) => CATEGORY_LABELS[c][l]), t.category.next]), t.back);
      case 'category2':
        return lines(t.category.title, numbered(CATEGORY_PAGES[1]!.map((c) => CATEGORY_LABELS[c][l])), t.back);
      case 'country':
        return lines(t.country.title, numbered(COUNTRY_CHOICES.map((c) => (c === 'ID' ? t.country.inIndonesia : countryLabel(c, l)))), t.back);
      case 'reporter':
        return lines(t.reporter.title, numbered([t.reporter.worker, t.reporter.family, t.reporter.other]), t.back);
      case 'regency':
        return lines(t.regency.title, numbered([...REGENCY_CODES.map((c) => SHORT_REGENCY[c] ?? REGENCIES[c]), t.regency.outside]), t.back);
      case 'nik':
        return lines(t.nik.title, t.nik.typeIt, t.nik.skip, t.nik.menu);
      case 'sms':
        // The consent information (UU 27/2022 Art. 21) on the one screen every report passes with room
        // for it: controller, retention, how to ask for deletion.
        return lines(t.sms.title, numbered([t.sms.yes, t.sms.no]), consentTexts.ussd(l, options.retentionDays ?? 730), t.back);
      case 'confirm':
        return lines(
          t.confirm.title,
          a.category && CATEGORY_LABELS[a.category][l],
          [a.country && (a.country === 'ID' ? t.country.inIndonesia : countryLabel(a.country, l)), a.homeRegency && regencyLabel(a.homeRegency, l)].filter(Boolean).join(', '),
          [a.reporterType && t.reporterLabel[a.reporterType], a.nik ? t.confirm.nik : t.confirm.noNik, a.smsUpdates ? t.confirm.sms : t.confirm.noSms].filter(Boolean).join(', '),
          `1 ${t.confirm.send}`,
          t.back,
        );
      case 'status':
        return lines(t.status.prompt, t.back);
      case 'info':
        return lines(t.info.title, numbered([t.info.hotlines, t.info.agency, t.info.steps, t.info.brokers]), t.back);
      case 'info_hotlines':
        return lines(t.infoPages.hotlines, t.backAndMenu);
      case 'info_agency':
        return lines(t.infoPages.agency, t.backAndMenu);
      case 'info_steps':
        return lines(t.infoPages.steps, t.backAndMenu);
      case 'info_brokers':
        return lines(t.infoPages.brokers, t.backAndMenu);
    }
  })();
  return screenBody('CON', lines(hint, body));
}
