import 'vitest';
import type { TestProject } from 'vitest/node';
import { startDynamoLocal } from '../../lib/local/dynamo-local.js';

/** One DynamoDB Local for the whole run; each test file makes its own table (see test/support/table.ts). */
export default async function setup(project: TestProject) {
  // Same as the projects' env in vitest.config.ts, for this main-process setup (it creates SDK clients).
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const dynamo = await startDynamoLocal();
  project.provide('dynamoEndpoint', dynamo.endpoint);
  return async () => dynamo.stop();
}

declare module 'vitest' {
  export interface ProvidedContext {
    dynamoEndpoint: string;
  }
}
