/**
 * The hourly count of SMS to reporters that the spend guard watches (one counter for the hotline).
 * In a module of its own so that the senders (notifier, escalator) count without importing
 * fileReport and its intake parsing (libphonenumber's metadata alone is 118 KB of every bundle).
 */
export const REPORTER_SMS_COUNTER = { scope: 'reporter-sms', key: 'hotline', windowSeconds: 3600 } as const;
