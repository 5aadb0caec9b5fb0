/**
 * What the SMS and WhatsApp conversation loads on the first report or follow-up text it reads for
 * places (handle-inbound-sms.ts): the place reader with its NTB gazetteer, and the plan that sets a
 * regency from a message. One module, so the bundle has one lazy chunk for it: every `import()`
 * target that shares code with the entry makes esbuild move that code into a chunk of its own, and
 * each extra file a cold start reads costs about as much as 10 KB of code.
 */
export { placesOfReport } from '../domain/places/report-places.js';
export { withRegencyFromMessage } from '../cases/regency-plans.js';
