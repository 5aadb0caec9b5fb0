import { awsConfig, handlerWhenReady } from '../lib/composition/aws-config.js';
import { awsStores } from '../lib/composition/aws-store.js';
import { CloudWatchMetrics } from '../lib/adapters/metrics/cloudwatch.js';
import { systemClock } from '../lib/clock.js';
import { createWebHandler } from '../lib/web/http.js';

/**
 * The public web form (lib/web/http.ts). Ports: cases, reporters and metrics; no callback key and no
 * gateway secret (anyone may report), and the role cannot read that secret.
 */
const cfg = awsConfig();

export const handler = handlerWhenReady(async () => {
  const { cases, reporters } = await awsStores(cfg);
  return createWebHandler({ deps: { cases, reporters, clock: systemClock, policy: cfg.policy, metrics: new CloudWatchMetrics() } });
});
