import { describe, expect, it } from 'vitest';
import { DuckDbLake } from '../../adapters/local/duckdb-lake.js';
import { quicksightDefinition } from '../../dashboards/quicksight-definition.js';
import { dashboardViewSql } from '../../dashboards/view-files.js';
import { columnLabel, visuals } from '../../dashboards/visuals.js';
import { tempDir } from '../helpers/paths.js';

describe('QuickSight definition', () => {
  const def = quicksightDefinition((view) => `arn:aws:quicksight:us-east-1:1:dataset/debrief-${view}`);

  it('has one visual per entry of the shared visual list, in order, with their titles', () => {
    const ids = def.Sheets[0]?.Visuals.map((v) => Object.values(v)[0]?.VisualId);
    expect(ids).toEqual(visuals.map((v) => v.id));
    expect(def.DataSetIdentifierDeclarations.map((d) => d.Identifier).sort()).toEqual(
      [...new Set(visuals.map((v) => v.view))].sort(),
    );
  });

  it('gives the same reason as the local page where a value may be missing (no CTR: n/a, not 0)', () => {
    const noted = visuals.filter((v) => v.kind !== 'table' && v.note);
    expect(noted.map((v) => v.id)).toEqual(
      expect.arrayContaining(['transfers-by-topic', 'misroutes-by-topic']),
    );
    for (const v of def.Sheets[0]?.Visuals ?? []) {
      const q = Object.values(v)[0] as {
        VisualId: string;
        Subtitle?: { FormatText?: { PlainText?: string } };
      };
      const local = visuals.find((l) => l.id === q.VisualId);
      expect(q.Subtitle?.FormatText?.PlainText, q.VisualId).toBe(
        local?.kind === 'table' ? undefined : local?.note,
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
      const local = visuals.find((l) => l.id === Object.values(q)[0]?.VisualId)!;
      if (local.kind === 'table') continue;
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

  it('shows entry points by queue name, else id, from the same view the local page reads', () => {
    const entry = JSON.stringify(
      def.Sheets[0]?.Visuals.find((v) => Object.values(v)[0]?.VisualId === 'ivr-queue-by-entry'),
    );
    expect(entry).toContain('"Column":{"DataSetIdentifier":"queue_stats","ColumnName":"queue"}');
    const view = dashboardViewSql().find((v) => v.name === 'queue_stats')!.sql;
    expect(view).toContain("coalesce(entry_queue_name, entry_queue, 'no queue') as queue");
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

  it('only references columns the views really have (checked against DuckDB)', async () => {
    const db = await DuckDbLake.open(tempDir('qs'));
    try {
      const columnsOf = async (view: string) =>
        (
          await db.query(`select column_name from information_schema.columns where table_name = '${view}'`)
        ).map((r) => r.column_name);
      const referenced = JSON.stringify(def).matchAll(/"DataSetIdentifier":"(\w+)","ColumnName":"(\w+)"/g);
      let count = 0;
      for (const [, view, column] of referenced) {
        expect(await columnsOf(view!), `${view}.${column}`).toContain(column);
        count += 1;
      }
      expect(count).toBeGreaterThan(visuals.length);
    } finally {
      db.close();
    }
  });
});
