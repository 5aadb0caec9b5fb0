import { describe, expect, it } from 'vitest';
import { gsmLength, USSD_LIMIT } from '../../lib/domain/gsm.js';
import { ussdScreen } from '../../lib/ussd/menu.js';

/**
 * The summary screen for every combination of answers (23,232 sessions). Apart from
 * ussd-tree.test.ts, which walks every other screen, because it is the one exhaustive walk of the
 * menu: the mutation run (vitest.mutation.config.ts) leaves it out, as it leaves out the exhaustive
 * text walks, since it took two seconds for each of ~340 mutants; the summary's words are checked
 * exactly by ussd-menu-mutants.test.ts there.
 */
function fitsOneScreen(reply: string): boolean {
  return /^(CON|END) /.test(reply) && gsmLength(reply) <= USSD_LIMIT;
}

describe('every USSD screen', () => {
  it('summing up a report fits for every combination of answers, with a hint', () => {
    const categoryPaths = ['1', '2', '3', '4', '5', '6', '7*1', '7*2', '7*3', '7*4', '7*5'];
    const tooLong: string[] = [];
    for (const language of ['', '4*2*'])
      for (const category of categoryPaths)
        for (let country = 1; country <= 8; country++)
          for (let reporter = 1; reporter <= 3; reporter++)
            for (let regency = 1; regency <= 11; regency++)
              for (const nik of ['0', '5203014101900001'])
                for (const sms of ['1', '2']) {
                  const text = `${language}1*${category}*${country}*${reporter}*${regency}*${nik}*${sms}*x`;
                  const next = ussdScreen({ text });
                  if (next.kind !== 'reply' || !next.reply.includes('1 ') || !fitsOneScreen(next.reply)) tooLong.push(text);
                }
    expect(tooLong).toEqual([]);
  });
});
