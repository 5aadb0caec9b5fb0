import { describe, expect, it } from 'vitest';
import type { DynamoDBRecord } from 'aws-lambda';
import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { useSystemWithNotifier } from '../support/local-deps.js';
import { localDynamoClient } from '../../lib/adapters/dynamo/local-client.js';
import { DynamoAgentsStore } from '../../lib/adapters/dynamo/agents-store.js';
import { localContext } from '../../lib/local/lambda-shim.js';
import { submitReport } from '../../lib/web/submit-report.js';
import { newFormToken } from '../../lib/web/pages.js';

/** The system as `npm start` composes it, with its notifier (and so its agent watch) on the stream. */
const fixture = useSystemWithNotifier();

/** The notifier's handler, as Lambda calls it: the case's own effects, then the agent watch. */
async function notifier(record: DynamoDBRecord) {
  await fixture.system.handlers.notifier({ Records: [record] }, localContext('notifier', 60_000));
}

let n = 0;
const report = (agentName: string, homeRegency: string) => submitReport(fixture.system.deps, {
  reporterType: 'family', contact: `+62812345670${String(++n).padStart(2, '0')}`, category: 'trafficking', country: 'MY', homeRegency,
  description: 'anak kami diberangkatkan tanpa dokumen', consent: true, token: newFormToken(), agentName,
}, { ip: `198.51.100.${n}` });

const agentAlerts = () => fixture.system.outbox.entries.filter((e) => e.route === 'sns' && e.message.includes('agen/calo'));

describe('an agent named in several reports', () => {
  it('alerts the province desk and BP3MI once, with count and references but no name, when the third case names it', async () => {
    const first = await report('PT. Maju Jaya', '5201');
    const second = await report('pt maju-jaya', '5203');
    await fixture.poller.settled(1500);
    expect(agentAlerts()).toHaveLength(0);

    const third = await report('Calo P.T. Maju Djaja', '5206');
    await fixture.poller.settled(1500);
    const alerts = agentAlerts();
    expect(alerts.map((a) => a.to).sort()).toEqual(['+6281100005200', '+6281100005300']);
    for (const a of alerts) {
      expect(a.message).toContain('3 laporan');
      for (const f of [first, second, third]) expect(a.message).toContain(f.reference);
      expect(a.message).not.toMatch(/maju|jaya|djaja/i);
    }
  });

  it('does not alert again when the stream redelivers every record, nor for a fourth case', async () => {
    for (const record of [...fixture.poller.seen.notifier!]) await notifier(record);
    await report('MAJU JAYA', '5202');
    await fixture.poller.settled(1500);
    expect(agentAlerts()).toHaveLength(2);
    const flagged = await new DynamoAgentsStore(fixture.system.stores.table).flagged();
    expect(flagged).toHaveLength(1);
    expect(flagged[0]!.count).toBe(4);
  });

  it('keeps the name only as ciphertext on the case', async () => {
    const filed = await report('PT Sumber Rejeki', '5204');
    const c = await fixture.system.store.getCaseByReference(filed.reference);
    expect(c?.agentName).toBe('PT Sumber Rejeki');
    const raw = await localDynamoClient(fixture.system.endpoint).send(new GetItemCommand({ TableName: fixture.system.tableName, Key: marshall({ pk: `CASE#${c!.id}`, sk: 'CASE' }) }));
    expect(JSON.stringify(raw.Item)).not.toMatch(/sumber|rejeki/i);
    expect(raw.Item?.agentHash?.S).toMatch(/\w{16,}/);
  });
});
