import { BarChart, LineChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent } from 'echarts/components';
import { init, use } from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import {
  FILTER_KEYS,
  FILTER_LABELS,
  type FilterKey,
  type Filters,
  filterQuery,
  filterValueText,
  RECORDING_CHOICES,
  resolveAgentFilter,
} from './filters.js';
import { clock, escapeHtml, formatNumber, page, startedCell } from './page.js';
import { isUnrecorded, unrecordedBadge, unrecordedReason } from './unrecorded.js';
import { type ChartVisual, columnLabel, type Drill, type OverTime, type Visual, visuals } from './visuals.js';
import type { DashboardData, FilterChoices, Row } from './workbench-queries.js';

export type { DashboardData } from './workbench-queries.js';

use([BarChart, LineChart, PieChart, GridComponent, LegendComponent, SVGRenderer]);

/** One colour per series up to 16 (a taxonomy's topics, a day's categories): none shared. */
const COLORS = [
  '#2f6fdf',
  '#e8833a',
  '#3aa675',
  '#c2410c',
  '#7c3aed',
  '#0891b2',
  '#be185d',
  '#65a30d',
  '#ca8a04',
  '#475569',
  '#f472b6',
  '#0d9488',
  '#1e3a8a',
  '#92400e',
  '#a3e635',
  '#9333ea',
];

const CHART_WIDTH = 560;

/**
 * The height of a chart's legend: its items (an icon, the name at 11 px, a gap) wrap over as
 * many lines as they need, and the plot starts below them and the value axis' name.
 */
const legendHeight = (names: readonly string[]): number => {
  const width = CHART_WIDTH - 20;
  let lines = 1;
  let x = 0;
  for (const name of names) {
    const item = 25 + 5 + name.length * 6.5 + 10;
    if (x > 0 && x + item > width) {
      lines += 1;
      x = 0;
    }
    x += item;
  }
  return lines * 22;
};

/** A figure as the chart draws it: a gap (not a zero) when the view has no value. */
const figure = (value: unknown): number | '-' =>
  typeof value === 'number' && Number.isFinite(value) ? Number(value.toFixed(2)) : '-';

const label = (value: unknown): string => (value === null || value === undefined ? 'unknown' : String(value));

const DAY_MS = 86_400_000;
const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;
const dayMs = (day: string): number => Date.parse(`${day}T00:00:00Z`);
const isoDay = (t: number): string => new Date(t).toISOString().slice(0, 10);

/**
 * How a chart of counts groups its days: one slot per day up to about two months, per week up to
 * a year, per month up to six years, per year beyond. A slot per calendar day over a long range
 * (one call in 2025, the rest in 2026) drew every bar about 1 px wide; this keeps each slot at
 * least ~6 px on the 560 px chart (at most 72 slots).
 */
export type TimeBucket = 'day' | 'week' | 'month' | 'year';
export const timeBucketFor = (days: number): TimeBucket =>
  days <= 62 ? 'day' : days <= 366 ? 'week' : days <= 6 * 366 ? 'month' : 'year';

/** The bucket a day falls in: its label (a week by its Monday, a month as 2026-02), first and last day. */
const bucketOf = (day: string, bucket: TimeBucket): { label: string; from: string; to: string } => {
  const t = dayMs(day);
  const date = new Date(t);
  if (bucket === 'week') {
    const from = t - ((date.getUTCDay() + 6) % 7) * DAY_MS;
    return { label: isoDay(from), from: isoDay(from), to: isoDay(from + 6 * DAY_MS) };
  }
  if (bucket === 'month')
    return {
      label: day.slice(0, 7),
      from: `${day.slice(0, 7)}-01`,
      to: isoDay(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 0)),
    };
  if (bucket === 'year')
    return { label: day.slice(0, 4), from: `${day.slice(0, 4)}-01-01`, to: `${day.slice(0, 4)}-12-31` };
  return { label: day, from: day, to: day };
};

/** A bucket label's first day (the inverse of `bucketOf`'s label). */
const bucketStart = (label: string, bucket: TimeBucket): string =>
  bucket === 'month' ? `${label}-01` : bucket === 'year' ? `${label}-01-01` : label;

/**
 * Every bucket from the first to the last of `labels`, so a day (week, month) without calls keeps
 * its place on a time axis instead of its neighbours closing up (eight months read as one step).
 * Anything but dates, or more than ten years of days, is left as it is.
 */
const everyBucket = (labels: readonly string[], bucket: TimeBucket): string[] => {
  const starts = labels.map((l) => bucketStart(l, bucket));
  if (labels.length === 0 || !starts.every((d) => ISO_DAY.test(d) && Number.isFinite(dayMs(d))))
    return [...labels];
  const sorted = [...labels].sort();
  const last = sorted.at(-1)!;
  if (bucket === 'day' && (dayMs(last) - dayMs(sorted[0]!)) / DAY_MS > 3660) return sorted;
  const all: string[] = [];
  for (let b = bucketOf(bucketStart(sorted[0]!, bucket), bucket); ; ) {
    all.push(b.label);
    if (b.label >= last) return all;
    b = bucketOf(isoDay(dayMs(b.to) + DAY_MS), bucket);
  }
};

