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
  const visual = (v: Visual) => {
    switch (v.kind) {
      case 'bar':
        return {
          BarChartVisual: {
            VisualId: v.id,
            Title: title(v),
            ChartConfiguration: {
              Orientation: 'HORIZONTAL',
              FieldWells: {
                BarChartAggregatedFieldWells: {
                  Category: [dimension(v, v.category)],
                  Values: [measure(v, v.value)],
                },
              },
            },
          },
        };
      case 'line':
        return {
          LineChartVisual: {
            VisualId: v.id,
            Title: title(v),
            ChartConfiguration: {
              FieldWells: {
                LineChartAggregatedFieldWells: {
                  Category: [dimension(v, v.category)],
                  Values: [measure(v, v.value)],
                },
              },
            },
          },
        };
      case 'pie':
        return {
          PieChartVisual: {
            VisualId: v.id,
            Title: title(v),
            ChartConfiguration: {
              FieldWells: {
                PieChartAggregatedFieldWells: {
                  Category: [dimension(v, v.category)],
                  Values: [measure(v, v.value)],
                },
              },
            },
          },
        };
      case 'table':
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
  };
  return {
    DataSetIdentifierDeclarations: views.map((view) => ({ Identifier: view, DataSetArn: datasetArn(view) })),
    Sheets: [{ SheetId: 'overview', Name: 'Overview', Visuals: visuals.map(visual) }],
  };
};
