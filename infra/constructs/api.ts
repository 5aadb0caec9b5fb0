import { RemovalPolicy, Validations } from 'aws-cdk-lib';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { STABLE_LOGICAL_IDS, keepLogicalId } from './logical-ids.js';

export interface ApiRoute {
  method: apigwv2.HttpMethod;
  path: string;
  /** The function behind the route, and the id its integration is named after. */
  fn: lambda.IFunction;
  fnId: string;
  /** Per-route throttling below the stage default (the public form). */
  throttle?: { rateLimit: number; burstLimit: number };
}

/**
 * The HTTP API: Africa's Talking callbacks and the web form. One stage with throttling and access
 * logs (no query string, no caller IP), each route integrated with its function, and tighter limits
 * on the public form routes so a flood of form posts cannot use up what the callbacks need.
 * The API keeps its logical ID: its URL is typed into Africa's Talking.
 */
export class HotlineApi extends Construct {
  readonly api: apigwv2.HttpApi;
  readonly stage: apigwv2.HttpStage;

  constructor(scope: Construct, id: string, props: { routes: ReadonlyArray<ApiRoute> }) {
    super(scope, id);
    const accessLogs = new logs.LogGroup(this, 'AccessLogs', {
      retention: logs.RetentionDays.ONE_MONTH,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    keepLogicalId(accessLogs, STABLE_LOGICAL_IDS.apiAccessLogs);
    // `Default`: the HttpApi is this construct's own resource (construct path `Api`, as before).
    this.api = new apigwv2.HttpApi(this, 'Default', {
      description: 'pmi-hotline: Africa\'s Talking callbacks and the web report form',
      // The default stage cannot take throttling or access logs, so the stage is defined below.
      createDefaultStage: false,
    });
    keepLogicalId(this.api, STABLE_LOGICAL_IDS.api);
    this.stage = new apigwv2.HttpStage(this, 'DefaultStage', {
      httpApi: this.api,
      stageName: '$default',
      autoDeploy: true,
      // Far above real traffic (about 1,500 complaints a year nationally); caps cost of a flood.
      throttle: { rateLimit: 20, burstLimit: 40 },
      accessLogSettings: {
        destination: new apigwv2.LogGroupLogDestination(accessLogs),
        // $context.path has no query string: the callback key in `?key=` must never be logged.
        // No source IP either: it can place a worker abroad, and nothing here needs it.
        format: AccessLogFormat.custom(
          JSON.stringify({
            requestId: '$context.requestId',
            time: '$context.requestTime',
            route: '$context.routeKey',
            path: '$context.path',
            status: '$context.status',
            protocol: '$context.protocol',
            responseLength: '$context.responseLength',
            responseLatency: '$context.responseLatency',
            integrationStatus: '$context.integrationStatus',
            integrationLatency: '$context.integrationLatency',
            integrationError: '$context.integrationErrorMessage',
            error: '$context.error.message',
          }),
        ),
      },
    });
    keepLogicalId(this.stage, STABLE_LOGICAL_IDS.stage);

    const throttled = Object.fromEntries(
      props.routes.filter((r) => r.throttle).map((r) => [`${r.method} ${r.path}`, { ThrottlingRateLimit: r.throttle!.rateLimit, ThrottlingBurstLimit: r.throttle!.burstLimit }]),
    );
    if (Object.keys(throttled).length) (this.stage.node.defaultChild as apigwv2.CfnStage).addPropertyOverride('RouteSettings', throttled);

    const integrations = new Map<string, HttpLambdaIntegration>();
    for (const route of props.routes) {
      let integration = integrations.get(route.fnId);
      if (!integration) {
        integration = new HttpLambdaIntegration(`${route.fnId}Integration`, route.fn);
        integrations.set(route.fnId, integration);
      }
      this.api.addRoutes({ path: route.path, methods: [route.method], integration });
    }
    Validations.of(this).acknowledge({
      id: 'AwsSolutions-APIG4',
      reason: "Africa's Talking cannot sign callbacks or send auth headers; each callback carries the secret callbackKey in the URL and the handler checks it. The web form is public by design: anyone may report, anonymously.",
    });
  }
}