const BUCKETS: readonly string[] = ['week', 'month', 'year'];

/**
 * The days a page's charts over time cover, and the one bucket they all draw: from the filter's
 * `from` (else the first day of the calls) to its `to` (else the last day), so a filter on a year
 * of dates draws weeks even when its calls sit in a few of them, and every chart on the page
 * (counts, averages, shares) draws the same slots.
 */
export interface TimeSpan {
  from: string;
  to: string;
  days: number;
  bucket: TimeBucket;
  /** The filter set `from` or `to`: a bucket's calls are those within them. */
  filtered: boolean;
}

export const timeSpan = (days: readonly string[], filters: Filters = {}): TimeSpan | null => {
  const known = days.filter((d) => ISO_DAY.test(d) && Number.isFinite(dayMs(d))).sort();
  const valid = (d: string | undefined) =>
    d && ISO_DAY.test(d) && Number.isFinite(dayMs(d)) ? d : undefined;
  const from = valid(filters.from) ?? known[0];
  const to = valid(filters.to) ?? known.at(-1);
  if (!from || !to || to < from || known.length < days.length) return null;
  const count = (dayMs(to) - dayMs(from)) / DAY_MS + 1;
  return {
    from,
    to,
    days: count,
    bucket: timeBucketFor(count),
    filtered: Boolean(valid(filters.from) || valid(filters.to)),
  };
};

/** One bucket for every chart over days on a page: from the filter's dates, else the days of its calls. */
export const pageTimeSpan = (data: Pick<DashboardData, 'views' | 'filters'>): TimeSpan | null =>
  timeSpan(
    visuals
      .filter((v) => v.kind !== 'table' && v.category === 'dt')
      .flatMap((v) => (data.views[v.view] ?? []).map((r) => String(r.dt))),
    data.filters,
  );

/** The columns of a view a measure over several days is made of (`OverTime`). */
const inputsOf = (value: string, how: OverTime): string[] =>
  how === 'sum' ? [value] : 'divide' in how ? [how.divide, how.by] : [how.shareOf];

const numberOf = (value: unknown): number | null => {
  const n = typeof value === 'bigint' ? Number(value) : value;
  return typeof n === 'number' && Number.isFinite(n) ? n : null;
};

/**
 * A chart over days on a page whose dates span more than two months, per week, month or year
 * (`timeBucketFor` of `span`, the page's `timeSpan`; by default the rows' own days): each
 * bucket's value made of its days' rows as the visual's `overTime` says, exactly as the calls of
 * the bucket give it: counts summed, an average as the sum of its numerator over the sum of its
 * denominator (a week's average queue wait = its calls' queue time / its calls with a queue
 * time), a share as the series' sum over every series' sum in the bucket. The views stay per day
 * (for queries and QuickSight). The rows carry the bucket's label (column `week`, `month` or
 * `year`), its first and last day (`dt_from`, `dt_to`, within the filter's dates), which a click
 * on a bar lists the calls of, and the summed columns; the title says "per week".
 */
export const timeBuckets = (
  visual: ChartVisual,
  rows: readonly Row[],
  span: TimeSpan | null = timeSpan(rows.map((r) => String(r.dt))),
): { visual: ChartVisual; rows: readonly Row[]; bucket: TimeBucket; days: number } => {
  const overTime = visual.overTime;
  const days = span?.days ?? 0;
  const bucket =
    visual.category === 'dt' && span && overTime && visual.values.every((v) => overTime[v])
      ? span.bucket
      : 'day';
  if (bucket === 'day' || !overTime || !span) return { visual, rows, bucket: 'day', days };
  const inputs = [...new Set(visual.values.flatMap((v) => inputsOf(v, overTime[v]!)))];
  const add = (into: Row, r: Row) => {
    for (const c of inputs) {
      const n = numberOf(r[c]);
      if (n !== null) into[c] = Number(into[c] ?? 0) + n;
    }
  };
  const grouped = new Map<string, Row>();
  const bucketTotals = new Map<string, Row>();
  for (const r of rows) {
    const b = bucketOf(String(r.dt), bucket);
    const key = visual.series ? `${b.label}\u0000${label(r[visual.series])}` : b.label;
    let sum = grouped.get(key);
    if (!sum) {
      sum = {
        [bucket]: b.label,
        dt_from: span.filtered && span.from > b.from ? span.from : b.from,
        dt_to: span.filtered && span.to < b.to ? span.to : b.to,
      };
      if (visual.series) sum[visual.series] = r[visual.series];
      for (const c of inputs) sum[c] = null;
      grouped.set(key, sum);
    }
    add(sum, r);
    const all = bucketTotals.get(b.label) ?? {};
    add(all, r);
    bucketTotals.set(b.label, all);
  }
  for (const sum of grouped.values()) {
    const all = bucketTotals.get(String(sum[bucket]))!;
    for (const v of visual.values) {
      const how = overTime[v]!;
      if (how === 'sum') continue;
      const [part, whole] =
        'divide' in how
          ? [numberOf(sum[how.divide]), numberOf(sum[how.by])]
          : [numberOf(sum[how.shareOf]), numberOf(all[how.shareOf])];
      sum[v] = part === null || !whole ? null : part / whole;
    }
  }
  const per = `per ${bucket}`;
  const columns = Object.fromEntries(
    Object.entries(visual.drill.columns).map(([key, column]) => [
      key,
      column !== 'dt' ? column : key === 'to' ? 'dt_to' : 'dt_from',
    ]),
  );
  return {
    visual: {
      ...visual,
      category: bucket,
      title: visual.title.includes('per day')
        ? visual.title.replace('per day', per)
        : `${visual.title} (${per})`,
      drill: { ...visual.drill, columns },
    },
    rows: [...grouped.values()].sort((a, b) => String(a[bucket]).localeCompare(String(b[bucket]))),
    bucket,
    days,
  };
};

