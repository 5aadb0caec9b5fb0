import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { config, MIN_CALLBACK_KEY_LENGTH, type Config } from './config.js';
import { DynamoStores } from './adapters/dynamo/stores.js';
import { FieldCipher, StaticDataKeySource } from './adapters/crypto/field-cipher.js';
import { KmsDataKeySource } from './adapters/crypto/kms-data-keys.js';
import { AfricasTalkingSender, AT_PLACEHOLDER_API_KEY } from './adapters/sms/africastalking.js';
import { SnsCaseEventPublisher, SnsSmsSender } from './adapters/sms/sns.js';
import { LocalOutbox } from './adapters/sms/outbox.js';
import { AdjustableClock, systemClock } from './clock.js';
import type { Deps } from './use-cases/deps.js';
import { logger } from './logger.js';

/**
 * Composition root: builds the adapters once per cold start from the config. Handlers import
 * `runtime`; use cases never see where their ports come from.
 */
export interface Runtime {
  config: Config;
  deps: Deps;
  /** The table's aggregates (the notifier decodes stream images with `stores.cases`). */
  stores: DynamoStores;
  /** Field encryption and lookup hashes: the console's aggregates are built with it (lib/console/wiring.ts). */
  cipher: FieldCipher;
  callbackKey: string;
  /** Local stage only. */
  outbox?: LocalOutbox;
  clock?: AdjustableClock;
}

async function buildRuntime(cfg: Config): Promise<Runtime> {
  if (cfg.stage === 'local') {
    const db = new DynamoDBClient({
      region: cfg.region,
      ...(cfg.dynamoEndpoint ? { endpoint: cfg.dynamoEndpoint } : {}),
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
    const cipher = new FieldCipher(new StaticDataKeySource(cfg.local.dataKeyHex), cfg.local.lookupKey);
    const stores = new DynamoStores(db, cfg.tableName, cipher);
    const clock = new AdjustableClock();
    const outbox = new LocalOutbox();
    const now = () => clock.now();
    return {
      config: cfg, stores, cipher, callbackKey: cfg.local.callbackKey, outbox, clock,
      deps: {
        ...stores.ports, clock, policy: cfg.policy,
        senders: { reporter: outbox.sender('africastalking', now), official: outbox.sender('sns', now) },
        events: outbox.publisher(),
      },
    };
  }

  // AWS-only clients are imported here, not at the top: the local stage (and its cold-start
  // measurement) loads the DynamoDB client alone.
  const [{ SecretsManagerClient, GetSecretValueCommand }, { KMSClient }, { SNSClient }] = await Promise.all([
    import('@aws-sdk/client-secrets-manager'), import('@aws-sdk/client-kms'), import('@aws-sdk/client-sns'),
  ]);
  const secrets = new SecretsManagerClient({ region: cfg.region });
  const readSecret = async (arn: string) => {
    const out = await secrets.send(new GetSecretValueCommand({ SecretId: arn }));
    if (!out.SecretString) throw new Error('Secret has no string value');
    return out.SecretString;
  };
  const [gatewayJson, lookupKey] = await Promise.all([readSecret(cfg.gatewaySecretArn!), readSecret(cfg.lookupKeySecretArn!)]);
  const gateway = JSON.parse(gatewayJson) as { username: string; apiKey: string; callbackKey: string };
  if (typeof gateway.callbackKey !== 'string' || gateway.callbackKey.length < MIN_CALLBACK_KEY_LENGTH) {
    // Fail the cold start: every callback would be refused anyway, and the error names the cause.
    throw new Error('The gateway secret has no usable callbackKey');
  }
  if (gateway.apiKey === AT_PLACEHOLDER_API_KEY) {
    // Reporter SMS stay pending (AT answers 401) until the secret is filled in and functions restart.
    logger.error("Africa's Talking credentials are not set in the gateway secret");
  }
  const db = new DynamoDBClient({ region: cfg.region });
  const sns = new SNSClient({ region: cfg.region });
  const cipher = new FieldCipher(new KmsDataKeySource(new KMSClient({ region: cfg.region }), cfg.kmsKeyArn!), lookupKey);
  const stores = new DynamoStores(db, cfg.tableName, cipher);
  return {
    config: cfg, stores, cipher, callbackKey: gateway.callbackKey,
    deps: {
      ...stores.ports, clock: systemClock, policy: cfg.policy,
      senders: {
        reporter: new AfricasTalkingSender({ username: gateway.username, apiKey: gateway.apiKey, ...(cfg.atSenderId ? { senderId: cfg.atSenderId } : {}) }),
        official: new SnsSmsSender(sns, cfg.snsSenderId),
      },
      ...(cfg.eventsTopicArn ? { events: new SnsCaseEventPublisher(sns, cfg.eventsTopicArn) } : {}),
    },
  };
}

export const runtime: Runtime = await buildRuntime(config());
