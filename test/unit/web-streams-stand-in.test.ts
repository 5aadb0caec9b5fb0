import { describe, expect, it } from 'vitest';
import { ReadableStream as StandIn } from '../../infra/bundling/web-streams.js';

describe("the bundles' stand-in for node:stream/web", () => {
  it('recognises a real web ReadableStream, as middy\'s streamed-response check needs', () => {
    expect(new globalThis.ReadableStream() instanceof StandIn).toBe(true);
  });

  it('does not take other response bodies for a stream', () => {
    const bodies: unknown[] = ['a body', { getReader: () => undefined }, null];
    for (const body of bodies) expect(body instanceof StandIn).toBe(false);
  });
});
