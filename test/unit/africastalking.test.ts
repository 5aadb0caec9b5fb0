import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRequire } from 'node:module';
import { AfricasTalkingSender } from '../../lib/adapters/sms/africastalking.js';

/**
 * The SDK posts with its own CommonJS copy of axios; the test takes that same copy (an ESM import would
 * be a different instance) and swaps its adapter, so the real SDK builds the real request and nothing
 * leaves the machine.
 */
const axios = createRequire(import.meta.url)('axios') as typeof import('axios').default;

interface Captured { url?: string; method?: string; headers: Record<string, unknown>; body: URLSearchParams }
let requests: Captured[];
let answers: Array<(config: Record<string, unknown>) => unknown>;
const originalAdapter = axios.defaults.adapter;

const recipient = (statusCode: number, status: string, messageId = 'None') => ({
  status: 201, statusText: 'Created', headers: {},
  data: { SMSMessageData: { Message: 'Sent to 1/1 Total Cost: KES 0.8000', Recipients: [{ statusCode, number: '+60123456789', status, cost: 'KES 0.8000', messageId }] } },
});
const httpError = (status: number) => (config: Record<string, unknown>) => {
  throw new axios.AxiosError(`Request failed with status code ${status}`, 'ERR_BAD_RESPONSE', config as never, {}, {
    status, statusText: 'Error', headers: {}, config: config as never, data: 'error',
  });
};
const networkError = (code: string) => (config: Record<string, unknown>) => {
  throw new axios.AxiosError(`connect ${code}`, code, config as never, {});
};

beforeEach(() => {
  requests = [];
  answers = [];
  axios.defaults.adapter = async (config) => {
    const body = config.data instanceof URLSearchParams ? config.data : new URLSearchParams(String(config.data));
    requests.push({ url: config.url, method: config.method, headers: { ...(config.headers as object) }, body });
    const answer = answers.shift() ?? (() => recipient(101, 'Success', 'ATXid_default'));
    const response = answer(config as never) as Record<string, unknown>;
    return { ...response, config } as never;
  };
});
afterEach(() => {
  axios.defaults.adapter = originalAdapter;
});

const noPause = { sleep: async () => undefined };
const sender = () => new AfricasTalkingSender({ username: 'sandbox', apiKey: 'test-api-key', senderId: 'PMINTB' }, noPause);
const message = { id: 'reply.AT-1', to: '+60123456789', text: 'Laporan ABC-234 diterima.' };

describe("the Africa's Talking sender", () => {
  it('posts the form the AT messaging API expects, to the sandbox for username sandbox', async () => {
    await sender().send(message);

    expect(requests).toHaveLength(1);
    const [request] = requests;
    expect(request!.method).toBe('post');
    expect(request!.url).toBe('https://api.sandbox.africastalking.com/version1/messaging');
    expect(request!.headers).toMatchObject({ apikey: 'test-api-key', Accept: 'application/json' });
    expect(Object.fromEntries(request!.body)).toEqual({
      username: 'sandbox', to: '+60123456789', message: 'Laporan ABC-234 diterima.', from: 'PMINTB', bulkSMSMode: '1',
    });
  });

  it('leaves out the sender id when none is configured', async () => {
    await new AfricasTalkingSender({ username: 'sandbox', apiKey: 'k' }, noPause).send(message);
    expect(requests[0]!.body.has('from')).toBe(false);
  });

  it('returns the message id AT gives an accepted message (101 Success)', async () => {
    answers.push(() => recipient(101, 'Success', 'ATXid_abc'));
    expect(await sender().send(message)).toEqual({ ok: true, providerMessageId: 'ATXid_abc' });
  });

  it('fails a number AT calls invalid (403) for good, keeping the reason, with one request', async () => {
    answers.push(() => recipient(403, 'InvalidPhoneNumber'));
    expect(await sender().send(message)).toEqual({ ok: false, reason: '403_InvalidPhoneNumber', retryable: false });
    expect(requests).toHaveLength(1);
  });

  it('leaves an empty balance (405) to the outbox to retry later, without trying again at once', async () => {
    answers.push(() => recipient(405, 'InsufficientBalance'));
    expect(await sender().send(message)).toEqual({ ok: false, reason: '405_InsufficientBalance', retryable: true });
    expect(requests).toHaveLength(1);
  });

  it('retries an HTTP 500 with backoff, and succeeds when AT recovers', async () => {
    const pauses: number[] = [];
    answers.push(httpError(500), () => recipient(101, 'Success', 'ATXid_late'));
    const s = new AfricasTalkingSender({ username: 'sandbox', apiKey: 'k' }, { sleep: async (ms) => { pauses.push(ms); } });
    expect(await s.send(message)).toEqual({ ok: true, providerMessageId: 'ATXid_late' });
    expect(requests).toHaveLength(2);
    expect(pauses).toHaveLength(1);
  });

  it('reports a lasting HTTP 500 as retryable once its own attempts are used up', async () => {
    answers.push(httpError(500), httpError(500), httpError(500), httpError(500));
    expect(await sender().send(message)).toEqual({ ok: false, reason: 'http_500', retryable: true });
    expect(requests).toHaveLength(3);
  });

  it('keeps a message whose API key AT refuses (401) retryable for later, without retrying at once', async () => {
    answers.push(httpError(401));
    expect(await sender().send(message)).toEqual({ ok: false, reason: 'http_401', retryable: true });
    expect(requests).toHaveLength(1);
  });

  it('retries when AT could not be reached at all, since nothing was sent', async () => {
    answers.push(networkError('ECONNREFUSED'), () => recipient(101, 'Success', 'ATXid_2'));
    expect(await sender().send(message)).toEqual({ ok: true, providerMessageId: 'ATXid_2' });
  });

  it('never retries a dropped connection after the request went out, since AT may have accepted it', async () => {
    answers.push(networkError('ECONNRESET'), () => recipient(101, 'Success', 'ATXid_dup'));
    expect(await sender().send(message)).toEqual({ ok: false, reason: 'outcome_unknown_ECONNRESET', retryable: false });
    expect(requests).toHaveLength(1);
  });

  it('reports an answer without recipients (AT refused the whole request) as failed, not retryable', async () => {
    answers.push(() => ({ status: 201, headers: {}, data: { SMSMessageData: { Message: 'InvalidSenderId', Recipients: [] } } }));
    expect(await sender().send(message)).toEqual({ ok: false, reason: 'rejected_InvalidSenderId', retryable: false });
  });

  it('sends nothing for a number the SDK itself cannot parse', async () => {
    expect(await sender().send({ ...message, to: 'not-a-number' })).toEqual({ ok: false, reason: 'invalid_request', retryable: false });
    expect(requests).toHaveLength(0);
  });
});
