import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resourcesOfType, synthHotline, type Synthesised } from './synth.js';
import { FUNCTIONS, FUNCTION_NAMES, type FunctionName } from '../../lib/composition/manifest.js';

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
  it('passes the log level to every function, and each sender ID to the functions that send through it', () => {
    const fns = resourcesOfType(s.template, 'AWS::Lambda::Function');
    expect(fns).toHaveLength(FUNCTION_NAMES.length);
    const envOfFunction = (name: FunctionName) => fns.find(([id]) => id.startsWith(FUNCTIONS[name].id))![1].Properties.Environment.Variables;
    for (const name of FUNCTION_NAMES) {
      const env = envOfFunction(name);
      expect(env.LOG_LEVEL, name).toBe('DEBUG');
      const grants: readonly string[] = FUNCTIONS[name].grants;
      expect(env.AT_SENDER_ID, name).toBe(grants.includes('reporterSms') ? 'PMI-NTB' : undefined);
      expect(env.SNS_SENDER_ID, name).toBe(grants.includes('officialSms') ? 'PMINTB' : undefined);
    }
    expect(FUNCTION_NAMES.filter((name) => envOfFunction(name).AT_SENDER_ID).sort()).toEqual(['escalator', 'notifier']);
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