/**
 * The chart's grid: categories along one axis, and one series per measure or per value of the
 * series column. `index` maps each view row to its (series, category) position, which is what
 * the SVG's `ecmeta_series_index` / `ecmeta_data_index` attributes carry.
 */
export const chartLayout = (visual: ChartVisual, rows: readonly Row[]) => {
  const present = [...new Set(rows.map((r) => label(r[visual.category])))];
  const time = visual.category === 'dt' ? 'day' : BUCKETS.includes(visual.category) ? visual.category : null;
  const categories = time ? everyBucket(present, time as TimeBucket) : present;
  if (!visual.series) {
    // A day without calls: 0 of a count ("calls"), no value (a gap) of an average or a share.
    const none: number | '-' = visual.unit === 'calls' ? 0 : '-';
    const at = new Map(rows.map((r) => [label(r[visual.category]), r]));
    return {
      categories,
      series: visual.values.map((value) => ({
        name: columnLabel(value),
        data: categories.map((c) => (at.has(c) ? figure(at.get(c)![value]) : none)),
      })),
      index: rows.map((r) => ({
        s: null as number | null,
        d: categories.indexOf(label(r[visual.category])),
      })),
    };
  }
  const names = [...new Set(rows.map((r) => label(r[visual.series!])))].sort();
  const value = visual.values[0]!;
  // A day without a series' value: a stacked bar draws nothing there (no zero-height bar to
  // click); a line of counts draws 0 (a category that matched no call that day), not a gap that
  // reads as a day nothing is known about; a line of shares or averages leaves the gap.
  const none: number | '-' = visual.kind === 'line' && visual.unit === 'calls' ? 0 : '-';
  const series = names.map((name) => ({ name, data: categories.map((): number | '-' => none) }));
  const index = rows.map((r) => {
    const s = names.indexOf(label(r[visual.series!]));
    const d = categories.indexOf(label(r[visual.category]));
    series[s]!.data[d] = figure(r[value]);
    return { s: s as number | null, d };
  });
  return { categories, series, index };
};

/** The categories of a chart with a note where a measure has no value (drawn as n/a). */
const missingCategories = (visual: ChartVisual, rows: readonly Row[]): string[] =>
  visual.note
    ? rows
        .filter((r) => visual.values.some((v) => figure(r[v]) === '-'))
        .map((r) => label(r[visual.category]))
    : [];

