import { describe, expect, it } from 'vitest';
import { scanLogText } from '../support/privacy-teardown.js';

const line = (fields: Record<string, unknown>) => JSON.stringify({ level: 'INFO', timestamp: '2026-11-23T09:08:19.432Z', service: 'pmi-hotline', ...fields });

describe('the privacy scan of captured log lines', () => {
  it('finds a NIK, a phone number in either written form and report text in structured log lines', () => {
    const text = [
      line({ message: 'x', nik: '5203014508900001' }),
      line({ message: 'x', to: '+6281234567890' }),
      line({ message: 'x', from: '6281234567890' }),
      line({ message: 'report', detail: 'Gaji tidak dibayar tiga bulan' }),
    ].join('\n');
    expect(scanLogText(text).map((f) => [f.line, f.kind])).toEqual([[1, 'nik'], [2, 'phone'], [3, 'phone'], [4, 'report_text']]);
  });

  it('leaves the ordinary fields of a log line alone: ids, references, timestamps, counts', () => {
    const text = line({ message: 'inbound sms handled', reference: 'ABC-234', caseId: 'Qk3v9xZ0aW1bY2cZ3dE4fA', xray_trace_id: '1-5759e988-bd862e3fe1be46a994272793', count: 1234567 });
    expect(scanLogText(text)).toEqual([]);
  });

  it('ignores lines that are not structured logs, such as test names printed by vitest', () => {
    const text = ['✓ files a report for +6281234567890 about gaji tidak dibayar', '{"not":"a log line","nik":"5203014508900001"}', '{broken json 5203014508900001'].join('\n');
    expect(scanLogText(text)).toEqual([]);
  });

  it('does not repeat the value it found in its finding', () => {
    const [finding] = scanLogText(line({ nik: '5203014508900001' }));
    expect(finding?.sample).not.toContain('5203014508900001');
  });
});
