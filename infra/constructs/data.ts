import { RemovalPolicy, Validations } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { QUEUE_INDEX_ATTRIBUTES, QUEUE_INDEXES, TABLE } from '../../lib/adapters/dynamo/table-definition.js';
import { KEYS_TABLE, keysTableNameFor } from '../../lib/adapters/crypto/subject-keys.js';
import { AT_PLACEHOLDER_API_KEY } from '../../lib/adapters/sms/africastalking.js';
import { STABLE_LOGICAL_IDS, keepLogicalId } from './logical-ids.js';

/**
 * What the hotline keeps: the table, the one customer-managed key, and the two secrets. All of it
 * outlives the stack, and keeps the logical IDs of the first deployments (keepLogicalId), so an
 * update can never replace the table, the key or a secret.
 *
 * One key, not three (table, personal fields, topics): each key is 1 USD a month, a third of the
 * hotline's running cost. The key still keeps table readers from personal fields: the fields are
 * sealed with data keys this key wraps, which only a principal allowed to call KMS directly can
 * unwrap; anyone given table access through DynamoDB (kms:ViaService) reads `v1.` ciphertext.
 * Secrets stay on Secrets Manager's own key and logs on CloudWatch's: they cost nothing, logs hold no
 * personal data, and moving a secret to another key re-encrypts it for no gain.
 */
export class HotlineData extends Construct {
  readonly key: kms.Key;
  readonly table: dynamodb.Table;
  /** Per-case keys (crypto-shredding): no PITR, no stream, no backup, so a destroyed key is gone. */
  readonly keysTable: dynamodb.Table;
  readonly gatewaySecret: secretsmanager.Secret;
  readonly lookupKeySecret: secretsmanager.Secret;
  /** WhatsApp Cloud API: app secret, verify token (generated), access token, phone-number id. */
  readonly whatsappSecret: secretsmanager.Secret;

  constructor(scope: Construct, id: string) {
    super(scope, id);

    // Retained: a deleted key makes the retained table and every encrypted field unreadable.
    this.key = new kms.Key(this, 'Key', {
      description: 'pmi-hotline: the table at rest, envelope encryption of personal fields, SNS topics',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    keepLogicalId(this.key, STABLE_LOGICAL_IDS.key);
    // CloudWatch alarms publish to the encrypted alarm topic, so the service must be able to use the key.
    this.key.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AllowCloudWatchAlarmsToPublish',
        principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey'],
        resources: ['*'],
      }),
    );

