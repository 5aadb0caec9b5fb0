import type { Case } from '../domain/case.js';
import type { Language } from '../domain/categories.js';
import type { WhatsAppPolicy } from '../config.js';
import type { Official } from '../domain/official.js';
import { isOfficialAlert, type OutboundMessage } from '../domain/message.js';
import type { ReporterPrefs } from '../domain/reporter.js';
import type { WhatsAppOutbound } from './outbox-port.js';
import type { Deps } from './deps.js';
import { officialChannel, reporterChannel, type MessageChannel } from '../domain/channels.js';
import { DEFAULT_WHATSAPP_POLICY, NEUTRAL_STATUS, renderTemplate, TEMPLATE_LANGUAGE } from '../messages/whatsapp-templates.js';
import { regencyList } from '../messages/whatsapp-regency-list.js';
import { isWhatsAppUserId } from '../domain/whatsapp-user.js';

export type { MessageChannel } from '../domain/channels.js';

/** Who a message goes to, as far as the channel rule needs to know. */
export type Recipient =
  | { kind: 'reporter'; prefs: ReporterPrefs }
  | { kind: 'official'; official?: Pick<Official, 'whatsapp'> };

/** Free-form WhatsApp text is allowed within 24 hours of the person's last message (Meta's customer-service window). */
export const SERVICE_WINDOW_MS = 24 * 60 * 60 * 1000;



/** A sender known only by WhatsApp's business-scoped user id (no phone number): WhatsApp is the only way back. */
export const isWhatsAppOnly = (to: string): boolean => isWhatsAppUserId(to);

/**
 * THE channel rule, the one place it is decided: a message to a person goes by WhatsApp when that
 * person last wrote by WhatsApp (reporters) or takes WhatsApp alerts (officials), and by SMS
 * otherwise, when WhatsApp is not set up, or when the message is the SMS copy of an undelivered one.
 */
export function chooseChannel(message: Pick<OutboundMessage, 'channel' | 'to'>, recipient: Recipient, whatsappAvailable: boolean): MessageChannel {
  if (isWhatsAppOnly(message.to)) return 'whatsapp';
  if (!whatsappAvailable || message.channel === 'sms') return 'sms';
  // Who takes what (lib/domain/channels.ts), the same functions the timeline records the channel by.
  return recipient.kind === 'official' ? officialChannel(recipient.official ?? {}) : reporterChannel(recipient.prefs);
}

/**
 * What goes on WhatsApp: the message's own text inside the reporter's 24-hour window (and for an
 * official's answer to a command they just sent), else an approved template with the reference and a
 * neutral status. Alerts and reminders to officials always go as the alert template; sign-in codes as
 * the sign-in template.
 */
export function whatsAppForm(
  message: Pick<OutboundMessage, 'id' | 'to' | 'text' | 'purpose' | 'asks'>,
  recipient: Recipient,
  context: { now: Date; policy: WhatsAppPolicy; case?: Pick<Case, 'reference' | 'status' | 'language'> },
): WhatsAppOutbound {
  const base = { id: message.id, to: message.to };
  const template = (kind: 'update' | 'alert' | 'signIn', language: Language, parameters: string[]): WhatsAppOutbound => ({
    ...base, kind: 'template', name: context.policy.templates[kind], language: TEMPLATE_LANGUAGE[language], parameters,
    rendered: renderTemplate(kind, language, parameters),
  });
  const caseParameters = (language: Language) => context.case
    ? [context.case.reference, NEUTRAL_STATUS[context.case.status][language]]
    : ['-', NEUTRAL_STATUS.new[language]];
  if (recipient.kind === 'official') {
    if (isOfficialAlert({ audience: 'official', purpose: message.purpose })) return template('alert', 'id', caseParameters('id'));
    if (message.purpose === 'console_sign_in_code') {
      // The code is the only run of six digits in the sign-in text (lib/use-cases/console/sign-in.ts).
      const code = /\b(\d{6})\b/.exec(message.text)?.[1];
      // Meta requires one-time codes to go as an authentication template (preset text, copy-code button).
      if (code) return { ...template('signIn', 'id', [code]), category: 'authentication' } as WhatsAppOutbound;
    }
    return { ...base, kind: 'text', rendered: message.text };
  }
  const wroteAt = recipient.prefs.whatsappAt ? Date.parse(recipient.prefs.whatsappAt) : Number.NaN;
  if (context.now.getTime() - wroteAt < SERVICE_WINDOW_MS) {
    // A question with fixed answers is a list to tap (issue 20: the regency); the SMS text otherwise.
    const list = message.asks === 'regency' ? regencyList(message) : undefined;
    return list ?? { ...base, kind: 'text', rendered: message.text };
  }
  const language = recipient.prefs.language ?? context.case?.language ?? 'id';
  return template('update', language, caseParameters(language));
}

/** `none`: a person known only by a WhatsApp user id while WhatsApp is not set up (no SMS can reach an id). */
export type Route = { channel: 'sms' } | { channel: 'whatsapp'; outbound: WhatsAppOutbound } | { channel: 'none' };

/** Looks up the recipient and applies the rule: the one call the sender (deliverMessage) makes. */
export async function routeMessage(
  deps: Pick<Deps, 'cases' | 'directory' | 'reporters' | 'senders' | 'clock'> & Partial<Pick<Deps, 'policy'>>,
  message: OutboundMessage,
): Promise<Route> {
  const available = deps.senders.whatsapp !== undefined;
  if (!available && isWhatsAppOnly(message.to)) return { channel: 'none' };
  if (!available || (message.channel === 'sms' && !isWhatsAppOnly(message.to))) return { channel: 'sms' };
  const recipient: Recipient = message.audience === 'official'
    ? { kind: 'official', official: message.officialId ? await deps.directory.getOfficial(message.officialId) : await deps.directory.getOfficialByPhone(message.to) }
    : { kind: 'reporter', prefs: await deps.reporters.getPrefs(message.to) };
  if (chooseChannel(message, recipient, available) === 'sms') return { channel: 'sms' };
  const context = { now: deps.clock.now(), policy: deps.policy?.whatsapp ?? DEFAULT_WHATSAPP_POLICY };
  let outbound = whatsAppForm(message, recipient, context);
  // The case is read only for a template's parameters (free text needs nothing more).
  if (outbound.kind === 'template' && message.caseId) {
    const c = await deps.cases.getCase(message.caseId);
    if (c) outbound = whatsAppForm(message, recipient, { ...context, case: c });
  }
  return { channel: 'whatsapp', outbound };
}
