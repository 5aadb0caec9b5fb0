import * as z from '../../zod.js';
import { type Case, type CaseEvent, type Level, unsettledCategoryRead } from '../../domain/case.js';
import { Category, Urgency } from '../../domain/categories.js';
import { ConcurrentUpdateError } from '../../domain/errors.js';
import { normaliseReference } from '../../domain/reference.js';
import { HomeRegency } from '../../domain/regions.js';
import { canSee, canSeeContact } from '../../domain/visibility.js';
import type { AccessedField } from '../../domain/access.js';
import type { Official } from '../../domain/official.js';
import type { CaseFile } from './case-pages-port.js';
import { actorOf, type ActionContext, type NotApplied, type PlanResult } from '../../cases/plan.js';
import {
  countAcknowledgement, MERGE_UNDO_MS, planAcknowledge, planConfirmCategory, planCorrect, planHandOver, planMerge, planRefer, planReopen, planResolve, planUnmerge, REFERRAL_TARGETS,
} from '../../cases/plans.js';
import { mayChange, mayTakeOver, rankIn, type Rank } from '../../cases/rank.js';
import { splitFollowUps } from '../../conversation/follow-up.js';
import { decideQuestion } from '../../cases/questions.js';
import { changeCase, type ChangeOutcome } from '../../cases/change-case.js';
import type { ConsoleDeps } from './deps.js';

export interface CaseView {
  file: CaseFile;
  contactShown: boolean;
  /** The agency or broker the family named: shown to the holder only, like the number (issue 23, item 7). */
  agentShown: boolean;
  /** The whole NIK, only in the answer to a reveal with a reason. */
  nikRevealed: boolean;
}

export type OpenOutcome = { kind: 'found'; view: CaseView } | { kind: 'not_found' };

/**
 * A case page for an official. A case they may not see answers exactly like one that does not
 * exist, and the attempt is recorded. Every page that shows personal data (the text, the worker's
 * name, the reporter's number) is recorded in the access log with what it showed.
 */
export async function openCase(
  deps: Pick<ConsoleDeps, 'casePages' | 'accessLog' | 'clock' | 'directory'>,
  official: Official,
  rawReference: string,
  options: { revealNikReason?: string } = {},
): Promise<OpenOutcome> {
  const reference = normaliseReference(rawReference);
  // Taken before the read: a message arriving while the page is read stays "Pesan baru".
  const readAt = deps.clock.now().toISOString();
  const file = reference ? await deps.casePages.caseFile(reference) : undefined;
  const at = deps.clock.now().toISOString();
  if (!file) return { kind: 'not_found' };
  if (!canSee(official, file.case)) {
    await deps.accessLog.append({ at, officialId: official.id, action: 'denied', reference: file.case.reference, fields: [] });
    return { kind: 'not_found' };
  }
  const contactShown = canSeeContact(official, file.case);
  const agentShown = contactShown && Boolean(file.case.agentName) && !file.case.erased;
  const fields: AccessedField[] = ['text', ...(file.case.workerName ? ['worker_name' as const] : []), ...(contactShown ? ['contact' as const] : []), ...(agentShown ? ['agent_name' as const] : [])];
  const nikRevealed = Boolean(options.revealNikReason && file.case.nik);
  if (nikRevealed) fields.push('nik');
  await deps.accessLog.append({
    at, officialId: official.id, action: nikRevealed ? 'nik_revealed' : 'viewed', reference: file.case.reference, fields,
    ...(nikRevealed ? { reason: options.revealNikReason } : {}),
  });
  // Opened: what the reporter wrote so far is read by this official (their "Pesan baru" mark goes).
  await deps.directory.markRead(official.id, file.case.id, readAt);
  return { kind: 'found', view: { file, contactShown, agentShown, nikRevealed } };
}

export const CASE_ACTIONS = ['take', 'note', 'message', 'correct', 'confirm_category', 'handover', 'refer', 'resolve', 'reopen', 'merge', 'unmerge'] as const;
export type CaseAction = (typeof CASE_ACTIONS)[number];

/** When the case was last merged away (its latest `merged` event), for the day in which it can be undone. */
export function mergedAtOf(events: readonly CaseEvent[]): string | undefined {
  return events.filter((e) => e.type === 'merged').map((e) => e.at).sort().at(-1);
}

/**
 * The actions the case page offers this official: only those that apply to the case as it is and
 * to how the official stands to its holder (the same rules the plans enforce, lib/cases/rank.ts).
 * On a case nobody took, taking it is the action; resolving comes after taking.
 */
