import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Logger, logger } from '../../lib/logger.js';
import { invokeLocally, localContext } from '../../lib/local/lambda-shim.js';

const lines: Record<string, unknown>[] = [];
beforeEach(() => {
  lines.length = 0;
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    lines.push(JSON.parse(String(chunk)));
    return true;
  });
  logger.setLogLevel('INFO');
});
afterEach(() => {
  vi.restoreAllMocks();
  logger.setLogLevel('SILENT');
});

const tick = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('log lines of the local server, where invocations of all functions run at once', () => {
  it('carry the function name and request id of their own invocation, not of one started since', async () => {
    const invoke = (name: string, wait: number) => invokeLocally(async (_event: unknown, context) => {
      logger.addContext(context);
      await tick(wait);
      logger.info('handled', { step: name });
      return context.awsRequestId;
    }, {}, name);
    const [sms, figures] = await Promise.all([invoke('sms-inbound', 30), invoke('figures', 5)]);
    const lineOf = (name: string) => lines.find((line) => line.step === name)!;
    expect(lineOf('sms-inbound')).toMatchObject({ function_name: 'sms-inbound', function_request_id: sms });
    expect(lineOf('figures')).toMatchObject({ function_name: 'figures', function_request_id: figures });
  });

  it('keep one context per logger in a Lambda instance, which runs one invocation at a time', () => {
    const own = new Logger({ logLevel: 'INFO' });
    own.addContext(localContext('notifier'));
    own.info('first');
    own.addContext(localContext('notifier'));
    own.info('second');
    expect(lines.map((line) => line.cold_start)).toEqual([true, false]);
    expect(lines.every((line) => line.function_name === 'notifier')).toBe(true);
  });
});