    this.gatewaySecret = new secretsmanager.Secret(this, 'GatewaySecret', {
      description: "pmi-hotline: Africa's Talking username and apiKey (fill in after deploy); callbackKey guards the callback URLs",
      generateSecretString: {
        secretStringTemplate: JSON.stringify({ username: 'sandbox', apiKey: AT_PLACEHOLDER_API_KEY }),
        generateStringKey: 'callbackKey',
        excludePunctuation: true,
        passwordLength: 40,
      },
    });
    // The generated callbackKey is typed into AT's dashboard: a replaced secret would lock AT out.
    keepLogicalId(this.gatewaySecret, STABLE_LOGICAL_IDS.gatewaySecret);
    this.lookupKeySecret = new secretsmanager.Secret(this, 'LookupKeySecret', {
      description: 'pmi-hotline: HMAC key for phone/NIK lookup hashes',
      generateSecretString: { excludePunctuation: true, passwordLength: 64 },
      // Every stored lookup hash depends on this key; losing it orphans all reporter lookups.
      removalPolicy: RemovalPolicy.RETAIN,
    });
    keepLogicalId(this.lookupKeySecret, STABLE_LOGICAL_IDS.lookupKeySecret);
    this.whatsappSecret = new secretsmanager.Secret(this, 'WhatsAppSecret', {
      description: 'pmi-hotline: WhatsApp Cloud API appSecret, accessToken and phoneNumberId (fill in after deploy); verifyToken is typed into the Meta app webhook settings',
      generateSecretString: {
        // Empty until the operator fills them in: an empty app secret verifies no webhook, an empty token sends nothing (SMS instead).
        secretStringTemplate: JSON.stringify({ appSecret: '', accessToken: '', phoneNumberId: '' }),
        generateStringKey: 'verifyToken',
        excludePunctuation: true,
        passwordLength: 40,
      },
    });
    Validations.of(this.whatsappSecret).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason: "The app secret and access token are issued in Meta's app dashboard and cannot be rotated by a Lambda; the verify token is typed into that dashboard. Operators rotate them by hand.",
    });
    Validations.of(this.gatewaySecret).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason: "The apiKey is issued in the Africa's Talking dashboard and cannot be rotated by a Lambda; callbackKey is also typed into that dashboard. Operators rotate both by hand.",
    });
    Validations.of(this.lookupKeySecret).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason: 'HMAC key behind stored lookup hashes: rotating it silently breaks every existing lookup, so rotation is a planned re-hash migration, not a schedule.',
    });

    // Built from the shared table definition, so the table in AWS and on DynamoDB Local cannot drift.
    this.table = new dynamodb.Table(this, 'Table', {
      partitionKey: { name: TABLE.partitionKey, type: dynamodb.AttributeType.STRING },
      sortKey: { name: TABLE.sortKey, type: dynamodb.AttributeType.STRING },
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      encryption: dynamodb.TableEncryption.CUSTOMER_MANAGED,
      encryptionKey: this.key,
      timeToLiveAttribute: TABLE.ttlAttribute,
      stream: dynamodb.StreamViewType[TABLE.streamView],
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    keepLogicalId(this.table, STABLE_LOGICAL_IDS.table);
    // The same indexes as the shared table definition (test/infra compares them).
    for (const index of [TABLE.byContactIndex, TABLE.dueIndex]) {
      this.table.addGlobalSecondaryIndex({
        indexName: index.name,
        partitionKey: { name: index.partitionKey, type: dynamodb.AttributeType.STRING },
        sortKey: { name: index.sortKey, type: dynamodb.AttributeType.STRING },
        projectionType: dynamodb.ProjectionType.ALL,
      });
    }
    // The console's queue indexes carry only the queue's non-personal fields. CloudFormation adds one
    // index per table update: on a table deployed before the console, add them one deployment at a time.
    for (const index of QUEUE_INDEXES) {
      this.table.addGlobalSecondaryIndex({
        indexName: index.name,
        partitionKey: { name: index.partitionKey, type: dynamodb.AttributeType.STRING },
        sortKey: { name: index.sortKey, type: dynamodb.AttributeType.STRING },
        projectionType: dynamodb.ProjectionType.INCLUDE,
        nonKeyAttributes: [...QUEUE_INDEX_ATTRIBUTES],
      });
    }
    // Per-case subject keys (lib/adapters/crypto/subject-keys.ts). Deliberately without
    // point-in-time recovery and without a stream: erasing a case destroys its key item, and no copy
    // of the key may survive it, or the table's own 35 days of PITR would keep the case readable.
    // The cost of that choice: losing this table loses every case's personal fields (not its facts),
    // so it is deletion-protected and retained like the table.
    this.keysTable = new dynamodb.Table(this, 'KeysTable', {
      tableName: keysTableNameFor(this.table.tableName),
      partitionKey: { name: KEYS_TABLE.partitionKey, type: dynamodb.AttributeType.STRING },
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: false },
      encryption: dynamodb.TableEncryption.CUSTOMER_MANAGED,
      encryptionKey: this.key,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(this.keysTable).acknowledge({
      id: 'AwsSolutions-DDB3',
      reason: 'Crypto-shredding: per-case keys must not outlive their destruction in a point-in-time copy (README: Backups forget).',
    });

    // Cases by month (figures' rebuild, the case-list export): only non-personal facts.
    this.table.addGlobalSecondaryIndex({
      indexName: TABLE.byMonthIndex.name,
      partitionKey: { name: TABLE.byMonthIndex.partitionKey, type: dynamodb.AttributeType.STRING },
      sortKey: { name: TABLE.byMonthIndex.sortKey, type: dynamodb.AttributeType.STRING },
      projectionType: dynamodb.ProjectionType.INCLUDE,
      nonKeyAttributes: [...TABLE.byMonthIndex.projected],
    });
  }
}
