import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { CASE_STATUSES } from '../../lib/domain/case.js';
import { gsmLength, USSD_LIMIT } from '../../lib/domain/gsm.js';
import { draftOf, initialState, render, replay, screenBody, step, ussdScreen, UssdScreenTooLongError, type MenuState, type UssdStep } from '../../lib/ussd/menu.js';
import { MAX_EMERGENCY_LINE_LENGTH } from '../../lib/domain/emergency-line.js';
import type { Language } from '../../lib/domain/categories.js';

const LANGUAGES: readonly Language[] = ['id', 'en'];
import { endTexts } from '../../lib/ussd/texts.js';
import { STATUS_LABELS } from '../../lib/messages/reporter.js';

const CANDIDATE_INPUTS = ['', '0', '00', '1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11', '12', '99', 'x', '5203014101900001', '5203013201900001', 'ABC-234', 'abc230'];

/**
 * Every screen reachable from the main menu in both languages, with and without each hint, by
 * breadth-first search. States are told apart by language, screen path and hint: the answers only
 * change the summary screen, which the exhaustive test below covers on its own.
 */
function reachableStates(): MenuState[] {
  const seen = new Map<string, MenuState>();
  const queue = [initialState('id')];
  while (queue.length > 0) {
    const state = queue.shift()!;
    const key = JSON.stringify([state.language, state.stack.map((f) => f.screen), state.hint, state.final?.kind]);
    if (seen.has(key)) continue;
    seen.set(key, state);
    if (state.final) continue;
    for (const input of CANDIDATE_INPUTS) queue.push(step(state, input));
  }
  return [...seen.values()];
}

function fitsOneScreen(reply: string): boolean {
  return /^(CON|END) /.test(reply) && gsmLength(reply) <= USSD_LIMIT;
}

/** The longest values an END screen can carry: hotline from config, reference, SLA hours, status and time. */
const LONG_HOTLINE = '+62 21 2924 4800';
const LONG_VALUES = { reference: 'WWW-WWW', hotline: LONG_HOTLINE, withinHours: 720 };

describe('every USSD screen', () => {
  const states = reachableStates();

  it('is measured with the longest hotline number the configuration accepts', () => {
    expect(LONG_HOTLINE).toHaveLength(MAX_EMERGENCY_LINE_LENGTH);
  });

  it('is reached by the walk in both languages, including final steps', () => {
    const screens = new Set(states.map((s) => `${s.language}:${s.stack.at(-1)!.screen}`));
    expect(screens.size).toBe(32);
    expect(states.some((s) => s.final?.kind === 'file')).toBe(true);
    expect(states.some((s) => s.final?.kind === 'status')).toBe(true);
  });

  it('fits 182 GSM-7 characters and starts with CON, with or without a hint', () => {
    const tooLong = states.filter((s) => !s.final).map((s) => render(s, { offerResume: true })).filter((r) => !fitsOneScreen(r) || !r.startsWith('CON '));
    expect(tooLong).toEqual([]);
  });

  it('that ends a session fits 182 GSM-7 characters with the longest values', () => {
    const ends: string[] = [];
    for (const l of LANGUAGES) {
      for (const smsUpdates of [true, false]) ends.push(endTexts.filed(l, { ...LONG_VALUES, smsUpdates }));
      for (const status of CASE_STATUSES) {
        ends.push(endTexts.status(l, { reference: LONG_VALUES.reference, status: STATUS_LABELS[status][l], updated: '31/12 23:59 WITA', hotline: LONG_HOTLINE }));
      }
      ends.push(endTexts.unknownReference(l, { hotline: LONG_HOTLINE }), endTexts.rateLimited(l, { hotline: LONG_HOTLINE }));
      ends.push(endTexts.failure(l, { hotline: LONG_HOTLINE }), endTexts.malformed(l, { hotline: LONG_HOTLINE }));
    }
    expect(ends.map((e) => `END ${e}`).filter((e) => !fitsOneScreen(e))).toEqual([]);
  });
});

describe('a reply body', () => {
  // The runtime guard and the tests above read the same constant; spec-numbers.test.ts pins it to 182.
  it('goes out at exactly USSD_LIMIT septets, prefix included', () => {
    const text = 'x'.repeat(USSD_LIMIT - 'END '.length);
    expect(screenBody('END', text)).toBe(`END ${text}`);
    expect(screenBody('CON', text)).toBe(`CON ${text}`);
  });

  it('one septet past USSD_LIMIT is a fault, not a screen the network cuts', () => {
    expect(() => screenBody('CON', 'x'.repeat(USSD_LIMIT - 'CON '.length + 1))).toThrow(UssdScreenTooLongError);
    // An extension character takes two septets: one short of the limit in characters is one past it.
    expect(() => screenBody('END', `${'x'.repeat(USSD_LIMIT - 'END '.length - 1)}€`)).toThrow(UssdScreenTooLongError);
  });
});

const keypadInput = fc.stringMatching(/^[0-9*#]{0,40}$/);
const anyText = fc.oneof(keypadInput, fc.string({ maxLength: 300 }), fc.string({ unit: 'binary', maxLength: 100 }));
const draftArb = fc.option(fc.record({ text: anyText, language: fc.constantFrom(...LANGUAGES) }), { nil: undefined });

function isWellFormed(next: UssdStep): boolean {
  switch (next.kind) {
    case 'reply': return fitsOneScreen(next.reply) && next.reply.startsWith('CON ');
    case 'file': return next.report.category !== undefined && next.report.homeRegency !== undefined;
    case 'status': return /^[2-9A-Z]{3}-[2-9A-Z]{3}$/.test(next.reference);
  }
}

describe('the USSD screen function', () => {
  it('answers any text and any draft with a valid screen or a well-formed final step', () => {
    fc.assert(fc.property(anyText, draftArb, (text, draft) => {
      expect(isWellFormed(ussdScreen({ text, ...(draft ? { draft } : {}) }))).toBe(true);
    }), { numRuns: 2000 });
  });

  it('answers the garbage from the issue with a screen', () => {
    for (const text of ['9', '1*99', 'abc', 'x'.repeat(5000), '**', '1*'.repeat(2500), '0*0*0', '00*00']) {
      expect(isWellFormed(ussdScreen({ text }))).toBe(true);
    }
  });

  it('goes to the main menu on 00 whatever came before, unless a final step was reached', () => {
    fc.assert(fc.property(keypadInput, (text) => {
      const state = replay({ text: `${text}*00` });
      fc.pre(!state.final);
      expect(state.stack.map((f) => f.screen)).toEqual(['main']);
    }));
  });

  it('resumes a draft on exactly the screen and answers where the session stopped', () => {
    const menuInputs = fc.array(fc.constantFrom('0', '00', '1', '2', '3', '7', '9', 'x', '5203014101900001'), { maxLength: 12 });
    fc.assert(fc.property(menuInputs, fc.constantFrom(...LANGUAGES), (inputs, language) => {
      const text = ['1', ...inputs].join('*');
      const stopped = replay({ text: language === 'en' ? `4*2*${text}` : text });
      const draft = draftOf(stopped);
      fc.pre(draft !== undefined);
      const resumed = replay({ text: '5', draft: draft! });
      expect(resumed.language).toBe(stopped.language);
      expect(resumed.stack.at(-1)).toEqual(stopped.stack.at(-1));
    }));
  });
});
