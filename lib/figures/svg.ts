import { esc } from '../http/escape.js';

/**
 * Charts drawn on the server as inline SVG: no script, scale to the screen (viewBox, width 100%),
 * and every chart has its numbers in a table next to it, so the SVG is decoration for those who can
 * see it (aria-hidden) and the table is the figure for everyone.
 */
export interface Bar { label: string; value: number | null; note?: string }

/** Horizontal bars, one per line: labels stay readable on a 360 px screen however many there are. */
export function barChart(bars: Bar[], options: { max?: number; unit?: string } = {}): string {
  const rowH = 22;
  const labelW = 120;
  const width = 320;
  const max = options.max ?? Math.max(1, ...bars.map((b) => b.value ?? 0));
  const rows = bars.map((b, i) => {
    const y = i * rowH;
    const w = b.value === null ? 0 : Math.round(((width - labelW - 40) * b.value) / max);
    const shown = b.value === null ? (b.note ?? '—') : `${formatNumber(b.value)}${options.unit ?? ''}`;
    return `<text x="0" y="${y + 15}" font-size="12">${esc(truncate(b.label, 18))}</text>`
      + `<rect x="${labelW}" y="${y + 4}" width="${w}" height="14" fill="#0b4f6c"></rect>`
      + `<text x="${labelW + w + 4}" y="${y + 15}" font-size="12">${esc(shown)}</text>`;
  });
  return `<svg class="chart" viewBox="0 0 ${width} ${Math.max(rowH, bars.length * rowH)}" width="100%" role="img" aria-hidden="true" focusable="false">${rows.join('')}</svg>`;
}

/** Vertical bars over time (a monthly trend); labels under every other bar when crowded. */
export function columnChart(bars: Bar[], options: { max?: number; unit?: string } = {}): string {
  const width = 320;
  const height = 140;
  const base = 110;
  const n = Math.max(1, bars.length);
  const slot = width / n;
  const max = options.max ?? Math.max(1, ...bars.map((b) => b.value ?? 0));
  const every = n > 8 ? 2 : 1;
  const cols = bars.map((b, i) => {
    const h = b.value === null ? 0 : Math.round((90 * b.value) / max);
    const x = Math.round(i * slot + slot * 0.15);
    const w = Math.max(2, Math.round(slot * 0.7));
    const label = i % every === 0 ? `<text x="${x}" y="${base + 14}" font-size="10">${esc(b.label)}</text>` : '';
    return `<rect x="${x}" y="${base - h}" width="${w}" height="${h}" fill="#0b4f6c"></rect>${label}`;
  });
  return `<svg class="chart" viewBox="0 0 ${width} ${height}" width="100%" role="img" aria-hidden="true" focusable="false"><line x1="0" y1="${base}" x2="${width}" y2="${base}" stroke="#555"></line>${cols.join('')}</svg>`;
}

export function formatNumber(v: number): string {
  return Number.isInteger(v) ? String(v) : v.toFixed(1);
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