export function availableActions(c: Case, official: Pick<Official, 'id' | 'level'>, rank: Rank, now: Date, mergedAt?: string): Set<CaseAction> {
  const open = c.status === 'new' || c.status === 'acknowledged';
  const mine = c.status === 'acknowledged' && c.assignee === official.id;
  const out = new Set<CaseAction>(['note']);
  if (c.erased) return out;
  if (open && !mine && (c.status === 'new' || mayTakeOver(rank))) out.add('take');
  if (c.status === 'acknowledged' && (rank === 'holder' || mayTakeOver(rank))) out.add('resolve');
  if (c.status !== 'closed' && c.smsUpdates) out.add('message');
  if (!mayChange(rank)) return out;
  if (!c.mergedInto) out.add('correct');
  if (unsettledCategoryRead(c)) out.add('confirm_category');
  if (open) { out.add('handover'); out.add('refer'); out.add('merge'); }
  if (!open && !c.mergedInto) out.add('reopen');
  if (c.mergedInto && mergedAt && now.getTime() - Date.parse(mergedAt) <= MERGE_UNDO_MS) out.add('unmerge');
  return out;
}

/** What the merge confirmation shows of a case: no personal field but the first line of what was written. */
export interface MergeSide {
  reference: string;
  category: Case['category'];
  country: Case['country'];
  homeRegency: Case['homeRegency'];
  status: Case['status'];
  firstLine: string;
}

function mergeSide(c: Case): MergeSide {
  const firstLine = c.erased ? '' : (splitFollowUps(c.description).original.split('\n').find((line) => line.trim()) ?? '').trim();
  return {
    reference: c.reference, category: c.category, country: c.country, homeRegency: c.homeRegency, status: c.status,
    firstLine: firstLine.length > 140 ? `${firstLine.slice(0, 139)}…` : firstLine,
  };
}

const text = (max: number) => z.string().check(z.trim(), z.minLength(1, 'Required'), z.maxLength(max, `At most ${max} characters`));

/** A console form post, by action. `version` is the case version the form was rendered from. */
export const ActionForm = z.object({
  version: z.coerce.number().check(z.int(), z.gte(1)),
  /** When the page was rendered: timeline entries after it are what changed meanwhile. */
  seen: z.string().check(z.minLength(1)),
  message: z.optional(z.string()),
  note: z.optional(z.string()),
  category: z.optional(Category),
  urgency: z.optional(Urgency),
  homeRegency: z.optional(HomeRegency),
  level: z.optional(z.pipe(z.coerce.number().check(z.int(), z.gte(1), z.lte(3)), z.transform((n: number) => n as Level))),
  referral: z.optional(z.enum(REFERRAL_TARGETS)),
  into: z.optional(z.string()),
  /** The resolution's outcome note ("apa yang sudah dilakukan"): required to resolve in the console. */
  outcome: z.optional(z.string()),
  /** A merge is written only once the official saw both cases side by side and confirmed. */
  confirm: z.optional(z.literal('yes')),
  /**
   * The message form's one-time token (random per rendered form): the SMS id is made from it, so a
   * double-clicked or re-posted form sends one SMS.
   */
  token: z.optional(z.string().check(z.regex(/^[A-Za-z0-9_-]{16,64}$/))),
});
export type ActionForm = z.infer<typeof ActionForm>;

export type ActOutcome =
  | { kind: 'done'; reference: string; notice: string }
  | { kind: 'not_applied'; reason: NotApplied | 'into_not_found'; view: CaseView }
  | { kind: 'invalid'; fields: Record<string, FieldError>; view: CaseView }
  /** The case changed since the form was rendered: nothing written; the page shows what changed and keeps the typed text. */
  | { kind: 'conflict'; changes: CaseEvent[]; view: CaseView }
  /** A merge asked for: nothing written yet; both cases are shown side by side for confirmation. */
  | { kind: 'confirm_merge'; view: CaseView; duplicate: MergeSide; into: MergeSide }
  | { kind: 'not_found' };

/** What is wrong with a form field; the console says it in the official's language. */
export type FieldError = 'message_length' | 'send_again' | 'note_length' | 'outcome_required' | 'choose_level' | 'choose_service' | 'no_such_case' | 'reason_length' | 'erased_case';

const MESSAGE_LIMIT = 300;
const NOTE_LIMIT = 2000;

/**
 * One console action on a case, through the same plans as the SMS commands. The write is
 * conditional on the version the official saw: if someone else changed the case in between, nothing
 * is written and the official gets the case as it is now, with the changes listed and their text kept.
 */
