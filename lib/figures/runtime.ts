import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { config } from '../config.js';
import { DynamoFiguresStore } from '../adapters/dynamo/figures-store.js';
import { DynamoAgentsStore } from '../adapters/dynamo/agents-store.js';
import { DynamoTable } from '../adapters/dynamo/table.js';
import type { FiguresDeps } from './update-figures.js';
import type { AgentsPort } from './agent-watch.js';

let built: (FiguresDeps & { agents: AgentsPort }) | undefined;

/**
 * The figures aggregate for a function that needs it (the web function's /statistik, the figures
 * stream consumer): a DynamoDB client and the policy, nothing else (no keys, no secrets: figures
 * never touch a personal field). Built on first use, once per cold start.
 */
export function figuresRuntime(): FiguresDeps & { agents: AgentsPort } {
  if (built) return built;
  const cfg = config();
  const db = new DynamoDBClient({
    region: cfg.region,
    ...(cfg.stage === 'local'
      ? { credentials: { accessKeyId: 'local', secretAccessKey: 'local' }, ...(cfg.dynamoEndpoint ? { endpoint: cfg.dynamoEndpoint } : {}) }
      : {}),
  });
  const table = new DynamoTable(db, cfg.tableName);
  built = { figures: new DynamoFiguresStore(table), agents: new DynamoAgentsStore(table), policy: cfg.policy };
  return built;
}
