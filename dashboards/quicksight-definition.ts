import { type Visual, visuals } from './visuals.js';

/**
 * The QuickSight dashboard definition (CreateDashboard `Definition`) from the same visual list
 * as the local page. One dataset per Athena view; `datasetArn(view)` supplies their ARNs.
 */
export const quicksightDefinition = (datasetArn: (view: string) => string) => {
  const views = [...new Set(visuals.map((v) => v.view))];
  const column = (view: string, name: string) => ({ DataSetIdentifier: view, ColumnName: name });
  const dimension = (v: Visual, name: string) => ({
    CategoricalDimensionField: { FieldId: `${v.id}.${name}`, Column: column(v.view, name) },
  });
  const measure = (v: Visual, name: string) => ({
    NumericalMeasureField: {
      FieldId: `${v.id}.${name}`,
      Column: column(v.view, name),
      // The views are pre-aggregated: one row per category, so SUM shows the row's value.
      AggregationFunction: { SimpleNumericalAggregation: 'SUM' },
    },
  });
  const title = (v: Visual) => ({ Visibility: 'VISIBLE', FormatText: { PlainText: v.title } });
  const CHART_KEYS = {
    bar: ['BarChartVisual', 'BarChartAggregatedFieldWells'],
    line: ['LineChartVisual', 'LineChartAggregatedFieldWells'],
    pie: ['PieChartVisual', 'PieChartAggregatedFieldWells'],
  } as const;
  const visual = (v: Visual) => {
    if (v.kind === 'table') {
      return {
        TableVisual: {
          VisualId: v.id,
          Title: title(v),
          ChartConfiguration: {
            FieldWells: {
              TableUnaggregatedFieldWells: {
                Values: v.columns.map((c) => ({ FieldId: `${v.id}.${c}`, Column: column(v.view, c) })),
              },
            },
          },
        },
      };
    }
    const [visualKey, wellsKey] = CHART_KEYS[v.kind];
    return {
      [visualKey]: {
        VisualId: v.id,
        Title: title(v),
        ChartConfiguration: {
          ...(v.kind === 'bar' ? { Orientation: 'HORIZONTAL' } : {}),
          FieldWells: { [wellsKey]: { Category: [dimension(v, v.category)], Values: [measure(v, v.value)] } },
        },
      },
    };
  };
  return {
    DataSetIdentifierDeclarations: views.map((view) => ({ Identifier: view, DataSetArn: datasetArn(view) })),
    Sheets: [{ SheetId: 'overview', Name: 'Overview', Visuals: visuals.map(visual) }],
  };
};