/** One chart as an SVG string, rendered server side. */
const chartSvg = (visual: ChartVisual, rows: readonly Row[], empty: string): string => {
  if (rows.length === 0) return `<p class="empty">${escapeHtml(empty)}</p>`;
  const { categories, series } = chartLayout(visual, rows);
  const legend = series.length > 1;
  const chart = init(null, null, { renderer: 'svg', ssr: true, width: CHART_WIDTH, height: 300 });
  if (visual.kind === 'pie') {
    chart.setOption({
      animation: false,
      color: COLORS,
      series: [
        {
          type: 'pie',
          radius: ['35%', '65%'],
          label: { formatter: '{b}: {c}' },
          data: categories.map((name, i) => ({ name, value: series[0]!.data[i] })),
        },
      ],
    });
  } else {
    // Topics and queues read best as horizontal bars; days left to right.
    const horizontal =
      visual.kind === 'bar' && visual.category !== 'dt' && !BUCKETS.includes(visual.category);
    // A category the note explains reads "name (n/a)" on the axis, where its bar would be.
    const missing = new Set(missingCategories(visual, rows));
    const categoryAxis = {
      type: 'category',
      data: categories,
      ...(horizontal ? { inverse: true } : {}),
      ...(missing.size > 0
        ? { axisLabel: { formatter: (name: string) => (missing.has(name) ? `${name} (n/a)` : name) } }
        : {}),
    };
    // Counts (every value whole: calls, turns) tick in whole numbers, never "2.5 toxic turns".
    const whole = series.every((s) => s.data.every((d) => d === '-' || Number.isInteger(d)));
    const valueAxis = { type: 'value', name: visual.unit ?? '', ...(whole ? { minInterval: 1 } : {}) };
    chart.setOption({
      animation: false,
      color: COLORS,
      legend: legend ? { top: 0, type: 'plain', textStyle: { fontSize: 11 } } : undefined,
      grid: {
        left: horizontal ? 150 : 50,
        right: 40,
        top: legend ? legendHeight(series.map((s) => s.name)) + 26 : 20,
        bottom: 40,
      },
      ...(horizontal ? { yAxis: categoryAxis, xAxis: valueAxis } : { xAxis: categoryAxis, yAxis: valueAxis }),
      series: series.map((s, i) => ({
        type: visual.kind,
        name: s.name,
        data: s.data,
        // Two measures of one line chart are often equal (one toxic turn per toxic call): the
        // second is dashed, so the first still shows under it.
        ...(visual.kind === 'line' && !visual.series && i > 0 ? { lineStyle: { type: 'dashed' } } : {}),
        ...(visual.series && visual.kind === 'bar' ? { stack: 'total' } : {}),
        ...(visual.kind === 'bar' ? { barMaxWidth: 48 } : {}),
        // Every point drawn (a day between days without calls stands alone), smaller when many.
        ...(visual.kind === 'line'
          ? { showSymbol: true, showAllSymbol: true, symbolSize: categories.length > 30 ? 3 : 7 }
          : {}),
        label: { show: horizontal && series.length === 1, position: 'right' },
      })),
    });
  }
  const svg = chart.renderToSVGString();
  chart.dispose();
  return svg;
};

const cell = (value: unknown): string =>
  escapeHtml(typeof value === 'number' ? formatNumber(value, 2) : value);

/**
 * A visual's summary (`summary`): one row per value of its `by` column over the rows the chart is
 * drawn from (the view's per-day rows under the page's filters), in name order, each column made
 * of them as the visual says: counts summed, a mean as its rows' sum over their count (never a
 * mean of daily means), a share of every row's, the least and greatest of the rows'.
 */
export const summaryRows = (visual: ChartVisual, rows: readonly Row[]): Row[] => {
  const summary = visual.summary;
  if (!summary) return [];
  const total = (group: readonly Row[], column: string): number | null =>
    group.reduce<number | null>((sum, r) => {
      const n = numberOf(r[column]);
      return n === null ? sum : (sum ?? 0) + n;
    }, null);
  const groups = new Map<string, Row[]>();
  for (const r of rows) groups.set(label(r[summary.by]), [...(groups.get(label(r[summary.by])) ?? []), r]);
  return [...groups.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, group]) => {
      const out: Row = { [summary.by]: key };
      for (const [column, how] of Object.entries(summary.columns)) {
        if (how === 'min' || how === 'max') {
          const known = group.map((r) => numberOf(r[column])).filter((n): n is number => n !== null);
          out[column] = known.length === 0 ? null : how === 'min' ? Math.min(...known) : Math.max(...known);
          continue;
        }
        if (how === 'sum') {
          out[column] = total(group, column);
          continue;
        }
        const [part, whole] =
          'divide' in how
            ? [total(group, how.divide), total(group, how.by)]
            : [total(group, how.shareOf), total(rows, how.shareOf)];
        out[column] = part === null || !whole ? null : part / whole;
      }
      return out;
    });
};

/** A summary figure: four significant digits (a churn risk of 0.0042 is not "0"), large ones to 0.1. */
const summaryFigure = (value: unknown): string => {
  const n = numberOf(value);
  if (n === null) return '–';
  return Math.abs(n) >= 1000 || Number.isInteger(n) ? formatNumber(n) : String(Number(n.toPrecision(4)));
};

/** The summary table above a visual's chart (`summary`), its figures in full as each cell's title. */
const summaryTable = (visual: ChartVisual, rows: readonly Row[]): string => {
  if (!visual.summary || rows.length === 0) return '';
  const columns = [visual.summary.by, ...Object.keys(visual.summary.columns)];
  const body = summaryRows(visual, rows)
    .map(
      (r) =>
        `<tr>${columns
          .map((c) =>
            c === visual.summary?.by
              ? `<td>${escapeHtml(r[c])}</td>`
              : `<td title="${escapeHtml(String(r[c] ?? ''))}">${escapeHtml(summaryFigure(r[c]))}</td>`,
          )
          .join('')}</tr>`,
    )
    .join('');
  return `<table class="summary" id="${escapeHtml(visual.id)}-summary"><thead><tr>${columns.map((c) => `<th>${escapeHtml(columnLabel(c))}</th>`).join('')}</tr></thead><tbody>${body}</tbody></table>${visual.summary.note ? `<p class="note">${escapeHtml(visual.summary.note)}</p>` : ''}`;
};

