import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resourcesOfType, synthHotline, type Synthesised } from './synth.js';

// Template-only checks of the context-driven props: bundling is skipped to keep this file fast.
let s: Synthesised;
beforeAll(() => {
  s = synthHotline({
    bundle: false,
    props: { atSenderId: 'PMI-NTB', snsSenderId: 'PMINTB', alarmEmail: 'ops@example.org', logLevel: 'DEBUG', smsSpendAlarmUsd: 25 },
  });
});
afterAll(() => s?.cleanup());

describe('HotlineStack props', () => {
  it('passes both sender IDs and the log level to every function, all eight of them', () => {
    const fns = resourcesOfType(s.template, 'AWS::Lambda::Function');
    expect(fns).toHaveLength(8);
    for (const [id, fn] of fns) {
      expect(fn.Properties.Environment.Variables, id).toMatchObject({ AT_SENDER_ID: 'PMI-NTB', SNS_SENDER_ID: 'PMINTB', LOG_LEVEL: 'DEBUG' });
    }
  });

  it('subscribes the alarm email to the alarm topic only', () => {
    const subscriptions = resourcesOfType(s.template, 'AWS::SNS::Subscription').map(([, r]) => r.Properties);
    const alarmTopicId = s.stack.getLogicalId(
      s.stack.node.findAll().find((c) => c.node.path === 'PmiHotline/Alarms/Topic/Resource') as never,
    );
    expect(subscriptions).toEqual([{ Protocol: 'email', Endpoint: 'ops@example.org', TopicArn: { Ref: alarmTopicId } }]);
  });

  it('uses the SMS spend threshold', () => {
    const [spend] = resourcesOfType(s.template, 'AWS::CloudWatch::Alarm').filter(([, a]) => a.Properties.MetricName === 'SMSMonthToDateSpentUSD');
    expect(spend![1].Properties.Threshold).toBe(25);
  });

  it('stays free of cdk-nag findings with every option set', () => {
    expect(s.nagViolations.map((v) => v.ruleName)).toEqual([]);
  });
});
