import { awsConfig } from '../lib/composition/aws-config.js';
import { awsStore } from '../lib/composition/aws-store.js';
import { CloudWatchMetrics } from '../lib/adapters/metrics/cloudwatch.js';
import { systemClock } from '../lib/clock.js';
import { createWebHandler } from '../lib/web/http.js';

/**
 * The public web form (lib/web/http.ts). Ports: the table and metrics; no callback key and no
 * gateway secret (anyone may report), and the role cannot read that secret.
 */
const cfg = awsConfig();
const store = await awsStore(cfg);

export const handler = createWebHandler({ deps: { store, clock: systemClock, policy: cfg.policy, metrics: new CloudWatchMetrics() } });
