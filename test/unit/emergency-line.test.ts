import { describe, expect, it } from 'vitest';
import { emergencyLineFor } from '../../lib/domain/emergency-line.js';
import { ConfigurationError, parseConfig } from '../../lib/config.js';

const lines = parseConfig({ MISSION_PHONES: 'SA=+966 11 488 2800' }).policy.emergencyLines;

describe('the emergency line a person is told to call', () => {
  it('is the toll-free domestic line for an Indonesian number, and when no number is known', () => {
    expect(emergencyLineFor(lines, '+6281234567890')).toBe('0800-1000');
    expect(emergencyLineFor(lines)).toBe('0800-1000');
  });

  it('is a number dialable from abroad for a foreign SIM, never the 0800 line', () => {
    expect(emergencyLineFor(lines, '+60123456789')).toBe('+62 21 2924 4800');
    expect(emergencyLineFor(lines, '+886912345678')).toBe('+62 21 2924 4800');
    expect(emergencyLineFor(lines, '+4915112345678')).toBe('+62 21 2924 4800');
  });

  it("is the Indonesian mission's line where one is configured for the sender's country", () => {
    expect(emergencyLineFor(lines, '+966501234567')).toBe('+966 11 488 2800');
  });

  it('refuses a mission entry that is not COUNTRY=number, or too long for an SMS, naming the setting only', () => {
    for (const bad of ['Malaysia=+60321164000', 'MY:+60321164000', 'MY=call us', 'ZZ=+123456789', 'MY=+60 3 2116 4000 ext 12']) {
      expect(() => parseConfig({ MISSION_PHONES: bad })).toThrow(ConfigurationError);
      expect(() => parseConfig({ MISSION_PHONES: bad })).toThrow(/MISSION_PHONES/);
    }
  });
});
