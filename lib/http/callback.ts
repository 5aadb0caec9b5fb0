import type * as z from '../zod.js';
import { ValidationError } from '../domain/errors.js';

/**
 * Parses a gateway callback's form once at the boundary; a bad one becomes a 400 that names each
 * field (never its value: they include phone numbers). Shared by every Africa's Talking callback.
 */
export function parseCallback<S extends z.ZodMiniType>(schema: S, form: Record<string, string>): z.infer<S> {
  const parsed = schema.safeParse(form);
  if (parsed.success) return parsed.data;
  const fields: Record<string, string> = {};
  for (const issue of parsed.error.issues) {
    const name = String(issue.path[0] ?? 'body');
    fields[name] ??= issue.code === 'invalid_type' && form[name] === undefined ? 'Required' : issue.message;
  }
  throw new ValidationError(fields);
}
