import { performance } from 'node:perf_hooks';
import { ussdScreen } from '../../lib/ussd/menu.js';
import { handleUssdRequest } from '../../lib/ussd/handle-ussd.js';
import { median, percentile } from './stats.js';
import { formEvent, nextPhone, type BenchSystem } from './system.js';
import { summarise, type OperationSample, type OperationSummary } from './operations.js';

export interface UssdScreenResult {
  steps: number;
  medianMs: number;
  p99Ms: number;
  /** DynamoDB calls made by the USSD use case over all intermediate steps measured. */
  dynamoCalls: number;
  useCaseMedianMs: number;
  useCaseP99Ms: number;
}

export interface UssdSession {
  /** Cumulative AT `text` values of one session: first screen, intermediate screens, final step. */
  first: string;
  intermediate: string[];
  final: string;
}

/**
 * A realistic session, derived from the menu itself so it follows the USSD engineer's screens:
 * press 1 (worker, first category...) until the menu reaches its final step, with a wrong key and a
 * "back" on the way, since people do press those.
 */
export function reportSession(): UssdSession {
  const intermediate: string[] = [];
  let text = '1';
  for (let i = 0; i < 20; i++) {
    const next = ussdScreen({ text });
    if (next.kind !== 'reply' || !next.reply.startsWith('CON ')) return { first: '', intermediate, final: text };
    intermediate.push(text);
    if (i === 1) intermediate.push(`${text}*9`, `${text}*9*0`);
    text = `${text}*1`;
  }
  throw new Error('USSD report flow did not end within 20 inputs');
}

/**
 * Intermediate steps in-process: the pure screen function, then the USSD use case on the same
 * inputs with the DynamoDB meter on, which must show no call at all (the target's second half).
 */
export async function ussdScreenInProcess(sys: BenchSystem, iterations: number): Promise<UssdScreenResult> {
  const { intermediate } = reportSession();
  const pure: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const text = intermediate[i % intermediate.length]!;
    const t0 = performance.now();
    ussdScreen({ text });
    pure.push(performance.now() - t0);
  }
  const useCase: number[] = [];
  let dynamoCalls = 0;
  const phone = nextPhone();
  for (let i = 0; i < Math.min(iterations, 500); i++) {
    const text = intermediate[i % intermediate.length]!;
    const m = await sys.meter.measure('ussd use case (intermediate)', () => handleUssdRequest(sys.runtime.deps, { sessionId: `bench-${i}`, phone, text }));
    useCase.push(m.wallMs);
    dynamoCalls += m.calls.length;
  }
  return {
    steps: pure.length, medianMs: median(pure), p99Ms: percentile(pure, 99), dynamoCalls,
    useCaseMedianMs: median(useCase), useCaseP99Ms: percentile(useCase, 99),
  };
}

/** Whole sessions through the USSD Lambda handler in-process, each step metered by kind. */
export async function ussdRequestCosts(sys: BenchSystem, sessions: number): Promise<OperationSummary[]> {
  const session = reportSession();
  const key = sys.runtime.callbackKey;
  const samples: Record<'first' | 'intermediate' | 'final', OperationSample[]> = { first: [], intermediate: [], final: [] };
  for (let s = 0; s < sessions; s++) {
    const phone = nextPhone();
    const sessionId = `ATUid_cost_${process.pid}_${s}`;
    const steps: Array<['first' | 'intermediate' | 'final', string]> = [
      ['first', session.first], ...session.intermediate.map((t): ['intermediate', string] => ['intermediate', t]), ['final', session.final],
    ];
    for (const [kind, text] of steps) {
      const event = formEvent('POST /ussd', { sessionId, serviceCode: '*123*52#', phoneNumber: phone, networkCode: '51010', text }, key);
      const m = await sys.meter.measure(`ussd ${kind}`, () => sys.handlers.ussd(event, sys.localContext('ussd')));
      if (!/^(CON|END) /.test(m.result.body ?? '')) throw new Error(`USSD ${kind} step answered ${m.result.statusCode}`);
      samples[kind].push(m);
    }
  }
  return [
    summarise('ussd first screen (draft lookup)', samples.first),
    summarise('ussd intermediate screen', samples.intermediate),
    summarise('ussd final step (file report)', samples.final),
  ];
}
