import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DuckDbLake } from '../../adapters/local/duckdb-lake.js';
import { withFilters } from '../../dashboards/filters.js';
import {
  ALL_DAYS_NOTE,
  QUICKSIGHT_FILTERS,
  quicksightDefinition,
  quicksightView,
  summaryId,
} from '../../dashboards/quicksight-definition.js';
import { dashboardViewSql } from '../../dashboards/view-files.js';
import { columnLabel, type Visual, visuals } from '../../dashboards/visuals.js';
import { generateLakeAtScale } from '../../generator/lake-scale.js';
import { tempDir } from '../helpers/paths.js';

/** Each view's columns and their types, as DuckDB makes the views of dashboards/sql (an empty lake). */
let viewColumns: Map<string, Map<string, string>>;
beforeAll(async () => {
  const db = await DuckDbLake.open(tempDir('qs'));
  try {
    viewColumns = new Map();
    for (const view of dashboardViewSql())
      viewColumns.set(
        view.name,
        new Map(
          (
            await db.query(
              `select column_name, data_type from information_schema.columns where table_name = '${view.name}'`,
            )
          ).map((r) => [String(r.column_name), String(r.data_type)]),
        ),
      );
  } finally {
    db.close();
  }
});
const hasColumn = (view: string, column: string) => viewColumns.get(view)?.has(column) ?? false;

/** The QuickSight visuals of the shared list: each visual, then its summary table when it has one. */
const sheetIds = (list: readonly Visual[] = visuals): string[] =>
  list.flatMap((v) => (v.kind !== 'table' && v.summary ? [v.id, summaryId(v)] : [v.id]));
/** The shared visual a QuickSight visual was made from (a summary table: its chart's). */
const localOf = (id: string | undefined): Visual =>
  visuals.find((l) => l.id === id || (l.kind !== 'table' && l.summary && summaryId(l) === id))!;

