import { handleInboundSms } from '../../lib/use-cases/handle-inbound-sms.js';
import { formEvent, laporForm, nextPhone, nextSmsId, type BenchSystem } from './system.js';
import { summarise, type OperationSample, type OperationSummary } from './operations.js';

/**
 * The SMS callbacks one at a time through the Lambda handler, each invocation metered on its own:
 * the DynamoDB requests and capacity per operation, and the handler's own overhead on top of them.
 */
export async function smsRequestCosts(sys: BenchSystem, n: number): Promise<OperationSummary[]> {
  const key = sys.runtime.callbackKey;
  const lapor: OperationSample[] = [];
  const status: OperationSample[] = [];
  for (let i = 0; i < 5; i++) await sys.handlers.smsInbound(formEvent('POST /sms', laporForm(), key), sys.localContext('sms-inbound'));

  for (let i = 0; i < n; i++) {
    const event = formEvent('POST /sms', laporForm(), key);
    const m = await sys.meter.measure('sms-inbound LAPOR', () => sys.handlers.smsInbound(event, sys.localContext('sms-inbound')));
    if (m.result.statusCode !== 200) throw new Error(`LAPOR answered ${m.result.statusCode}`);
    lapor.push(m);
  }
  for (let i = 0; i < n; i++) {
    // A reporter asking about their own case: the path that reads the case and its timeline.
    const phone = nextPhone();
    const filed = await handleInboundSms(sys.runtime.deps, { id: nextSmsId(), from: phone, text: 'LAPOR paspor ditahan majikan', receivedAt: new Date().toISOString() });
    if (filed.kind !== 'case_filed') throw new Error('setup report not filed');
    const event = formEvent('POST /sms', { from: phone, to: '1708', text: `STATUS ${filed.reference}`, date: new Date().toISOString().slice(0, 19), id: nextSmsId() }, key);
    const m = await sys.meter.measure('sms-inbound STATUS', () => sys.handlers.smsInbound(event, sys.localContext('sms-inbound')));
    if (m.result.statusCode !== 200) throw new Error(`STATUS answered ${m.result.statusCode}`);
    status.push(m);
  }
  return [summarise('sms-inbound LAPOR (new case)', lapor), summarise('sms-inbound STATUS (own case)', status)];
}
