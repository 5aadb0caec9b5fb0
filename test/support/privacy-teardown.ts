import 'vitest';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';

/**
 * Privacy check over the whole test run (vitest globalSetup). test/support/log-capture.ts tees every
 * write to stdout/stderr of each worker into a file under the run's directory; the teardown reads them
 * all and fails the run if a structured log line carries a NIK, a phone number or report text.
 *
 * Only JSON lines with a `level` (the Powertools logger) are judged: vitest prints test names and
 * assertion diffs, which may legitimately contain such strings.
 */

/** Phrases used in the report texts of tests: finding one in a log line means report text leaked. */
export const MARKER_PHRASES = [
  'gaji tidak dibayar',
  'paspor ditahan',
  'dipukul majikan',
  'disekap calo',
  'tidak diberi makan',
] as const;

export const RUN_ID_ENV = 'PMI_HOTLINE_LOG_RUN_ID';
export const LOG_DIR_ENV = 'PMI_HOTLINE_LOG_DIR';

export interface PrivacyFinding {
  file: string;
  line: number;
  kind: 'nik' | 'phone' | 'report_text';
  /** Masked, so the failure message does not repeat what it complains about. */
  sample: string;
}

const NIK_LIKE = /(?<!\d)\d{16}(?!\d)/;
const E164_LIKE = /\+\d{8,15}(?!\d)/;
/** Indonesian mobiles are also written without the plus (`62812...`). */
const ID_MOBILE_NO_PLUS = /(?<![\d+])628\d{7,11}(?!\d)/;

function mask(value: string): string {
  return value.length <= 4 ? '****' : `${value.slice(0, 3)}${'*'.repeat(value.length - 5)}${value.slice(-2)}`;
}

function isStructuredLogLine(line: string): boolean {
  if (!line.startsWith('{')) return false;
  try {
    const parsed: unknown = JSON.parse(line);
    return typeof parsed === 'object' && parsed !== null && 'level' in parsed;
  } catch {
    return false;
  }
}

export function scanLogText(text: string, file = '<text>'): PrivacyFinding[] {
  const findings: PrivacyFinding[] = [];
  text.split('\n').forEach((raw, index) => {
    const line = raw.trim();
    if (!isStructuredLogLine(line)) return;
    const nik = NIK_LIKE.exec(line)?.[0];
    if (nik) findings.push({ file, line: index + 1, kind: 'nik', sample: mask(nik) });
    const phone = E164_LIKE.exec(line)?.[0] ?? ID_MOBILE_NO_PLUS.exec(line)?.[0];
    if (phone) findings.push({ file, line: index + 1, kind: 'phone', sample: mask(phone) });
    const lower = line.toLowerCase();
    const phrase = MARKER_PHRASES.find((p) => lower.includes(p));
    if (phrase) findings.push({ file, line: index + 1, kind: 'report_text', sample: mask(phrase) });
  });
  return findings;
}

export function scanLogDir(dir: string): { files: number; lines: number; findings: PrivacyFinding[] } {
  if (!existsSync(dir)) return { files: 0, lines: 0, findings: [] };
  let lines = 0;
  const findings: PrivacyFinding[] = [];
  const files = readdirSync(dir).filter((f) => f.endsWith('.log'));
  for (const f of files) {
    const text = readFileSync(join(dir, f), 'utf8');
    lines += text.split('\n').filter((l) => isStructuredLogLine(l.trim())).length;
    findings.push(...scanLogText(text, f));
  }
  return { files: files.length, lines, findings };
}

export default function setup(project: TestProject) {
  // One run id for every project of this run; each project scans its own folder.
  process.env[RUN_ID_ENV] ??= `${Date.now()}-${process.pid}-${randomBytes(3).toString('hex')}`;
  const runDir = join(tmpdir(), `pmi-hotline-logs-${process.env[RUN_ID_ENV]}`);
  const dir = join(runDir, (project.name || 'default').replace(/[^\w-]/g, '_'));
  mkdirSync(dir, { recursive: true });
  process.env[LOG_DIR_ENV] = dir;
  project.provide('privacyLogDir', dir);

  return () => {
    const { findings } = scanLogDir(dir);
    rmSync(dir, { recursive: true, force: true });
    try { if (readdirSync(runDir).length === 0) rmSync(runDir, { recursive: true, force: true }); } catch { /* already gone */ }
    if (findings.length > 0) {
      const list = findings.slice(0, 20).map((f) => `  ${f.file}:${f.line} ${f.kind} (${f.sample})`).join('\n');
      // Vitest 4 prints an error thrown by a global teardown ("error during close") but still exits 0:
      // without this the check would fail in words only, and CI would stay green over a leak.
      process.exitCode = 1;
      throw new Error(`Privacy check failed: ${findings.length} structured log line finding(s) with personal data:\n${list}`);
    }
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    privacyLogDir: string;
  }
}
