import { Logger } from '@aws-lambda-powertools/logger';
import { config } from './config.js';

/**
 * The one structured logger. What goes in: case ids, references, codes, counts, durations.
 * What never goes in: phone numbers, NIK, report text, callback keys, whole events or request bodies
 * (test/support/privacy-teardown.ts scans every line a test run produces).
 */
export const logger = new Logger({
  serviceName: 'pmi-hotline',
  logLevel: config().logLevel,
});