/** Why the chart has no value for some categories (its note), naming them: n/a, not a silent gap. */
const missingNote = (visual: ChartVisual, rows: readonly Row[]): string => {
  if (!visual.note || rows.length === 0) return '';
  const missing = missingCategories(visual, rows);
  const which = missing.length > 0 ? `n/a (no bar): ${missing.join(', ')}. ` : '';
  return `<p class="note">${escapeHtml(which + visual.note)}</p>`;
};

/** A column name as a header: it may wrap after an underscore, so wide tables fit their card. */
const columnName = (name: string): string => escapeHtml(name).replaceAll('_', '_<wbr>');

/** Where a row of a visual leads: the call browser under the page's filters plus the row's own. */
export const drillHref = (drill: Drill, row: Row, filters: Filters): string => {
  const next: Filters = { ...filters };
  for (const [key, column] of Object.entries(drill.columns)) next[key as keyof Filters] = label(row[column]);
  for (const [key, value] of Object.entries(drill.fixed ?? {})) next[key as keyof Filters] = value;
  return `/calls${filterQuery(next)}`;
};

/**
 * The rows behind a visual as a table: what a screen reader (and a test) reads, and on served
 * pages the link the chart's bars and points follow (`data-s`/`data-d` match the SVG's
 * series/data indexes; the static script forwards a click on the chart to the row's link).
 */
const dataTable = (visual: Visual, rows: readonly Row[], filters: Filters | null, empty: string): string => {
  if (rows.length === 0) return visual.kind === 'table' ? `<p class="empty">${escapeHtml(empty)}</p>` : '';
  const columns =
    visual.kind === 'table'
      ? visual.columns
      : [visual.category, ...(visual.series ? [visual.series] : []), ...visual.values];
  const index =
    visual.kind === 'table' ? rows.map((_, d) => ({ s: null, d })) : chartLayout(visual, rows).index;
  const body = rows
    .map((r, i) => {
      const { s, d } = index[i]!;
      const at = `data-d="${d}"${s === null ? '' : ` data-s="${s}"`}`;
      const link = filters
        ? `<td><a href="${escapeHtml(drillHref(visual.drill, r, filters))}">calls</a></td>`
        : '';
      const measure = (c: string) => visual.kind !== 'table' && visual.values.includes(c);
      return `<tr ${at}>${columns.map((c) => `<td>${measure(c) && figure(r[c]) === '-' ? 'n/a' : cell(r[c])}</td>`).join('')}${link}</tr>`;
    })
    .join('');
  const table = `<table class="rows"><thead><tr>${columns.map((c) => `<th>${columnName(c)}</th>`).join('')}${filters ? '<th></th>' : ''}</tr></thead><tbody>${body}</tbody></table>`;
  // A table visual of a large center (800 agents, a year of days × topics) scrolls inside its
  // card under a header that stays, instead of making the page tens of thousands of pixels long.
  return visual.kind === 'table'
    ? `<p class="note">${rows.length} row${rows.length === 1 ? '' : 's'}</p><div class="table-scroll">${table}</div>`
    : `<details class="data"><summary>data</summary>${table}</details>`;
};

/** A rate (0 … 1) as a percentage: 0.75 -> "75%", 2/3 -> "66.7%"; none -> "–". */
const percent = (rate: unknown): string => {
  const value = typeof rate === 'bigint' ? Number(rate) : rate;
  return typeof value === 'number' && Number.isFinite(value) ? `${formatNumber(value * 100)}%` : '–';
};

const kpi = (name: string, value: string) =>
  `<div class="kpi"><div class="value">${escapeHtml(value)}</div><div class="label">${escapeHtml(name)}</div></div>`;

/** A headline figure whose label reads as English beside it: "1 call", "2 calls", "0.5 transfers per call". */
const counted = (value: string, one: string, many: string) => kpi(value === '1' ? one : many, value);

const options = (
  values: readonly { value: string; text: string }[],
  selected: string | undefined,
  any: string,
) =>
  [`<option value="">${escapeHtml(any)}</option>`]
    .concat(
      values.map(
        (o) =>
          `<option value="${escapeHtml(o.value)}"${o.value === selected ? ' selected' : ''}>${escapeHtml(o.text)}</option>`,
      ),
    )
    .join('');

const plain = (values: readonly string[]) => values.map((v) => ({ value: v, text: v }));

/**
 * The agent drop-down: each agent by name; agents who share a name (two "Ana Brown"s in a large
 * center) by name and id, so the analyst can tell which one they pick.
 */
export const agentOptions = (agents: FilterChoices['agents']): { value: string; text: string }[] => {
  const named = new Map<string, number>();
  for (const a of agents) if (a.name) named.set(a.name, (named.get(a.name) ?? 0) + 1);
  return agents.map((a) => ({
    value: a.id,
    text: !a.name ? a.id : (named.get(a.name) ?? 0) > 1 ? `${a.name} (${a.id})` : a.name,
  }));
};

