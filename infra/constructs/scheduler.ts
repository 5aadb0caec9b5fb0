import { Duration } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import { Construct } from 'constructs';
import type { HotlineFunction } from './hotline-function.js';

/** Runs a function on a fixed rate (the escalator every 5 minutes), never piling up stale runs. */
export class Scheduler extends Construct {
  constructor(scope: Construct, id: string, props: { target: HotlineFunction; every: Duration }) {
    super(scope, id);
    // The next run is one period away: retrying a failed or stale run only overlaps with it.
    props.target.fn.configureAsyncInvoke({ retryAttempts: 0, maxEventAge: props.every });
    new events.Rule(this, 'Rule', {
      description: `pmi-hotline: run ${props.target.node.id} every ${props.every.toHumanString()}`,
      schedule: events.Schedule.rate(props.every),
      targets: [new targets.LambdaFunction(props.target.fn, { retryAttempts: 2, maxEventAge: props.every })],
    });
  }
}
