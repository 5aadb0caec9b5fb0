import { describe, expect, it } from 'vitest';
import { entriesNewestFirst } from '../../lib/conversation/follow-up.js';
import { IntakeConflictError, PayloadTooLargeError, RateLimitedError } from '../../lib/domain/errors.js';

/** Error answers and follow-up labels at the edges a mutation run (issue 24) found untested. */
describe('the errors a caller is answered with', () => {
  it('name their code, status and what to do', () => {
    const tooLarge = new PayloadTooLargeError(1024);
    expect([tooLarge.code, tooLarge.status, tooLarge.message]).toEqual(['PAYLOAD_TOO_LARGE', 413, 'Body larger than 1024 bytes']);
    const limited = new RateLimitedError('sms');
    expect([limited.code, limited.status, limited.message, limited.scope]).toEqual(['RATE_LIMITED', 429, 'Too many requests, try again later', 'sms']);
    const reused = new IntakeConflictError();
    expect([reused.code, reused.status, reused.message])
      .toEqual(['TOKEN_REUSED', 409, 'This form token was already used for a different report. Reload the form (or use a new token) and send the report again.']);
  });
});

describe('the follow-ups of a report, newest first', () => {
  it('label the tenth and later follow-ups with their time too', () => {
    const description = `Gaji belum dibayar${Array.from({ length: 10 }, (_, i) => `\n\n[+${i + 1} 06/12 08:4${i % 10} WITA] pesan ${i + 1}`).join('')}`;
    expect(entriesNewestFirst(description).slice(0, 2)).toEqual([
      { label: 'Balasan 10 (06/12 08:49)', text: 'pesan 10' },
      { label: 'Balasan 9 (06/12 08:48)', text: 'pesan 9' },
    ]);
  });
});
