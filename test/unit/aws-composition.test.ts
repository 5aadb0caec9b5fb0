import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { mockClient } from 'aws-sdk-client-mock';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { GatewaySecretReader, gatewaySecret } from '../../lib/composition/aws-gateway.js';
import { handlerWhenReady } from '../../lib/composition/aws-config.js';
import { awsStores } from '../../lib/composition/aws-stores.js';
import { CloudWatchMetrics } from '../../lib/adapters/metrics/cloudwatch.js';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { officialSenderOnFirstAlert } from '../../lib/composition/aws-sns-on-first-alert.js';

const secrets = mockClient(SecretsManagerClient);
const gatewayJson = (callbackKey: string, apiKey = 'live-key') => JSON.stringify({ username: 'pmi-ntb', apiKey, callbackKey });

beforeEach(() => { secrets.reset(); });
afterEach(() => { vi.useRealTimers(); });

describe('the gateway secret in AWS', () => {
  it('applies a changed callback key once the cache age has passed, without a restart', async () => {
    vi.useFakeTimers({ now: new Date('2026-12-01T00:00:00Z'), toFake: ['Date'] });
    secrets.on(GetSecretValueCommand).resolvesOnce({ SecretString: gatewayJson('first-callback-key-0123456789') })
      .resolves({ SecretString: gatewayJson('second-callback-key-0123456789') });
    const reader = new GatewaySecretReader('arn:aws:secretsmanager:ap-southeast-3:000000000000:secret:gw-refresh', 300);

    expect(await reader.callbackKey()).toBe('first-callback-key-0123456789');
    vi.setSystemTime(new Date('2026-12-01T00:04:00Z'));
    expect(await reader.callbackKey()).toBe('first-callback-key-0123456789');
    expect(secrets.commandCalls(GetSecretValueCommand)).toHaveLength(1);

    vi.setSystemTime(new Date('2026-12-01T00:05:01Z'));
    expect(await reader.callbackKey()).toBe('second-callback-key-0123456789');
    expect(secrets.commandCalls(GetSecretValueCommand)).toHaveLength(2);
  });

  it('refuses to build a callback function whose secret has no usable callback key', async () => {
    secrets.on(GetSecretValueCommand).resolves({ SecretString: gatewayJson('short') });
    await expect(gatewaySecret({ gatewaySecretArn: 'arn:aws:secretsmanager:ap-southeast-3:000000000000:secret:gw-short', secretsMaxAgeSeconds: 300 }))
      .rejects.toThrow('The gateway secret has no usable callbackKey');
  });

  it('names the variable when a function without the gateway secret in its environment builds a port that needs it', async () => {
    await expect(gatewaySecret({ secretsMaxAgeSeconds: 300 })).rejects.toThrow(/GATEWAY_SECRET_ARN required/);
    expect(secrets.commandCalls(GetSecretValueCommand)).toHaveLength(0);
  });

  it('reads a secret that is not the expected JSON as no key at all, so every callback is refused', async () => {
    secrets.on(GetSecretValueCommand).resolves({ SecretString: JSON.stringify({ username: 'x' }) });
    const reader = new GatewaySecretReader('arn:aws:secretsmanager:ap-southeast-3:000000000000:secret:gw-broken', 300);
    expect(await reader.callbackKey()).toBe('');
  });
});

describe('the store in AWS', () => {
  it('names the variables a function without the store grant lacks, before reading anything', async () => {
    await expect(awsStores({ region: 'ap-southeast-3', tableName: 't', lookupKeySecretArn: 'arn:aws:secretsmanager:ap-southeast-3:000000000000:secret:lk' }))
      .rejects.toThrow(/KMS_KEY_ARN required by the store/);
    await expect(awsStores({ region: 'ap-southeast-3', tableName: 't' })).rejects.toThrow(/KMS_KEY_ARN, LOOKUP_KEY_SECRET_ARN required/);
    expect(secrets.commandCalls(GetSecretValueCommand)).toHaveLength(0);
  });
});

describe('a handler built in the background from the cold start', () => {
  it('starts building at once, lets the first invocation wait for it, and builds only once', async () => {
    let builds = 0;
    let release!: () => void;
    const gate = new Promise<void>((r) => { release = r; });
    const handler = handlerWhenReady(async () => {
      builds++;
      await gate;
      return async (event: number) => event * 2;
    });
    expect(builds).toBe(1);
    const first = handler(21, {});
    release();
    expect(await first).toBe(42);
    expect(await handler(5, {})).toBe(10);
    expect(builds).toBe(1);
  });

  it('fails the invocation when the build fails, and builds again on the next one', async () => {
    let builds = 0;
    const handler = handlerWhenReady(async () => {
      builds++;
      if (builds === 1) throw new Error('secret not readable yet');
      return async (event: string) => `ok ${event}`;
    });
    await expect(handler('a', {})).rejects.toThrow('secret not readable yet');
    expect(await handler('b', {})).toBe('ok b');
    expect(builds).toBe(2);
  });
});

describe('CloudWatch metrics', () => {
  it('writes each count at once in the embedded metric format, in the namespace and with the dimension the alarms read', () => {
    const lines: string[] = [];
    const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => { lines.push(String(chunk)); return true; });
    try {
      new CloudWatchMetrics().count('AlertFailed');
    } finally {
      spy.mockRestore();
    }
    const emf = lines.map((l) => JSON.parse(l)).find((l) => l._aws);
    expect(emf._aws.CloudWatchMetrics).toEqual([{ Namespace: 'PmiHotline', Dimensions: [['service']], Metrics: [{ Name: 'AlertFailed', Unit: 'Count' }] }]);
    expect(emf).toMatchObject({ service: 'pmi-hotline', AlertFailed: 1 });
  });
});

describe("the escalator's alerts to officials", () => {
  it('go out through SNS as transactional SMS with the sender ID, the client loaded with the first alert and reused after', async () => {
    const sns = mockClient(SNSClient);
    sns.on(PublishCommand).resolvesOnce({ MessageId: 'sns-1' }).resolvesOnce({ MessageId: 'sns-2' });
    const sender = officialSenderOnFirstAlert({ region: 'ap-southeast-3', snsSenderId: 'PMINTB' });
    expect(sns.calls()).toHaveLength(0);
    expect(await sender.send({ id: 'm-1', to: '+6281234567001', text: 'Kasus ABC-234 belum ditangani' })).toEqual({ ok: true, providerMessageId: 'sns-1' });
    expect(await sender.send({ id: 'm-2', to: '+6281234567002', text: 'Kasus ABC-235 belum ditangani' })).toEqual({ ok: true, providerMessageId: 'sns-2' });
    const inputs = sns.commandCalls(PublishCommand).map((call) => call.args[0].input);
    expect(inputs.map((i) => i.PhoneNumber)).toEqual(['+6281234567001', '+6281234567002']);
    expect(inputs[0]!.MessageAttributes).toEqual({
      'AWS.SNS.SMS.SMSType': { DataType: 'String', StringValue: 'Transactional' },
      'AWS.SNS.SMS.SenderID': { DataType: 'String', StringValue: 'PMINTB' },
    });
    sns.restore();
  });
});
