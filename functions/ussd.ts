import { createUssdHandler } from '../lib/ussd/http.js';
import { runtime } from '../lib/wiring.js';

/**
 * AT USSD: `POST /ussd` (one request per screen) and `POST /ussd/events` (end-of-session notice).
 * Parsing, routing and the CON/END mapping live in lib/ussd/http.ts so they are tested on DynamoDB
 * Local without this module's AWS wiring.
 */
export const handler = createUssdHandler(runtime);