/** The filter bar: a GET form, so the URL holds the filters (shareable, reload-safe). */
export const filterForm = (
  action: string,
  filters: Filters,
  choices: FilterChoices,
  search = false,
): string => {
  const select = (key: keyof Filters, title: string, values: { value: string; text: string }[]) =>
    `<label>${escapeHtml(title)}<select name="${key}">${options(values, filters[key], 'any')}</select></label>`;
  const date = (key: 'from' | 'to') =>
    `<label>${key}<input type="date" name="${key}" value="${escapeHtml(filters[key] ?? '')}" min="${escapeHtml(choices.firstDay ?? '')}" max="${escapeHtml(choices.lastDay ?? '')}"></label>`;
  const shown = new Set<keyof Filters>([
    'from',
    'to',
    'topic',
    'entry',
    'queue',
    'agent',
    'direction',
    'status',
  ]);
  const searchFields = search
    ? `<label>search (id, topic, agent, text, category, toxic, abandoned)<input type="search" name="q" value="${escapeHtml(filters.q ?? '')}"></label>
${select('category', 'category', plain(choices.categories))}
${select('label', 'toxicity', plain(choices.labels))}
<label>toxic only<select name="toxic">${options([{ value: '1', text: 'yes' }], filters.toxic, 'any')}</select></label>
${select('recording', 'recording', [...RECORDING_CHOICES])}`
    : '';
  if (search) for (const k of ['q', 'category', 'label', 'toxic', 'recording'] as const) shown.add(k);
  const hidden = FILTER_KEYS.filter((k) => !shown.has(k) && filters[k])
    .map((k) => `<input type="hidden" name="${k}" value="${escapeHtml(filters[k])}">`)
    .join('');
  return `<form class="filters" method="get" action="${escapeHtml(action)}">
${date('from')}${date('to')}
${select('topic', 'topic', plain(choices.topics))}
${select('entry', 'entry queue', plain(choices.entries))}
${select(
  'queue',
  'queue visited (any)',
  choices.queues.map((q) => ({ value: q.id, text: q.name ?? q.id })),
)}
${select('agent', 'agent', agentOptions(choices.agents))}
${select('direction', 'direction', plain(choices.directions))}
${select('status', 'status', plain(choices.statuses))}
${searchFields}${hidden}
<button type="submit">Apply</button> <a href="${escapeHtml(action)}">clear</a>
</form>`;
};

/** The active filters, each with a link that removes it. */
/** A date filter whose `from` is after its `to`: it matches no call, whatever the lake holds. */
export const reversedRange = (filters: Filters): boolean =>
  Boolean(filters.from && filters.to && filters.from > filters.to);

/**
 * A chip's value as the analyst knows it: the agent and the queue filters hold an id (a Genesys
 * UUID), so their chips show the name the drop-down shows (an agent's id joins its name when two
 * agents share it; the id alone when no name is known), with the id as the chip's title. A
 * hand-written agent name that names one agent reads as that agent; any other value as given.
 */
const chipValue = (
  key: FilterKey,
  value: string,
  choices: Pick<FilterChoices, 'agents' | 'queues'>,
): { text: string; id: string | null } => {
  if (key === 'agent') {
    const id = resolveAgentFilter({ agent: value }, choices.agents).filters.agent ?? value;
    const option = agentOptions(choices.agents).find((o) => o.value === id);
    if (option) return { text: option.text, id: option.text === id ? null : id };
  }
  if (key === 'queue') {
    const name = choices.queues.find((q) => q.id === value)?.name;
    if (name) return { text: name, id: value };
  }
  return { text: filterValueText(key, value), id: null };
};

/**
 * The active filters as chips, each removable; a reversed date range (from after to, which
 * matches nothing) says so, with a link to the same page with the dates swapped. With the
 * lake's agents (and queues), the agent (and queue) chip names them, and an agent filter no
 * agent or several answer gets a note saying so (`resolveAgentFilter`).
 */
export const filterChips = (
  path: string,
  filters: Filters,
  choices?: Pick<FilterChoices, 'agents' | 'queues'>,
): string => {
  const active = FILTER_KEYS.filter((k) => filters[k]);
  if (active.length === 0) return '';
  const agentNote = choices ? resolveAgentFilter(filters, choices.agents).note : null;
  const agent = agentNote
    ? `<p class="note agent-filter" id="agent-filter-note" role="alert">${escapeHtml(agentNote)}</p>`
    : '';
  const reversed = reversedRange(filters)
    ? `<p class="note reversed-range" id="reversed-range" role="alert">The dates are reversed: from ${escapeHtml(filters.from)} is after to ${escapeHtml(filters.to)}, so no call can match. <a href="${escapeHtml(path + filterQuery({ ...filters, from: filters.to, to: filters.from }))}">Swap them</a> (from ${escapeHtml(filters.to)} to ${escapeHtml(filters.from)}).</p>`
    : '';
  return `${reversed}${agent}<div class="chips" id="active-filters">${active
    .map((k) => {
      const rest = { ...filters };
      delete rest[k];
      const value = chipValue(k, filters[k]!, choices ?? { agents: [], queues: [] });
      const title = value.id === null ? '' : ` title="${escapeHtml(value.id)}"`;
      return `<span class="chip" data-filter="${k}"${title}>${escapeHtml(FILTER_LABELS[k])}: ${escapeHtml(value.text)}<a href="${escapeHtml(path + filterQuery(rest))}" title="remove">×</a></span>`;
    })
    .join('')}</div>`;
};

