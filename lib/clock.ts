/** What time it is: the system clock in AWS, an adjustable one locally (`POST /dev/clock`). */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** The local runtime's clock: `POST /dev/clock` moves it forward to demo a week of SLA in seconds. */
export class AdjustableClock implements Clock {
  private offsetMs = 0;
  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }
  advance(minutes: number): Date {
    this.offsetMs += minutes * 60_000;
    return this.now();
  }
}
