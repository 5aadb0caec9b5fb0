import { awsConfig, handlerWhenReady } from '../lib/composition/aws-config.js';
import { awsStores } from '../lib/composition/aws-store.js';
import { CloudWatchMetrics } from '../lib/adapters/metrics/cloudwatch.js';
import { systemClock } from '../lib/clock.js';
import { createWebHandler } from '../lib/web/http.js';
import { DynamoFiguresStore } from '../lib/adapters/dynamo/figures-store.js';
import { statistikRoutes } from '../lib/figures/http.js';

/**
 * The public web form (lib/web/http.ts) and the public figures (/statistik, lib/figures/http.ts). Ports: cases, reporters, figures (read) and metrics; no callback key and no
 * gateway secret (anyone may report), and the role cannot read that secret.
 */
const cfg = awsConfig();

export const handler = handlerWhenReady(async () => {
  const { cases, reporters, table } = await awsStores(cfg);
  const figures = new DynamoFiguresStore(table);
  return createWebHandler({
    deps: { cases, reporters, clock: systemClock, policy: cfg.policy, metrics: new CloudWatchMetrics() },
    statistik: statistikRoutes(() => ({ figures, clock: systemClock })),
  });
});