/**
 * What an empty visual says: an empty lake has no data yet; filters that match no call say so
 * (the lake is not empty); calls without anything for this visual (no category matched, say)
 * have none of it.
 */
const emptyNote = (data: DashboardData, filtered: boolean): string => {
  if (Number(data.kpis.calls ?? 0) > 0) return 'None for these calls.';
  if (filtered && reversedRange(data.filters))
    return 'No calls match: the dates are reversed (from is after to).';
  if (filtered) return 'No calls match these filters.';
  // Calls were dropped, none landed: "No data yet" read as if nothing had been dropped at all.
  if (data.quarantined > 0)
    return `No processed calls yet: ${data.quarantined === 1 ? '1 call is' : `${data.quarantined} calls are`} quarantined: their reasons are in the call list (debrief serve) and call_status.`;
  return 'No data yet.';
};

/**
 * Under a date filter, how a view without a start of its own counts a call in the dates: the
 * pipeline status counts a quarantined call (it never ran through: it has no start) on the day
 * it was quarantined (`filters.ts` `filteredTables`). QuickSight's is all days and says so.
 */
const IN_THESE_DATES: Readonly<Record<string, string>> = {
  pipeline_status:
    'In these dates: a processed or partial call on the day it started, a quarantined call on the day it was quarantined (it never ran through, so it has no start).',
};

/** Views only a conversation record (CTR) fills: what an empty one says it lacks. */
const FROM_CTR: Readonly<Record<string, string>> = { agent_stats: 'agents', queue_stats: 'queues' };

/** The Recent calls table's columns (`RECENT_CALLS_COLUMNS`) and their headers in words. */
const RECENT_COLUMNS: readonly (readonly [string, string])[] = [
  ['call_id', 'call'],
  ['started_at', 'started (UTC)'],
  ['primary_topic', 'topic'],
  ['duration_s', 'duration'],
  ['agents', 'agents'],
  ['transfers', 'transfers'],
  ['status', 'status'],
  ['summary', 'summary'],
];

/**
 * One Recent calls cell: the duration as m:ss (as the call list shows it, not raw seconds), and
 * agents and transfers that no matched conversation record (CTR) told us as "–" saying so, not blank.
 */
const recentCell = (column: string, row: Row, served: boolean): string => {
  const value = row[column];
  if (column === 'call_id' && served)
    return `<td><a href="/calls/${encodeURIComponent(String(value))}">${escapeHtml(value)}</a></td>`;
  if (column === 'duration_s') {
    const seconds = typeof value === 'bigint' ? Number(value) : value;
    return typeof seconds === 'number' && Number.isFinite(seconds)
      ? `<td title="${escapeHtml(formatNumber(seconds))} s">${clock(seconds * 1000)}</td>`
      : '<td>–</td>';
  }
  if (column === 'started_at') return `<td>${startedCell(row)}</td>`;
  // A call never recorded (CTR-only): what became of it, not topic 'none' and an empty summary.
  if (column === 'primary_topic' && isUnrecorded(row)) return `<td>${unrecordedBadge(row)}</td>`;
  if (column === 'summary' && isUnrecorded(row)) return `<td>${escapeHtml(unrecordedReason(row) ?? '')}</td>`;
  if ((column === 'agents' || column === 'transfers') && (value === null || value === undefined))
    return '<td title="no matched conversation record (CTR) for this call (none was dropped, or it does not match the call: its page says which): agents and transfers come from it">–</td>';
  return `<td>${cell(value)}</td>`;
};

export interface RenderOptions {
  /** Served by `debrief serve`: filter bar, links to calls, the static script. */
  served?: { choices: FilterChoices };
}

