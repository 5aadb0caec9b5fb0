import { describe, expect, it } from 'vitest';
import { ReadableStream as StandIn } from '../../infra/bundling/web-streams.js';

describe("the bundles' stand-in for node:stream/web", () => {
  it('recognises a real web ReadableStream, as middy\'s streamed-response check needs', () => {
    expect(new globalThis.ReadableStream() instanceof StandIn).toBe(true);
  });

  it('does not take other response bodies for a stream', () => {
    expect('a body' instanceof StandIn).toBe(false);
    expect({ getReader: () => undefined } instanceof StandIn).toBe(false);
    expect(null instanceof StandIn).toBe(false);
  });
});
