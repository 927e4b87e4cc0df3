import { BarChart, LineChart, PieChart } from 'echarts/charts';
import { GridComponent } from 'echarts/components';
import { init, use } from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { type Visual, visuals } from './visuals.js';

export interface DashboardData {
  /** Rows of each view named by the visuals. */
  views: Record<string, Record<string, unknown>[]>;
  kpis: Record<string, unknown>;
  quarantined: number;
  /** The most recent calls, for the table at the bottom. */
  recentCalls: Record<string, unknown>[];
  generatedAt: string;
}

const escapeHtml = (value: unknown): string =>
  String(value ?? '').replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

const number = (value: unknown, digits = 1): string =>
  typeof value === 'number' && Number.isFinite(value)
    ? value.toFixed(Number.isInteger(value) ? 0 : digits)
    : '–';

use([BarChart, LineChart, PieChart, GridComponent, SVGRenderer]);

const COLORS = ['#2f6fdf', '#e8833a', '#3aa675', '#c2410c', '#7c3aed', '#0891b2', '#be185d', '#65a30d'];

/** One chart as an SVG string, rendered server side (no script on the page). */
const chartSvg = (
  visual: Extract<Visual, { kind: 'bar' | 'line' | 'pie' }>,
  rows: Record<string, unknown>[],
): string => {
  if (rows.length === 0) return '<p class="empty">No data yet.</p>';
  const chart = init(null, null, { renderer: 'svg', ssr: true, width: 560, height: 300 });
  const categories = rows.map((r) => String(r[visual.category] ?? 'unknown'));
  // A missing figure (e.g. no handle time without a CTR) is a gap, not a zero.
  const values = rows.map((r) =>
    typeof r[visual.value] === 'number' ? Number((r[visual.value] as number).toFixed(2)) : '-',
  );
  if (visual.kind === 'pie') {
    chart.setOption({
      animation: false,
      color: COLORS,
      series: [
        {
          type: 'pie',
          radius: ['35%', '65%'],
          label: { formatter: '{b}: {c}' },
          data: categories.map((name, i) => ({ name, value: values[i] })),
        },
      ],
    });
  } else {
    chart.setOption({
      animation: false,
      color: COLORS,
      grid: { left: visual.kind === 'bar' ? 130 : 50, right: 30, top: 20, bottom: 40 },
      ...(visual.kind === 'bar'
        ? {
            yAxis: { type: 'category', data: categories, inverse: true },
            xAxis: { type: 'value', name: visual.unit ?? '' },
          }
        : {
            xAxis: { type: 'category', data: categories },
            yAxis: { type: 'value', name: visual.unit ?? '' },
          }),
      series: [
        { type: visual.kind, data: values, label: { show: visual.kind === 'bar', position: 'right' } },
      ],
    });
  }
  const svg = chart.renderToSVGString();
  chart.dispose();
  return svg;
};

const table = (columns: readonly string[], rows: Record<string, unknown>[]): string =>
  rows.length === 0
    ? '<p class="empty">No data yet.</p>'
    : `<table><thead><tr>${columns.map((c) => `<th>${escapeHtml(c)}</th>`).join('')}</tr></thead><tbody>${rows
        .map(
          (r) =>
            `<tr>${columns.map((c) => `<td>${escapeHtml(typeof r[c] === 'number' ? number(r[c], 2) : r[c])}</td>`).join('')}</tr>`,
        )
        .join('')}</tbody></table>`;

const kpi = (label: string, value: string) =>
  `<div class="kpi"><div class="value">${escapeHtml(value)}</div><div class="label">${escapeHtml(label)}</div></div>`;

/** The local dashboard: one self-contained HTML page (inline SVG charts, no network). */
export const renderDashboardHtml = (data: DashboardData): string => {
  const sections = visuals.map((v) => {
    const rows = data.views[v.view] ?? [];
    const body = v.kind === 'table' ? table(v.columns, rows) : chartSvg(v, rows);
    return `<section class="card ${v.kind === 'table' ? 'wide' : ''}" id="${escapeHtml(v.id)}"><h2>${escapeHtml(v.title)}</h2>${body}</section>`;
  });
  const k = data.kpis;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>debrief — post-call analytics</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
body{font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:0;background:#f4f6fa;color:#1f2937}
header{background:#111827;color:#fff;padding:16px 28px}header h1{margin:0;font-size:20px}header p{margin:4px 0 0;color:#9ca3af;font-size:13px}
main{padding:20px 28px;display:grid;grid-template-columns:repeat(auto-fill,minmax(580px,1fr));gap:16px}
.kpis{grid-column:1/-1;display:flex;gap:12px;flex-wrap:wrap}.kpi{background:#fff;border-radius:8px;padding:12px 18px;min-width:150px;box-shadow:0 1px 2px #0001}
.kpi .value{font-size:26px;font-weight:600}.kpi .label{font-size:12px;color:#6b7280}
.card{background:#fff;border-radius:8px;padding:12px 16px;box-shadow:0 1px 2px #0001}.card.wide{grid-column:1/-1}.card h2{font-size:15px;margin:0 0 8px}
table{border-collapse:collapse;width:100%;font-size:13px}th,td{text-align:left;padding:6px 8px;border-bottom:1px solid #e5e7eb;vertical-align:top}th{color:#6b7280;font-weight:500}
.empty{color:#9ca3af}
</style></head>
<body><header><h1>debrief — post-call analytics</h1><p>Generated ${escapeHtml(data.generatedAt)} from the local lake (the same views Athena and QuickSight use).</p></header>
<main>
<div class="kpis">${[
    kpi('calls', number(k.calls)),
    kpi('avg handle time (s)', number(k.avg_handle_s)),
    kpi('transfers per call', number(k.transfers_per_call, 2)),
    kpi('calls with toxicity', number(k.calls_with_toxicity)),
    kpi('partial calls', number(k.partial_calls)),
    kpi('quarantined', number(data.quarantined)),
  ].join('')}</div>
${sections.join('\n')}
<section class="card wide" id="recent-calls"><h2>Recent calls</h2>${table(['call_id', 'started_at', 'primary_topic', 'duration_s', 'agents', 'transfers', 'status', 'summary'], data.recentCalls)}</section>
</main></body></html>
`;
};
