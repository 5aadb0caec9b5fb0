import { performance } from 'node:perf_hooks';
import { readPlaces } from '../../lib/domain/places/read-places.js';
import { PLACE_REPORTS } from '../unit/fixtures/place-reports.js';
import { median, percentile } from './stats.js';

export interface PlacesBench {
  messages: number;
  medianMs: number;
  p99Ms: number;
  /** The floor, same messages, same run: only splitting the text into lower-case words without accents. */
  floorMedianMs: number;
  ratio: number;
}

/** What any reader of a message must do at least: the words, normalised. */
function wordsOnly(text: string): number {
  let n = 0;
  for (const m of text.normalize('NFD').toLowerCase().matchAll(/[\p{L}\p{N}]+/gu)) n += m[0].length;
  return n;
}

/**
 * The place reader per message over the corpus texts (test/unit/fixtures/place-reports.ts), interleaved
 * with the floor so both see the machine at the same speed. The index is built before timing: it is
 * built once per container, by the first message.
 */
export function placesBench(rounds = 40): PlacesBench {
  const texts = PLACE_REPORTS.map((r) => r.text);
  readPlaces('warm-up');
  const read: number[] = [];
  const floor: number[] = [];
  let sink = 0;
  for (let round = 0; round < rounds + 5; round++) {
    for (const text of texts) {
      const t0 = performance.now();
      sink += readPlaces(text).regency.mentions.length;
      const t1 = performance.now();
      sink += wordsOnly(text);
      const t2 = performance.now();
      // The first rounds warm the JIT up.
      if (round >= 5) {
        read.push(t1 - t0);
        floor.push(t2 - t1);
      }
    }
  }
  if (sink < 0) throw new Error('unreachable: keeps the work from being optimised away');
  const medianMs = median(read);
  const floorMedianMs = median(floor);
  return { messages: read.length, medianMs, p99Ms: percentile(read, 99), floorMedianMs, ratio: medianMs / floorMedianMs };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const r = placesBench();
  process.stdout.write(`${JSON.stringify(r)}\n`);
}
