/**
 * The frame every workbench page shares: escaping, number formatting, the stylesheet and the
 * page layout. Everything that comes from a transcript, a CTR, a file name or the URL goes
 * through `escapeHtml`; pages carry no inline script (the served ones load one static file).
 */

export const escapeHtml = (value: unknown): string =>
  String(value ?? '').replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

/**
 * A figure for a page: integers whole, others to `digits` places; a value that rounds to zero is
 * "0" whichever side of zero it fell (an average summed in another order is -1e-17, not "-0.00").
 */
export const formatNumber = (value: unknown, digits = 1): string => {
  if (typeof value !== 'number' || !Number.isFinite(value)) return '–';
  const fixed = value.toFixed(Number.isInteger(value) ? 0 : digits);
  return Number(fixed) === 0 ? '0' : fixed;
};

/** Seconds or milliseconds as m:ss. */
export const clock = (ms: unknown): string => {
  if (typeof ms !== 'number' || !Number.isFinite(ms)) return '–';
  const s = Math.round(ms / 1000);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
};

export const ROLE_COLORS = { IVR: '#9ca3af', AGENT: '#2f6fdf', CUSTOMER: '#e8833a' } as const;

export const STYLESHEET = `
body{font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:0;background:#f4f6fa;color:#1f2937}
a{color:#1d4ed8}
header{background:#111827;color:#fff;padding:14px 28px;display:flex;gap:24px;align-items:baseline;flex-wrap:wrap}
header h1{margin:0;font-size:20px}header p{margin:0;color:#9ca3af;font-size:13px}
header nav a{color:#e5e7eb;margin-right:14px;text-decoration:none}header nav a.here{color:#fff;font-weight:600;border-bottom:2px solid #60a5fa}
main{padding:16px 28px;display:grid;grid-template-columns:repeat(auto-fill,minmax(580px,1fr));gap:16px}
.wide{grid-column:1/-1}
form.filters{grid-column:1/-1;background:#fff;border-radius:8px;padding:10px 14px;box-shadow:0 1px 2px #0001;display:flex;gap:10px;flex-wrap:wrap;align-items:end;font-size:13px}
form.filters label{display:flex;flex-direction:column;gap:2px;color:#6b7280}
form.filters select,form.filters input{font:inherit;padding:4px 6px;border:1px solid #d1d5db;border-radius:4px;max-width:220px}
form.filters button{font:inherit;padding:5px 14px;border-radius:4px;border:0;background:#2563eb;color:#fff;cursor:pointer}
.chips{grid-column:1/-1;display:flex;gap:8px;flex-wrap:wrap;font-size:13px}
.chip{background:#dbeafe;border-radius:12px;padding:2px 10px}.chip a{text-decoration:none;margin-left:6px;color:#1e3a8a}
.kpis{grid-column:1/-1;display:flex;gap:12px;flex-wrap:wrap}.kpi{background:#fff;border-radius:8px;padding:12px 18px;min-width:150px;box-shadow:0 1px 2px #0001}
.kpi .value{font-size:26px;font-weight:600}.kpi .label{font-size:12px;color:#6b7280}
.card{background:#fff;border-radius:8px;padding:12px 16px;box-shadow:0 1px 2px #0001;overflow-x:auto}.card h2{font-size:15px;margin:0 0 8px}
.card h2:not(:first-child){margin-top:18px}
section[data-visual]>svg{display:block;width:100%;height:auto}
.card svg [ecmeta_data_index]{cursor:pointer}
details.data{font-size:12px;margin-top:4px}details.data summary{color:#6b7280;cursor:pointer}
table{border-collapse:collapse;width:100%;font-size:13px}th,td{text-align:left;padding:5px 6px;border-bottom:1px solid #e5e7eb;vertical-align:top}th{color:#6b7280;font-weight:500}
.empty{color:#9ca3af}
@media (max-width:1200px){table.rows{font-size:12px}table.rows th,table.rows td{padding:4px 3px}}
.table-scroll{max-height:560px;overflow-y:auto}.table-scroll thead th{position:sticky;top:0;background:#fff}
.note{color:#6b7280;font-size:12px;margin:4px 0}
.turn{display:grid;grid-template-columns:64px 180px 1fr;gap:10px;padding:8px 10px;border-left:4px solid #d1d5db;margin:4px 0;background:#fafafa;border-radius:4px}
.turn.IVR{border-color:${ROLE_COLORS.IVR};background:#f3f4f6}.turn.AGENT{border-color:${ROLE_COLORS.AGENT};background:#eff6ff}.turn.CUSTOMER{border-color:${ROLE_COLORS.CUSTOMER};background:#fff7ed}
.turn.toxic{outline:2px solid #dc2626}
.turn .time{color:#6b7280;font-variant-numeric:tabular-nums;font-size:12px}.turn .who{font-weight:600;font-size:13px}.turn .text{white-space:pre-wrap;word-break:break-word}
.badge{display:inline-block;font-size:11px;border-radius:8px;padding:0 6px;margin:2px 4px 0 0;background:#e5e7eb;font-weight:500}
.badge.POSITIVE{background:#dcfce7}.badge.NEGATIVE{background:#fee2e2}.badge.MIXED{background:#fef9c3}
.badge.toxic{background:#dc2626;color:#fff}
.pii{background:#1f2937;color:#fff;border-radius:3px;padding:0 3px;font-size:12px}
dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:4px 14px;font-size:13px;margin:0}dl.facts dt{color:#6b7280}dl.facts dd{margin:0}
audio{width:100%}
`;

