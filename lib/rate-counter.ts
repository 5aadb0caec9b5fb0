/**
 * Fixed-window counters for what is not a reporter's own count: a source address, an official's
 * commands, a case's questions. Every door that bounds what one caller can cost counts here.
 */
export interface RateCounter {
  /** Adds one to a fixed-window counter for something that is not a reporter (an IP, an official). */
  countHit(scope: string, key: string, windowSeconds: number, now: Date): Promise<number>;
  /** Reads such a counter without counting. */
  peekCount(scope: string, key: string, windowSeconds: number, now: Date): Promise<number>;
}
