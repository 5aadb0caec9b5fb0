import { awsConfig, handlerWhenReady } from '../lib/composition/aws-config.js';
import { awsStore } from '../lib/composition/aws-store.js';
import { CloudWatchMetrics } from '../lib/adapters/metrics/cloudwatch.js';
import { systemClock } from '../lib/clock.js';
import { createWebHandler } from '../lib/web/http.js';

/**
 * The public web form (lib/web/http.ts). Ports: the table and metrics; no callback key and no
 * gateway secret (anyone may report), and the role cannot read that secret.
 */
const cfg = awsConfig();

export const handler = handlerWhenReady(async () =>
  createWebHandler({ deps: { store: await awsStore(cfg), clock: systemClock, policy: cfg.policy, metrics: new CloudWatchMetrics() } }),
);
