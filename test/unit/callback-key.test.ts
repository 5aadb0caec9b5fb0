import { describe, expect, it } from 'vitest';
import { requireCallbackKey, type HttpEvent } from '../../lib/http/api.js';
import { ForbiddenError } from '../../lib/domain/errors.js';

const KEY = 'a-callback-key-of-forty-characters-00000';
const withKey = (key?: string) => ({ ...(key === undefined ? {} : { queryStringParameters: { key } }) }) as HttpEvent;

describe('the callback key check', () => {
  it('lets the configured key through', () => {
    expect(() => requireCallbackKey(withKey(KEY), KEY)).not.toThrow();
  });

  it('refuses a missing, wrong, shorter or longer key with 403', () => {
    for (const given of [undefined, '', 'wrong', KEY.slice(0, -1), `${KEY}0`, KEY.toUpperCase()]) {
      expect(() => requireCallbackKey(withKey(given), KEY), String(given)).toThrow(ForbiddenError);
    }
  });

  it('lets nobody in when the configured key is empty or too short, not even a caller sending the same', () => {
    for (const expected of ['', 'short']) {
      expect(() => requireCallbackKey(withKey(expected), expected)).toThrow(ForbiddenError);
      expect(() => requireCallbackKey(withKey(), expected)).toThrow(ForbiddenError);
    }
  });
});
