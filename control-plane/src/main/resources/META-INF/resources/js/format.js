// Number, time and state formatting shared by the pages.

const integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const oneDecimal = new Intl.NumberFormat('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 });

export const DASH = '—';

/** 1234567 → "1,234,567". */
export function fmtInt(n) {
  return n === null || n === undefined || Number.isNaN(n) ? DASH : integer.format(n);
}

/** A rate: one decimal below 10 so that slow jobs do not read as zero. */
export function fmtRate(r) {
  if (r === null || r === undefined || Number.isNaN(r)) return DASH;
  return r > 0 && r < 10 ? oneDecimal.format(r) : integer.format(r);
}

export function fmtBytes(b) {
  if (b === null || b === undefined || b < 0) return DASH;
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let v = b;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return i === 0 ? `${integer.format(v)} B` : `${oneDecimal.format(v)} ${units[i]}`;
}

/** 3723000 → "1h 2m 3s"; under a second in ms. */
export function fmtDuration(ms) {
  if (ms === null || ms === undefined || ms < 0) return DASH;
  if (ms < 1000) return `${Math.round(ms)} ms`;
  let s = Math.floor(ms / 1000);
  const d = Math.floor(s / 86400);
  s %= 86400;
  const hh = Math.floor(s / 3600);
  s %= 3600;
  const mm = Math.floor(s / 60);
  s %= 60;
  const parts = [];
  if (d) parts.push(`${d}d`);
  if (d || hh) parts.push(`${hh}h`);
  if (d || hh || mm) parts.push(`${mm}m`);
  parts.push(`${s}s`);
  return parts.slice(0, 3).join(' ');
}

const pad = (n) => String(n).padStart(2, '0');

/** Epoch millis → local "2026-11-24 15:04:05". */
export function fmtTime(epoch) {
  if (epoch === null || epoch === undefined || epoch < 0) return DASH;
  const d = new Date(epoch);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} `
    + `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

/** A watermark: absent → "—"; epoch millis of this century as a time; anything else as the number it is. */
export function fmtWatermark(w) {
  if (w === null || w === undefined) return DASH;
  const y2000 = 946684800000;
  const y2100 = 4102444800000;
  return w >= y2000 && w < y2100 ? fmtTime(w) : fmtInt(w);
}

/** CSS class suffix of a job or task state. */
export function stateClass(state) {
  return `s-${String(state || 'unknown').toLowerCase()}`;
}

const TERMINAL = new Set(['FINISHED', 'CANCELED', 'FAILED']);

export function isTerminal(state) {
  return TERMINAL.has(state);
}
