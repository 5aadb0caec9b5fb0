import { Agent } from 'node:http';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';

/** Any credentials do for DynamoDB Local; fixed ones keep every local client on the same database. */
export const LOCAL_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' };
export const LOCAL_REGION = 'ap-southeast-3';

/** A client of DynamoDB Local on this machine (`npm start`, the tests, the CLIs' `--endpoint`). */
export function localDynamoClient(endpoint: string): DynamoDBClient {
  // One process serves every function locally (in AWS each has its own sockets): the SDK's default of
  // 50 sockets queued a burst of callbacks past the functions' 10 s timeout.
  return new DynamoDBClient({
    endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS, maxAttempts: 3,
    requestHandler: new NodeHttpHandler({ httpAgent: new Agent({ keepAlive: true, maxSockets: 400 }) }),
  });
}