export async function actOnCase(
  deps: Pick<ConsoleDeps, 'casePages' | 'accessLog' | 'clock' | 'cases' | 'directory' | 'reporters' | 'counters' | 'policy' | 'metrics'>,
  official: Official,
  rawReference: string,
  action: CaseAction,
  form: ActionForm,
): Promise<ActOutcome> {
  const opened = await openCase(deps, official, rawReference);
  if (opened.kind === 'not_found') return opened;
  const { view } = opened;
  const c = view.file.case;
  const now = deps.clock.now();
  const x: ActionContext = { official, actor: actorOf(official), at: now.toISOString(), now, policy: deps.policy, via: 'console' };

  // Field -> what is wrong, as a key of the console's texts (lib/console/texts.ts fieldErrors): the page says it in words.
  const invalid = (fields: Record<string, FieldError>): ActOutcome => ({ kind: 'invalid', fields, view });
  if (action === 'message' && !text(MESSAGE_LIMIT).safeParse(form.message ?? '').success) return invalid({ message: 'message_length' });
  if (action === 'message' && !form.token) return invalid({ token: 'send_again' });
  if (action === 'note' && !text(NOTE_LIMIT).safeParse(form.note ?? '').success) return invalid({ note: 'note_length' });
  // The case's key is destroyed: a note could be sealed under no key, and would be personal data the erasure was to end.
  if (action === 'note' && c.erased) return invalid({ note: 'erased_case' });
  if (action === 'resolve' && !text(NOTE_LIMIT).safeParse(form.outcome ?? '').success) return invalid({ outcome: 'outcome_required' });
  if (action === 'handover' && !form.level) return invalid({ level: 'choose_level' });
  if (action === 'refer' && !form.referral) return invalid({ referral: 'choose_service' });

  if (c.version !== form.version) return { kind: 'conflict', changes: view.file.events.filter((e) => e.at > form.seen), view };

  if (action === 'note') {
    await deps.casePages.addNote(c, { at: x.at, officialId: official.id, text: form.note!.trim() }, { at: x.at, actor: x.actor, type: 'note_added', detail: { via: 'console', length: form.note!.trim().length } });
    return { kind: 'done', reference: c.reference, notice: 'note_added' };
  }

  let into: Case | undefined;
  if (action === 'merge') {
    const ref = normaliseReference(form.into ?? '');
    into = ref ? (await deps.casePages.caseFile(ref))?.case : undefined;
    // A case this official may not see is "not found" here too, and the attempt is logged as for a page.
    if (into && !canSee(official, into)) {
      await deps.accessLog.append({ at: x.at, officialId: official.id, action: 'denied', reference: into.reference, fields: [] });
    }
    if (!into || !canSee(official, into)) return invalid({ into: 'no_such_case' });
    if (into.id === c.id) return { kind: 'not_applied', reason: 'same_case', view };
    if (!form.confirm) {
      // The other case's first line is what the reporter wrote: showing it is a view of personal data.
      if (!into.erased) await deps.accessLog.append({ at: x.at, officialId: official.id, action: 'viewed', reference: into.reference, fields: ['text'] });
      return { kind: 'confirm_merge', view, duplicate: mergeSide(c), into: mergeSide(into) };
    }
  }
  const mergedAt = mergedAtOf(view.file.events);
  if (action === 'unmerge') {
    into = c.mergedInto ? (await deps.casePages.caseFile(c.mergedInto))?.case : undefined;
    if (!into) return { kind: 'not_applied', reason: 'not_merged', view };
  }
  const messageId = `ask.console.${form.token}`;
  const decide = async (current: Case): Promise<PlanResult> => {
    if (action === 'message') return decideQuestion(deps, current, x, form.message!.trim(), await deps.reporters.getPrefs(current.contact), messageId);
    const rank = await rankIn(deps.directory, official, current);
    switch (action) {
      case 'take': return planAcknowledge(current, x, rank);
      case 'resolve': return planResolve(current, x, rank, form.outcome!.trim().length, form.outcome!.trim());
      case 'unmerge': return planUnmerge(current, into!, mergedAt, x, rank);
      case 'correct': return planCorrect(current, x, rank, { ...(form.category ? { category: form.category } : {}), ...(form.urgency ? { urgency: form.urgency } : {}), ...(form.homeRegency ? { homeRegency: form.homeRegency } : {}) });
      case 'confirm_category': return planConfirmCategory(current, x, rank);
      case 'handover': return planHandOver(current, x, rank, form.level!);
      case 'refer': return planRefer(current, x, rank, form.referral!);
      case 'reopen': return planReopen(current, x, rank);
      case 'merge': return planMerge(current, into!, x, rank, await deps.reporters.getPrefs(current.contact));
    }
  };

  let outcome: ChangeOutcome;
  try {
    // Only on the version the official saw: a change meanwhile is shown, not overwritten.
    outcome = await changeCase(deps, c, decide, { attempts: 1, at: x.at, ...(action === 'message' ? { onceKey: messageId } : {}) });
  } catch (error) {
    if (!(error instanceof ConcurrentUpdateError)) throw error;
    const fresh = await openCase(deps, official, c.reference);
    if (fresh.kind === 'not_found') return fresh;
    return { kind: 'conflict', changes: fresh.view.file.events.filter((e) => e.at > form.seen), view: fresh.view };
  }
  if (outcome.kind === 'vanished') return { kind: 'not_found' };
  if (outcome.kind === 'not_applied') return { kind: 'not_applied', reason: outcome.reason, view };
  // A second post of the same message form (a double click) was written once: its answer is the first one's.
  if (outcome.kind === 'changed' && action === 'take') countAcknowledgement(deps.metrics, c, deps.policy, x.now);
  return { kind: 'done', reference: c.reference, notice: action };
}