export interface PageOptions {
  title: string;
  /** Served pages link the stylesheet and the one static script; a written file inlines CSS. */
  served: boolean;
  /** Which nav entry is current (served pages only). */
  nav?: 'dashboard' | 'calls';
  subtitle?: string;
  body: string;
}

export const page = (o: PageOptions): string => {
  const head = o.served
    ? '<link rel="stylesheet" href="/static/workbench.css"><script src="/static/workbench.js" defer></script>'
    : `<style>${STYLESHEET}</style>`;
  const nav = o.served
    ? `<nav><a href="/" class="${o.nav === 'dashboard' ? 'here' : ''}">Dashboard</a><a href="/calls" class="${o.nav === 'calls' ? 'here' : ''}">Calls</a></nav>`
    : '';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(o.title)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
${head}</head>
<body><header><h1>debrief</h1>${nav}<p>${escapeHtml(o.subtitle ?? '')}</p></header>
<main>
${o.body}
</main></body></html>
`;
};

/** A lake time (TIMESTAMP: UTC) as an ISO-8601 instant; a text that reads as none, as it is. */
export const utcInstant = (value: unknown): string => {
  const text = value instanceof Date ? value.toISOString() : String(value);
  // A TIMESTAMP without a zone is UTC (the lake writes every time in UTC).
  const zoned = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(text) ? `${text}Z` : text;
  const ms = Date.parse(zoned.replace(' ', 'T'));
  return Number.isNaN(ms) ? text : new Date(ms).toISOString();
};

/**
 * A lake time to the minute, UTC, as the call list and Recent calls show every time in their
 * `started` column (`2026-03-26 14:42`): a start, and a quarantined call's time alike (a start
 * was shown as DuckDB's text, `2026-03-26T14:42:45.73Z` or `….216Z`, beside `quarantined
 * 2026-12-01 10:58`). The instant in full is the cell's title.
 */
export const utcMinute = (value: unknown): string => {
  const iso = utcInstant(value);
  return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(iso) ? `${iso.slice(0, 10)} ${iso.slice(11, 16)}` : iso;
};

/**
 * When a call started; a call whose start nobody recorded (a recording without its CTR, recording
 * metadata, bext date or a date-time in its name) shows the day it is filed under, said so: its
 * `dt`, the day of its file (core/steps/load-call.ts), not a start. A quarantined call has no start at all (it never ran through): it shows when it was
 * quarantined (its status's `updated_at`), and where to read why; both to the minute, UTC
 * (utcMinute). The call list and the dashboard's Recent calls.
 */
export const startedCell = (r: Readonly<Record<string, unknown>>): string => {
  if (r.state === 'quarantined' && !r.started_at) {
    const at = r.updated_at ? utcMinute(r.updated_at) : r.dt;
    return `<span class="note" title="quarantined: the call did not run through, so it has no start time; why is under summary / reason, and on the call's page">quarantined ${escapeHtml(at ?? '')}</span>`;
  }
  if (r.started_at)
    return `<span title="${escapeHtml(utcInstant(r.started_at))}">${escapeHtml(utcMinute(r.started_at))}</span>`;
  if (!r.dt) return '';
  return `<span class="note" title="no start time: no conversation record, recording metadata, bext date or file name gave one; the call is filed under the day of its recording's file (a dropped transcript's: that file's), its modification time as dropped (on S3 its upload time); its lineage says which">${escapeHtml(r.dt)} (no start)</span>`;
};
