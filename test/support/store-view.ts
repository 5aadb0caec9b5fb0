import type { CaseEvent } from '../../lib/domain/case.js';
import type { DynamoStores } from '../../lib/adapters/dynamo/stores.js';

/** A timeline event as tests read it: any detail key may be asked for, whatever the event type. */
export type TestEvent = CaseEvent & { type: string; detail: Record<string, string | number | boolean | undefined> };

/**
 * What tests read back from the table, each read from its own aggregate. Reads only: a test changes
 * the system through its doors (handlers, use cases), or, to set up a state no door makes, through
 * the aggregate that owns it (`system.stores.cases.updateCase`, `system.stores.directory.putOfficial`).
 */
export function storeView(stores: Pick<DynamoStores, 'cases' | 'outbox' | 'directory' | 'ussdDrafts'>) {
  const { cases, outbox, directory, ussdDrafts } = stores;
  return {
    getCase: cases.getCase.bind(cases),
    getCaseByReference: cases.getCaseByReference.bind(cases),
    findCasesByContact: cases.findCasesByContact.bind(cases),
    findIntake: cases.findIntake.bind(cases),
    casesDueBy: cases.casesDueBy.bind(cases),
    timeline: (caseId: string): Promise<TestEvent[]> => cases.timeline(caseId) as Promise<TestEvent[]>,
    getMessage: outbox.getMessage.bind(outbox),
    getMessageByProviderId: outbox.getMessageByProviderId.bind(outbox),
    pendingMessagesOlderThan: outbox.pendingMessagesOlderThan.bind(outbox),
    getOfficial: directory.getOfficial.bind(directory),
    getOfficialByPhone: directory.getOfficialByPhone.bind(directory),
    listOfficials: directory.listOfficials.bind(directory),
    officialTimeline: directory.officialTimeline.bind(directory),
    getUssdDraft: ussdDrafts.getUssdDraft.bind(ussdDrafts),
  };
}

export type StoreView = ReturnType<typeof storeView>;
