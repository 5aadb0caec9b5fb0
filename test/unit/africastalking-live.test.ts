import { afterEach, expect, it } from 'vitest';
import { createRequire } from 'node:module';
import { AfricasTalkingSender } from '../../lib/adapters/sms/africastalking.js';

// A file of its own: username `sandbox` switches the SDK to the sandbox for the whole process.
const axios = createRequire(import.meta.url)('axios') as typeof import('axios').default;
const originalAdapter = axios.defaults.adapter;
afterEach(() => {
  axios.defaults.adapter = originalAdapter;
});

it('posts to the live messaging endpoint for a live username', async () => {
  const urls: string[] = [];
  axios.defaults.adapter = async (config) => {
    urls.push(String(config.url));
    return {
      status: 201, statusText: 'Created', headers: {}, config,
      data: { SMSMessageData: { Message: 'Sent to 1/1', Recipients: [{ statusCode: 101, status: 'Success', number: '+60123456789', messageId: 'ATXid_live' }] } },
    } as never;
  };
  const result = await new AfricasTalkingSender({ username: 'pmintb', apiKey: 'live-key' }).send({ id: 'm1', to: '+60123456789', text: 'x' });
  expect(result).toEqual({ ok: true, providerMessageId: 'ATXid_live' });
  expect(urls).toEqual(['https://api.africastalking.com/version1/messaging']);
});