/** The dashboard page: headline figures and every visual of the shared list. */
export const renderDashboardHtml = (data: DashboardData, renderOptions: RenderOptions = {}): string => {
  const served = renderOptions.served;
  const filters = served ? data.filters : null;
  const empty = emptyNote(data, Boolean(filters && FILTER_KEYS.some((k) => filters[k])));
  const span = pageTimeSpan(data);
  const sections = visuals.map((shown) => {
    // A visual over a table nothing has written to (no post-processor set a metric): one line.
    if (shown.kind !== 'table' && shown.whenNone && data.emptyTables?.includes(shown.whenNone.table))
      return `<section class="card" id="${escapeHtml(shown.id)}" data-visual="${escapeHtml(shown.id)}"><h2>${escapeHtml(shown.summary?.title ?? shown.title)}</h2><p class="empty" id="${escapeHtml(shown.id)}-none">${escapeHtml(shown.whenNone.note)}</p></section>`;
    // A chart over a long range: per week or month (the note says so and how to see days).
    const bucketed = shown.kind === 'table' ? null : timeBuckets(shown, data.views[shown.view] ?? [], span);
    const v: Visual = bucketed?.visual ?? shown;
    const rows = bucketed?.rows ?? data.views[shown.view] ?? [];
    const spans = span?.filtered
      ? `the dates ${span.from} to ${span.to} span ${span.days} days`
      : `the calls span ${bucketed?.days} days`;
    const per =
      bucketed && bucketed.bucket !== 'day'
        ? `<p class="note">Per ${bucketed.bucket}${bucketed.bucket === 'week' ? ' (Monday to Sunday, named by its Monday)' : ''}: ${spans}.${filters ? ' Narrow the dates (from, to) to 62 days or fewer to see each day.' : ''}</p>`
        : '';
    const fromCtr = FROM_CTR[v.view];
    const none =
      fromCtr && Number(data.kpis.calls ?? 0) > 0
        ? `None for these calls: ${fromCtr} come from the conversation records (CTR) dropped beside the recordings or transcripts, and none of these calls has one.`
        : empty;
    const dated =
      filters && (filters.from || filters.to) && IN_THESE_DATES[v.view]
        ? `<p class="note">${escapeHtml(IN_THESE_DATES[v.view])}</p>`
        : '';
    const chart = v.kind === 'table' ? '' : chartSvg(v, rows, none) + per + missingNote(v, rows) + dated;
    // A summary table first, under its own heading (the metrics' figures), then the chart's.
    const summary =
      v.kind !== 'table' && v.summary
        ? `<h2>${escapeHtml(v.summary.title)}</h2>${summaryTable(v, data.views[shown.view] ?? [])}`
        : '';
    return `<section class="card${v.kind === 'table' ? ' wide' : ''}" id="${escapeHtml(v.id)}" data-visual="${escapeHtml(v.id)}">${summary}<h2>${escapeHtml(v.title)}</h2>${chart}${dataTable(v, rows, filters, none)}</section>`;
  });
  const k = data.kpis;
  const recent =
    data.recentCalls.length === 0
      ? `<p class="empty">${escapeHtml(empty)}</p>`
      : `<table><thead><tr>${RECENT_COLUMNS.map(([, name]) => `<th>${escapeHtml(name)}</th>`).join('')}</tr></thead><tbody>${data.recentCalls
          .map((r) => `<tr>${RECENT_COLUMNS.map(([c]) => recentCell(c, r, Boolean(served))).join('')}</tr>`)
          .join('')}</tbody></table>`;
  const body = `${served ? filterForm('/', data.filters, served.choices) + filterChips('/', data.filters, served.choices) : ''}
<div class="kpis">${[
    counted(formatNumber(k.calls), 'call', 'calls'),
    // Each figure over the calls it describes (KPI_SQL): handled calls, offered calls, answered calls.
    kpi('avg handle time (s), handled calls', formatNumber(k.avg_handle_s)),
    counted(formatNumber(k.transfers_per_call, 2), 'transfer per handled call', 'transfers per handled call'),
    // offered is null when no call knows it (merged before ctr merge 1.6.0, or no CTR): unknown, not 0 of 0.
    (k.offered ?? null) === null && Number(k.calls ?? 0) > 0
      ? kpi(
          'abandon rate: n/a (no call has queue figures: they come from a matched Genesys CTR; calls merged before ctr merge 1.6.0 get them from npx debrief run <folder> --reprocess)',
          percent(null),
        )
      : kpi(
          `abandon rate (${formatNumber(k.abandoned_calls ?? 0)} of ${formatNumber(k.offered ?? 0)} offered to a queue)`,
          percent(k.abandon_rate),
        ),
    kpi('average speed of answer (s), answered in the queue they entered', formatNumber(k.asa_s)),
    counted(formatNumber(k.calls_with_toxicity), 'call with toxicity', 'calls with toxicity'),
    counted(formatNumber(k.partial_calls), 'partial call', 'partial calls'),
    // Served, the count leads to those calls in the call list, each with its reason.
    served && data.quarantined > 0
      ? `<div class="kpi"><div class="value">${escapeHtml(formatNumber(data.quarantined))}</div><div class="label"><a href="${escapeHtml(`/calls${filterQuery({ ...data.filters, status: 'quarantined' })}`)}">quarantined</a></div></div>`
      : kpi('quarantined', formatNumber(data.quarantined)),
  ].join('')}</div>
${sections.join('\n')}
<section class="card wide" id="recent-calls"><h2>Recent calls</h2>${recent}</section>`;
  return page({
    title: 'debrief — post-call analytics',
    served: Boolean(served),
    nav: 'dashboard',
    subtitle: `${served ? 'Live' : 'Generated'} ${data.generatedAt} from the local lake (the same views Athena and QuickSight use).`,
    body,
  });
};
