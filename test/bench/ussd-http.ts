import { performance } from 'node:perf_hooks';
import { nextPhone, type BenchSystem } from './system.js';
import { median, percentile } from './stats.js';
import { reportSession } from './ussd-screen.js';

export interface UssdHttpResult {
  steps: number;
  medianMs: number;
  p99Ms: number;
  finalMedianMs: number;
  invalid: number;
}

/**
 * USSD callbacks over real HTTP on loopback, as AT posts them: the local server, the USSD Lambda
 * handler and DynamoDB Local. Intermediate steps are reported apart from the final one (which files).
 */
export async function ussdOverHttp(sys: BenchSystem, base: string, sessions: number): Promise<UssdHttpResult> {
  const url = `${base}/ussd?key=${encodeURIComponent(sys.runtime.callbackKey)}`;
  const session = reportSession();
  let invalid = 0;
  const post = async (sessionId: string, phone: string, text: string) => {
    const t0 = performance.now();
    const res = await fetch(url, {
      method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ sessionId, serviceCode: '*123*52#', phoneNumber: phone, networkCode: '51010', text }).toString(),
    });
    const body = await res.text();
    if (res.status !== 200 || !/^(CON|END) /.test(body)) invalid++;
    return performance.now() - t0;
  };
  for (let i = 0; i < 20; i++) await post(`warm-${i}`, nextPhone(), session.intermediate[i % session.intermediate.length]!);
  invalid = 0;
  const intermediate: number[] = [];
  const finals: number[] = [];
  for (let s = 0; s < sessions; s++) {
    const phone = nextPhone();
    const sessionId = `ATUid_http_${process.pid}_${s}`;
    await post(sessionId, phone, session.first);
    for (const text of session.intermediate) intermediate.push(await post(sessionId, phone, text));
    finals.push(await post(sessionId, phone, session.final));
  }
  return { steps: intermediate.length, medianMs: median(intermediate), p99Ms: percentile(intermediate, 99), finalMedianMs: median(finals), invalid };
}
