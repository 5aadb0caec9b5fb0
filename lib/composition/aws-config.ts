import { config, type Config } from '../config.js';
import { configureLogger } from '../logger.js';

/**
 * The configuration of a Lambda function: read once at cold start, failing fast on a bad or
 * missing value. The entry points in functions/ are for AWS only; `npm start` composes the same
 * handlers on local adapters (lib/composition/local.ts).
 */
export function awsConfig(): Config {
  const cfg = config();
  if (cfg.stage !== 'aws') throw new Error('functions/* are the Lambda entry points and need STAGE=aws; `npm start` runs the system locally');
  configureLogger(cfg);
  return cfg;
}
