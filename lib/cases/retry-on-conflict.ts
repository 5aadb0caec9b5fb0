import { ConcurrentUpdateError } from '../domain/errors.js';

/** Enough for an official, the reporter and the scheduler writing the same case at once. */
export const MAX_UPDATE_ATTEMPTS = 5;

/**
 * Optimistic concurrency in one place: `step` reads what it needs from `current` and writes
 * conditionally on its version; when another writer got there first (ConcurrentUpdateError), the
 * state is reloaded and `step` runs again on it. `vanished` answers when the reload finds nothing.
 * After `attempts` conflicts the last one is thrown (a fault: the caller's retry takes over).
 */
export async function retryOnConflict<S, T>(
  options: { first: S; reload: () => Promise<S | undefined>; vanished: () => T | Promise<T>; attempts?: number },
  step: (current: S) => Promise<T>,
): Promise<T> {
  let current: S | undefined = options.first;
  let lastConflict: unknown;
  for (let attempt = 0; attempt < (options.attempts ?? MAX_UPDATE_ATTEMPTS); attempt++) {
    if (attempt > 0) current = await options.reload();
    if (current === undefined) return options.vanished();
    try {
      return await step(current);
    } catch (error) {
      if (!(error instanceof ConcurrentUpdateError)) throw error;
      lastConflict = error;
    }
  }
  throw lastConflict;
}
