import { CfnResource, Stack } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';

/**
 * The logical IDs of resources that must never be replaced by an update (retained data and keys,
 * secrets typed into Africa's Talking, topics people subscribed to, the API whose URL AT calls), as
 * the stack had them before it was split into constructs. A construct path decides a logical ID;
 * pinning it lets the constructs move without CloudFormation seeing a new resource.
 */
export const STABLE_LOGICAL_IDS = {
  key: 'TableKeyF581D96F',
  table: 'TableCD117FA1',
  gatewaySecret: 'GatewaySecret56F9BE8C',
  lookupKeySecret: 'LookupKeySecret35DCA09A',
  eventsTopic: 'HotlineEventsB3307949',
  alarmTopic: 'AlarmTopicD01E77F9',
  api: 'ApiF70053CD',
  stage: 'DefaultStageEE28A986',
  apiAccessLogs: 'ApiAccessLogsE9DF007D',
  functionLogs: {
    SmsInbound: 'SmsInboundLogs11A30373',
    SmsDelivery: 'SmsDeliveryLogsCD9AB346',
    Ussd: 'UssdLogs49CEFB67',
    Web: 'WebLogs48A7C011',
    Notifier: 'NotifierLogs49177D36',
    Escalator: 'EscalatorLogsE876CD0A',
  } as Record<string, string>,
} as const;

export function keepLogicalId(construct: IConstruct, logicalId: string): void {
  const resource = construct instanceof CfnResource ? construct : construct.node.defaultChild;
  if (!(resource instanceof CfnResource)) throw new Error(`${construct.node.path} has no CloudFormation resource`);
  // A rename rather than overrideLogicalId: Stack.getLogicalId (and every reference) sees it too.
  const stack = Stack.of(resource);
  stack.renameLogicalId(stack.getLogicalId(resource), logicalId);
}
