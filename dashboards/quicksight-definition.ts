import type { DashboardVersionDefinition, Visual as QuickSightVisual } from '@aws-sdk/client-quicksight';
import { columnLabel, type Visual, visuals } from './visuals.js';

/**
 * The QuickSight dashboard definition (CreateDashboard `Definition`) from the same visual list
 * as the local page. One dataset per Athena view; `datasetArn(view)` supplies their ARNs.
 */
export const quicksightDefinition = (
  datasetArn: (view: string) => string,
): DashboardVersionDefinition & {
  DataSetIdentifierDeclarations: { Identifier: string; DataSetArn: string }[];
  Sheets: { SheetId: string; Name: string; Visuals: QuickSightVisual[] }[];
} => {
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
      AggregationFunction: { SimpleNumericalAggregation: 'SUM' as const },
    },
  });
  const title = (v: Visual) => ({ Visibility: 'VISIBLE' as const, FormatText: { PlainText: v.title } });
  const visual = (v: Visual): QuickSightVisual => {
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
    // Each chart kind has its own visual and field-well keys; typed by the SDK, not by strings.
    const common = {
      VisualId: v.id,
      Title: title(v),
      // The same reason the local page gives for a missing value (e.g. no CTR: n/a, not 0).
      ...(v.note ? { Subtitle: { Visibility: 'VISIBLE' as const, FormatText: { PlainText: v.note } } } : {}),
    };
    // Every measure of the visual; a series column splits them by colour (stacked bars, one line
    // per series).
    // Fields named in words (the local page's legends), never by their column names.
    const labels = (fields: readonly string[]) => ({
      AxisLabelOptions: fields.map((f) => ({
        CustomLabel: columnLabel(f),
        ApplyTo: { FieldId: `${v.id}.${f}`, Column: column(v.view, f) },
      })),
    });
    const tooltip = {
      FieldBasedTooltip: {
        TooltipFields: v.values.map((value) => ({
          FieldTooltipItem: { FieldId: `${v.id}.${value}`, Label: columnLabel(value) },
        })),
      },
    };
    const wells = {
      Category: [dimension(v, v.category)],
      Values: v.values.map((value) => measure(v, value)),
      ...(v.series ? { Colors: [dimension(v, v.series)] } : {}),
    };
    if (v.kind === 'bar')
      return {
        BarChartVisual: {
          ...common,
          ChartConfiguration: {
            // Days read left to right; categories (topics, queues) as horizontal bars.
            Orientation: v.category === 'dt' ? 'VERTICAL' : 'HORIZONTAL',
            ...(v.series ? { BarsArrangement: 'STACKED' as const } : {}),
            ...(!v.series && v.values.length > 1 ? { BarsArrangement: 'CLUSTERED' as const } : {}),
            FieldWells: { BarChartAggregatedFieldWells: wells },
            CategoryLabelOptions: labels([v.category]),
            ValueLabelOptions: labels(v.values),
            ...(v.series ? { ColorLabelOptions: labels([v.series]) } : {}),
            Tooltip: tooltip,
          },
        },
      };
    if (v.kind === 'line')
      return {
        LineChartVisual: {
          ...common,
          ChartConfiguration: {
            FieldWells: { LineChartAggregatedFieldWells: wells },
            XAxisLabelOptions: labels([v.category]),
            PrimaryYAxisLabelOptions: labels(v.values),
            Tooltip: tooltip,
          },
        },
      };
    return {
      PieChartVisual: {
        ...common,
        ChartConfiguration: {
          FieldWells: { PieChartAggregatedFieldWells: wells },
          CategoryLabelOptions: labels([v.category]),
          ValueLabelOptions: labels(v.values),
          Tooltip: tooltip,
        },
      },
    };
  };
  return {
    DataSetIdentifierDeclarations: views.map((view) => ({ Identifier: view, DataSetArn: datasetArn(view) })),
    Sheets: [{ SheetId: 'overview', Name: 'Overview', Visuals: visuals.map(visual) }],
  };
};
