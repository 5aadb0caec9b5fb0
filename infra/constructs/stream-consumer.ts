import { Duration, Validations } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { NOTIFIER_EVENTS } from '../../lib/adapters/dynamo/stream-filter.js';
import { TABLE } from '../../lib/adapters/dynamo/table-definition.js';
import type { HotlineFunction } from './hotline-function.js';

/**
 * The table stream feeding the notifier: bounded retries with bisection, partial batch failures,
 * a dead-letter queue, and the same record filter as the notifier's own predicate (isNotifierRecord).
 */
export class StreamConsumer extends Construct {
  readonly deadLetterQueue: sqs.Queue;

  constructor(scope: Construct, id: string, props: {
    table: dynamodb.ITable; consumer: HotlineFunction;
    /** Item sort keys and event names the consumer reads. @default NOTIFIER_EVENTS */
    events?: Readonly<Record<string, ReadonlyArray<'INSERT' | 'MODIFY'>>>;
    /** Older records go to the dead-letter queue. @default 1 hour (alerts are time-critical) */
    maxRecordAge?: Duration;
  }) {
    super(scope, id);
    // Only the record descriptions (shard, sequence numbers) of failed batches land here, no item data,
    // so SQS-managed encryption suffices and no KMS grant is needed for the function to send.
    this.deadLetterQueue = new sqs.Queue(this, 'Dlq', {
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    Validations.of(this.deadLetterQueue).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason: 'This queue is the on-failure destination of the notifier stream event source mapping, i.e. it is a dead-letter queue; cdk-nag only recognises DLQs set through an SQS redrive policy.',
    });
    props.consumer.fn.addEventSource(
      new DynamoEventSource(props.table, {
        startingPosition: lambda.StartingPosition.LATEST,
        batchSize: 25,
        bisectBatchOnError: true,
        retryAttempts: 5,
        reportBatchItemFailures: true,
        // Alerts are time-critical; an older record goes to the DLQ and the escalator's outbox sweep
        // (gsi2 PENDING) still sends the message.
        maxRecordAge: props.maxRecordAge ?? Duration.hours(1),
        onFailure: new SqsDlq(this.deadLetterQueue),
        filters: [
          // The same items the notifier's own predicate (isNotifierRecord) accepts, so Lambda is not
          // invoked for timeline events, counters or drafts. sk is a key attribute: matching Keys
          // matches both images. REMOVE (TTL expiry) is left out: nothing is sent for an expired item.
          ...Object.entries(props.events ?? NOTIFIER_EVENTS).map(([sk, eventNames]) =>
            lambda.FilterCriteria.filter({
              eventName: lambda.FilterRule.or(...eventNames),
              dynamodb: { Keys: { [TABLE.sortKey]: { S: lambda.FilterRule.isEqual(sk) } } },
            }),
          ),
        ],
      }),
    );
  }
}