describe('QuickSight definition', () => {
  const def = quicksightDefinition((view) => `arn:aws:quicksight:us-east-1:1:dataset/debrief-${view}`);

  it('has one visual per entry of the shared visual list, in order, with their titles', () => {
    const ids = def.Sheets[0]?.Visuals.map((v) => Object.values(v)[0]?.VisualId);
    expect(ids).toEqual(sheetIds());
    expect(def.DataSetIdentifierDeclarations.map((d) => d.Identifier).sort()).toEqual(
      [...new Set(visuals.map(quicksightView))].sort(),
    );
    for (const d of def.DataSetIdentifierDeclarations)
      expect(d.DataSetArn).toBe(`arn:aws:quicksight:us-east-1:1:dataset/debrief-${d.Identifier}`);
  });

  it('gives the same reason as the local page where a value may be missing (no CTR: n/a, not 0), and says which visuals the date filter leaves out', () => {
    const noted = visuals.filter((v) => v.kind !== 'table' && v.note);
    expect(noted.map((v) => v.id)).toEqual(
      expect.arrayContaining(['transfers-by-topic', 'misroutes-by-topic']),
    );
    for (const v of def.Sheets[0]?.Visuals ?? []) {
      const q = Object.values(v)[0] as {
        VisualId: string;
        Subtitle?: { FormatText?: { PlainText?: string } };
      };
      const local = localOf(q.VisualId);
      // A visual whose view has no day (from the views' columns) is one the date filter skips.
      const allDays = !hasColumn(quicksightView(local), 'dt');
      const texts = [local.kind === 'table' ? undefined : local.note, allDays ? ALL_DAYS_NOTE : undefined];
      expect(q.Subtitle?.FormatText?.PlainText, q.VisualId).toBe(
        texts.filter(Boolean).join(' ') || undefined,
      );
    }
  });

  it('carries every measure of a visual, and its series as colours (stacked bars, one line per series)', () => {
    const byId = new Map(
      def.Sheets[0]?.Visuals.map((v) => [Object.values(v)[0]?.VisualId, JSON.stringify(v)]),
    );
    for (const v of visuals) {
      if (v.kind === 'table') continue;
      const json = byId.get(v.id)!;
      for (const value of v.values) expect(json, v.id).toContain(`"FieldId":"${v.id}.${value}"`);
      expect(json.includes('"Colors"'), v.id).toBe(Boolean(v.series));
      if (v.kind === 'bar' && v.series) expect(json).toContain('"BarsArrangement":"STACKED"');
    }
  });

  it('labels every chart measure and category in words, as the local page does (no column names)', () => {
    for (const q of def.Sheets[0]?.Visuals ?? []) {
      const json = JSON.stringify(q);
      const id = Object.values(q)[0]?.VisualId;
      const local = localOf(id);
      if (local.kind === 'table' || local.id !== id) continue;
      for (const field of [local.category, ...local.values]) {
        const label = columnLabel(field);
        expect(label, field).not.toMatch(/_/);
        expect(json, `${local.id}: ${field}`).toContain(
          `{"CustomLabel":${JSON.stringify(label)},"ApplyTo":{"FieldId":"${local.id}.${field}"`,
        );
      }
      for (const value of local.values)
        expect(json, `${local.id}: ${value} tooltip`).toContain(
          `{"FieldId":"${local.id}.${value}","Label":${JSON.stringify(columnLabel(value))}`,
        );
    }
  });

  it('shows entry points by queue name, else id, named as in the view the local page reads', () => {
    const entry = JSON.stringify(
      def.Sheets[0]?.Visuals.find((v) => Object.values(v)[0]?.VisualId === 'ivr-queue-by-entry'),
    );
    expect(entry).toContain('"Column":{"DataSetIdentifier":"queue_daily_totals","ColumnName":"queue"}');
    for (const name of ['queue_stats', 'queue_daily_totals']) {
      const view = dashboardViewSql().find((v) => v.name === name)!.sql;
      expect(view, name).toContain("coalesce(entry_queue_name, entry_queue, 'no queue') as queue");
      expect(view, name).toContain("where ctr_status = 'matched'");
    }
  });

  it("shows the drift table with topic_source (the model's answer or an analyst's correction), as the local page does", () => {
    const mix = JSON.stringify(
      def.Sheets[0]?.Visuals.find((v) => Object.values(v)[0]?.VisualId === 'topic-mix'),
    );
    const columns = [...mix.matchAll(/"DataSetIdentifier":"daily_topic_mix","ColumnName":"(\w+)"/g)].map(
      (m) => m[1],
    );
    const local = visuals.find((v) => v.id === 'topic-mix');
    expect(columns).toEqual(local?.kind === 'table' ? local.columns : []);
    expect(columns).toContain('topic_source');
  });

  it('only references columns the views really have, or calculated fields over them (checked against DuckDB)', () => {
    const calculated = new Map(def.CalculatedFields.map((c) => [`${c.DataSetIdentifier}.${c.Name}`, c]));
    expect(calculated.size).toBe(def.CalculatedFields.length);
    for (const c of def.CalculatedFields) {
      expect(hasColumn(c.DataSetIdentifier!, c.Name!), `${c.Name} is no column of its view`).toBe(false);
      const inputs = [...c.Expression!.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
      expect(inputs.length, c.Name).toBeGreaterThan(0);
      for (const input of inputs)
        expect(hasColumn(c.DataSetIdentifier!, input), `${c.Name}: ${input}`).toBe(true);
    }
    const referenced = JSON.stringify(def).matchAll(/"DataSetIdentifier":"(\w+)","ColumnName":"(\w+)"/g);
    let count = 0;
    for (const [, view, column] of referenced) {
      expect(hasColumn(view!, column!) || calculated.has(`${view}.${column}`), `${view}.${column}`).toBe(
        true,
      );
      count += 1;
    }
    expect(count).toBeGreaterThan(visuals.length);
  });

  it('filters every visual whose view has a day by a date range, and by topic and entry queue those with one (scopes from the views, not a list)', () => {
    const sheet = def.Sheets[0]!;
    const ids = new Set(sheet.Visuals.map((v) => Object.values(v)[0]?.VisualId));
    expect(def.FilterGroups.map((g) => g.FilterGroupId)).toEqual(QUICKSIGHT_FILTERS.map((f) => f.id));
    for (const f of QUICKSIGHT_FILTERS) {
      const group = def.FilterGroups.find((g) => g.FilterGroupId === f.id)!;
      const [filter] = group.Filters!;
      const body = filter?.TimeRangeFilter ?? filter?.CategoryFilter;
      const column = body!.Column!;
      // The filter's column is the view's, and every visual whose view has that column is in scope.
      expect(column.ColumnName).toBe(f.column);
      expect(hasColumn(column.DataSetIdentifier!, f.column), f.id).toBe(true);
      const scopes = group.ScopeConfiguration?.SelectedSheets?.SheetVisualScopingConfigurations ?? [];
      expect(scopes.map((c) => [c.SheetId, c.Scope])).toEqual([[sheet.SheetId, 'SELECTED_VISUALS']]);
      const scoped = scopes[0]!.VisualIds!;
      for (const id of scoped) expect(ids.has(id), `${f.id}: ${id}`).toBe(true);
      expect(scoped, f.id).toEqual(sheetIds(visuals.filter((v) => hasColumn(quicksightView(v), f.column))));
      // Across datasets QuickSight matches the column by name and type: the same type in every view.
      const scopedViews = [...new Set(visuals.filter((v) => scoped.includes(v.id)).map(quicksightView))];
      const types = new Set(scopedViews.map((view) => viewColumns.get(view)?.get(f.column)));
      expect(types.size, f.id).toBe(1);
      expect(group.CrossDataset, f.id).toBe(scopedViews.length > 1 ? 'ALL_DATASETS' : 'SINGLE_DATASET');
      // A control on the sheet drives it.
      const controls = sheet.FilterControls.filter(
        (c) => (c.DateTimePicker ?? c.Dropdown)?.SourceFilterId === body?.FilterId,
      );
      expect(controls, f.id).toHaveLength(1);
      if (f.column === 'dt') {
        expect(filter?.TimeRangeFilter).toMatchObject({
          TimeGranularity: 'DAY',
          IncludeMinimum: true,
          IncludeMaximum: true,
        });
        expect(controls[0]?.DateTimePicker).toMatchObject({ Type: 'DATE_RANGE', Title: 'Days' });
      } else {
        expect(filter?.CategoryFilter?.Configuration?.FilterListConfiguration).toMatchObject({
          SelectAllOptions: 'FILTER_ALL_VALUES',
        });
        expect(controls[0]?.Dropdown).toMatchObject({ Type: 'MULTI_SELECT', Title: f.title });
      }
    }
    const days =
      def.FilterGroups[0]!.ScopeConfiguration!.SelectedSheets!.SheetVisualScopingConfigurations![0]!
        .VisualIds!;
    // Every visual but those of views with no day (pipeline status, agent scorecard).
    expect(
      sheetIds()
        .filter((id) => !days.includes(id))
        .map((id) => localOf(id).view)
        .sort(),
    ).toEqual(['agent_stats', 'pipeline_status']);
    // Days are a date axis (one point or bar per day), as the cast dataset column allows.
    for (const v of visuals)
      if (v.kind !== 'table' && v.category === 'dt')
        expect(
          JSON.stringify(sheet.Visuals.find((q) => Object.values(q)[0]?.VisualId === v.id)),
          v.id,
        ).toContain(
          `{"DateDimensionField":{"FieldId":"${v.id}.dt","Column":{"DataSetIdentifier":"${v.view}","ColumnName":"dt"},"DateGranularity":"DAY"}}`,
        );
  });
});

/**
 * QuickSight's figures over a date range, computed by DuckDB from the definition itself: each
 * visual's measure (a SUM of a column, or its calculated field's expression) over its view's rows
 * of the range, against what the local page shows under the same dates (the views over the calls
 * of those days). The definition's expressions are translated, not restated.
 */
describe('QuickSight figures under a date range equal the calls of those days (DuckDB, a generated lake)', () => {
  const def = quicksightDefinition((view) => `arn:${view}`);
  let db: DuckDbLake;
  let days: string[];
  beforeAll(async () => {
    const home = tempDir('qs-lake');
    await generateLakeAtScale({ home, calls: 400, days: 5, uncompactedCalls: 20 });
    db = await DuckDbLake.open(join(home, 'lake'));
    days = (await db.query('select distinct dt from calls order by dt')).map((r) => String(r.dt));
  }, 120_000);
  afterAll(() => db?.close());

  /** A QuickSight expression as DuckDB SQL (the few functions the definition uses). */
  const sqlOf = (expression: string): string => {
    let e = expression
      .replace(/sumOver\((sum\(\{\w+\}\)), \[\{(\w+)\}\]\)/g, 'sum($1) over (partition by $2)')
      .replace(/\{(\w+)\}/g, '$1');
    const ifelse = /^ifelse\((.*), NULL\)$/.exec(e);
    if (ifelse) {
      const inner = ifelse[1]!;
      let depth = 0;
      let at = -1;
      for (let i = 0; i < inner.length && at < 0; i += 1) {
        if (inner[i] === '(') depth += 1;
        else if (inner[i] === ')') depth -= 1;
        else if (inner[i] === ',' && depth === 0) at = i;
      }
      e = `case when ${inner.slice(0, at)} then ${inner.slice(at + 1).trim()} end`;
    }
    expect(e, expression).not.toMatch(/[{}]|ifelse|sumOver|NULL/);
    return e;
  };
  const measureSql = (visualId: string, value: string): string => {
    const json = JSON.stringify(
      def.Sheets[0]!.Visuals.find((q) => Object.values(q)[0]?.VisualId === visualId),
    );
    const field = new RegExp(
      `"NumericalMeasureField":\\{"FieldId":"${visualId}\\.${value}","Column":\\{"DataSetIdentifier":"(\\w+)","ColumnName":"(\\w+)"\\}(,"AggregationFunction":\\{"SimpleNumericalAggregation":"SUM"\\})?`,
    ).exec(json);
    expect(field, `${visualId}.${value}`).not.toBeNull();
    const [, view, column, sum] = field!;
    if (sum) return `sum(${column})`;
    const calc = def.CalculatedFields.find((c) => c.DataSetIdentifier === view && c.Name === column);
    expect(calc, `${view}.${column}`).toBeDefined();
    return sqlOf(calc!.Expression!);
  };
  const close = (a: unknown, b: unknown, label: string) => {
    if (b === null || b === undefined) return expect(a ?? null, label).toBeNull();
    expect(a, label).not.toBeNull();
    expect(Math.abs(Number(a) - Number(b)), `${label}: ${a} against ${b}`).toBeLessThanOrEqual(
      1e-9 * Math.max(1, Math.abs(Number(b))),
    );
  };

  it('every dated chart, on two days of several: counts summed, averages as sums over sums, shares per day', async () => {
    expect(days.length).toBeGreaterThanOrEqual(4);
    const [from, to] = [days[1]!, days[2]!];
    const range = def.FilterGroups.find((g) => g.FilterGroupId === 'days')!;
    const scoped = range.ScopeConfiguration!.SelectedSheets!.SheetVisualScopingConfigurations![0]!.VisualIds!;
    let compared = 0;
    for (const v of visuals) {
      if (v.kind === 'table' || !scoped.includes(v.id)) continue;
      const view = quicksightView(v);
      const keys = [v.category, ...(v.series ? [v.series] : [])];
      const got = await db.query(
        `select ${keys.join(', ')}, ${v.values.map((value) => `${measureSql(v.id, value)} as ${value}`).join(', ')}
         from ${view} where dt >= ? and dt <= ? group by ${keys.join(', ')}`,
        [from, to],
      );
      // The local page's figures: the all-time view over those days' calls, or the per-day view's rows.
      const local =
        v.category === 'dt'
          ? { sql: `select * from ${v.view} where dt >= ? and dt <= ?`, params: [from, to] }
          : withFilters(dashboardViewSql().find((d) => d.name === v.view)!.sql, { from, to });
      const want = await db.query(local.sql, local.params);
      const key = (r: Record<string, unknown>) => keys.map((k) => String(r[k])).join('|');
      expect(got.map(key).sort(), v.id).toEqual(want.map(key).sort());
      const byKey = new Map(want.map((r) => [key(r), r]));
      for (const r of got)
        for (const value of v.values) {
          close(r[value], byKey.get(key(r))?.[value], `${v.id} ${key(r)} ${value}`);
          compared += 1;
        }
    }
    expect(compared).toBeGreaterThan(100);
  });

  it('a mean of daily averages would differ (so the comparison above can fail)', async () => {
    const [from, to] = [days[1]!, days[2]!];
    const [row] = await db.query(
      `select max(abs(mean_of_days - exact)) as gap from (
         select topic, avg(total_handle_s / nullif(handle_calls, 0)) as mean_of_days,
                sum(total_handle_s) / nullif(sum(handle_calls), 0) as exact
         from topic_daily_totals where dt >= ? and dt <= ? group by topic)`,
      [from, to],
    );
    expect(Number(row?.gap)).toBeGreaterThan(0.001);
  });

  it('over every day, the per-day totals give the all-time views exactly', async () => {
    for (const v of visuals) {
      if (v.kind === 'table' || !v.days) continue;
      const got = await db.query(
        `select ${v.category}, ${v.values.map((value) => `${measureSql(v.id, value)} as ${value}`).join(', ')}
         from ${v.days.view} group by ${v.category}`,
      );
      const want = new Map(
        (await db.query(`select * from ${v.view}`)).map((r) => [String(r[v.category]), r]),
      );
      expect(got.length, v.id).toBe(want.size);
      for (const r of got)
        for (const value of v.values)
          close(r[value], want.get(String(r[v.category]))?.[value], `${v.id} ${r[v.category]} ${value}`);
    }
  });
});
