import type {
  CalculatedField,
  DashboardVersionDefinition,
  FilterControl,
  FilterGroup,
  Visual as QuickSightVisual,
} from '@aws-sdk/client-quicksight';
import { type ChartVisual, columnLabel, type OverTime, type Visual, visuals } from './visuals.js';

/**
 * The view a visual reads in QuickSight: a chart of an all-time view (topic_stats, queue_stats)
 * reads its per-day totals (`days`), so the date filter applies to it and its figures add up
 * over the range; every other visual its own view.
 */
export const quicksightView = (v: Visual): string => (v.kind !== 'table' && v.days ? v.days.view : v.view);

/** How a chart's value adds up over several days in QuickSight (undefined: one row per category). */
const overDays = (v: ChartVisual, value: string): OverTime | undefined =>
  v.days ? v.days.values[value] : v.overTime?.[value];

/** Whether the view a visual reads in QuickSight has `column` (shows it, or reads per-day totals). */
const reads = (v: Visual, column: string): boolean =>
  v.kind === 'table'
    ? v.columns.includes(column)
    : v.category === column || v.series === column || (column === 'dt' && Boolean(v.days));

/**
 * The dashboard's controls: a date range over every visual of a per-day view (`dt`, cast to a
 * date by the dataset: adapters/aws/quicksight-setup.ts), a topic and an entry queue over the
 * visuals that read one. Each filters every visual whose view has its column, across datasets
 * (QuickSight matches a cross-dataset filter's column by name and type in each dataset).
 */
export const QUICKSIGHT_FILTERS = [
  { id: 'days', column: 'dt', title: 'Days' },
  { id: 'topic', column: 'topic', title: 'Topic' },
  { id: 'entry-queue', column: 'queue', title: 'Entry queue' },
] as const;

/** The QuickSight table visual of a chart's `summary`. */
export const summaryId = (v: ChartVisual): string => `${v.id}-summary`;

/** Before any call: the date control's first day by default (every day, as the local page). */
export const FIRST_DAY = new Date('2000-01-01T00:00:00.000Z');

/** Visuals out of the date filter (views with no day) say so under their title. */
export const ALL_DAYS_NOTE = 'All days: the date filter does not apply to this visual.';

/**
 * A calculated field's expression for a value over several days (`OverTime`): an average as its
 * days' sum over the sum of what it is over (n/a where that is 0), a share as the series' sum over
 * every series' on the same day; never a mean of daily figures.
 */
export const calculatedExpression = (how: Exclude<OverTime, 'sum'>): string => {
  if ('divide' in how) return `ifelse(sum({${how.by}}) > 0, sum({${how.divide}}) / sum({${how.by}}), NULL)`;
  const total = `sumOver(sum({${how.shareOf}}), [{dt}])`;
  return `ifelse(${total} > 0, sum({${how.shareOf}}) / ${total}, NULL)`;
};

/**
 * The QuickSight dashboard definition (CreateDashboard `Definition`) from the same visual list
 * as the local page. One dataset per Athena view; `datasetArn(view)` supplies their ARNs.
 */
export const quicksightDefinition = (
  datasetArn: (view: string) => string,
): DashboardVersionDefinition & {
  DataSetIdentifierDeclarations: { Identifier: string; DataSetArn: string }[];
  Sheets: {
    SheetId: string;
    Name: string;
    Visuals: QuickSightVisual[];
    FilterControls: FilterControl[];
  }[];
  FilterGroups: FilterGroup[];
  CalculatedFields: CalculatedField[];
} => {
  const SHEET = 'overview';
  const views = [...new Set(visuals.map(quicksightView))];
  const column = (view: string, name: string) => ({ DataSetIdentifier: view, ColumnName: name });
  const calculated = new Map<string, CalculatedField>();
  /** A value of a view as a calculated field over its rows (an average as a sum over a sum). */
  const calculatedColumn = (view: string, value: string, how: Exclude<OverTime, 'sum'>) => {
    const name = `${view}_${value}`;
    calculated.set(name, { DataSetIdentifier: view, Name: name, Expression: calculatedExpression(how) });
    return column(view, name);
  };
  /** The column a chart's value is read from: the view's own, or a calculated field over its days. */
  const valueColumn = (v: ChartVisual, value: string) => {
    const view = quicksightView(v);
    const how = overDays(v, value);
    return how === undefined || how === 'sum' ? column(view, value) : calculatedColumn(view, value, how);
  };
  const fieldColumn = (v: ChartVisual, name: string) =>
    v.values.includes(name) ? valueColumn(v, name) : column(quicksightView(v), name);
  const dimension = (v: ChartVisual, name: string) =>
    name === 'dt'
      ? // A day on a date axis (the dataset casts `dt` to a date), one point or bar per day.
        {
          DateDimensionField: {
            FieldId: `${v.id}.${name}`,
            Column: fieldColumn(v, name),
            DateGranularity: 'DAY' as const,
          },
        }
      : { CategoricalDimensionField: { FieldId: `${v.id}.${name}`, Column: fieldColumn(v, name) } };
  const measure = (v: ChartVisual, name: string) => {
    const how = overDays(v, name);
    return {
      NumericalMeasureField: {
        FieldId: `${v.id}.${name}`,
        Column: valueColumn(v, name),
        // A count sums over days and categories; a view without days has one row per category,
        // so SUM shows the row's value. A calculated field is aggregated already.
        ...(how === undefined || how === 'sum'
          ? { AggregationFunction: { SimpleNumericalAggregation: 'SUM' as const } }
          : {}),
      },
    };
  };
  const title = (v: Visual) => ({ Visibility: 'VISIBLE' as const, FormatText: { PlainText: v.title } });
  const subtitle = (v: Visual) => {
    const text = [v.kind === 'table' ? undefined : v.note, reads(v, 'dt') ? undefined : ALL_DAYS_NOTE]
      .filter(Boolean)
      .join(' ');
    return text ? { Subtitle: { Visibility: 'VISIBLE' as const, FormatText: { PlainText: text } } } : {};
  };
  const visual = (v: Visual): QuickSightVisual => {
    if (v.kind === 'table') {
      return {
        TableVisual: {
          VisualId: v.id,
          Title: title(v),
          ...subtitle(v),
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
      ...subtitle(v),
    };
    // Every measure of the visual; a series column splits them by colour (stacked bars, one line
    // per series).
    // Fields named in words (the local page's legends), never by their column names.
    const labels = (fields: readonly string[]) => ({
      AxisLabelOptions: fields.map((f) => ({
        CustomLabel: columnLabel(f),
        ApplyTo: { FieldId: `${v.id}.${f}`, Column: fieldColumn(v, f) },
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
  /**
   * A chart's summary table (`summary`): the same view, one row per `by`, each column aggregated
   * over the rows the dashboard's filters leave (counts summed, a mean as a sum over a sum, the
   * least and greatest), as the local page's table beside the chart.
   */
  const summaryVisual = (v: ChartVisual): QuickSightVisual[] => {
    if (!v.summary) return [];
    const view = quicksightView(v);
    const id = summaryId(v);
    const fields = Object.entries(v.summary.columns);
    return [
      {
        TableVisual: {
          VisualId: id,
          Title: { Visibility: 'VISIBLE', FormatText: { PlainText: v.summary.title } },
          ...subtitle(v),
          ChartConfiguration: {
            FieldWells: {
              TableAggregatedFieldWells: {
                GroupBy: [
                  {
                    CategoricalDimensionField: {
                      FieldId: `${id}.${v.summary.by}`,
                      Column: column(view, v.summary.by),
                    },
                  },
                ],
                Values: fields.map(([name, how]) => ({
                  NumericalMeasureField: {
                    FieldId: `${id}.${name}`,
                    ...(how === 'sum' || how === 'min' || how === 'max'
                      ? {
                          Column: column(view, name),
                          AggregationFunction: {
                            SimpleNumericalAggregation:
                              how === 'sum'
                                ? ('SUM' as const)
                                : how === 'min'
                                  ? ('MIN' as const)
                                  : ('MAX' as const),
                          },
                        }
                      : { Column: calculatedColumn(view, name, how) }),
                  },
                })),
              },
            },
            FieldOptions: {
              SelectedFieldOptions: [v.summary.by, ...fields.map(([name]) => name)].map((name) => ({
                FieldId: `${id}.${name}`,
                CustomLabel: columnLabel(name),
              })),
            },
          },
        },
      },
    ];
  };
  const sheetVisuals = visuals.flatMap((v) => [visual(v), ...(v.kind === 'table' ? [] : summaryVisual(v))]);
  const FilterGroups: FilterGroup[] = [];
  const FilterControls: FilterControl[] = [];
  for (const f of QUICKSIGHT_FILTERS) {
    const scoped = visuals.filter((v) => reads(v, f.column));
    const first = scoped[0];
    if (!first) continue;
    const FilterId = `${f.id}-filter`;
    const Column = column(quicksightView(first), f.column);
    FilterGroups.push({
      FilterGroupId: f.id,
      Filters: [
        f.column === 'dt'
          ? {
              TimeRangeFilter: {
                FilterId,
                Column,
                IncludeMinimum: true,
                IncludeMaximum: true,
                RangeMinimumValue: { StaticValue: FIRST_DAY },
                RangeMaximumValue: { RollingDate: { Expression: "truncDate('DD', now())" } },
                NullOption: 'NON_NULLS_ONLY',
                TimeGranularity: 'DAY',
              },
            }
          : {
              CategoryFilter: {
                FilterId,
                Column,
                Configuration: {
                  FilterListConfiguration: {
                    MatchOperator: 'CONTAINS',
                    SelectAllOptions: 'FILTER_ALL_VALUES',
                    NullOption: 'NON_NULLS_ONLY',
                  },
                },
              },
            },
      ],
      ScopeConfiguration: {
        SelectedSheets: {
          SheetVisualScopingConfigurations: [
            {
              SheetId: SHEET,
              Scope: 'SELECTED_VISUALS',
              // A chart's summary table reads its view: the chart's filters are its own.
              VisualIds: scoped.flatMap((v) =>
                v.kind !== 'table' && v.summary ? [v.id, summaryId(v)] : [v.id],
              ),
            },
          ],
        },
      },
      CrossDataset: new Set(scoped.map(quicksightView)).size > 1 ? 'ALL_DATASETS' : 'SINGLE_DATASET',
      Status: 'ENABLED',
    });
    const FilterControlId = `${f.id}-control`;
    FilterControls.push(
      f.column === 'dt'
        ? {
            DateTimePicker: { FilterControlId, Title: f.title, SourceFilterId: FilterId, Type: 'DATE_RANGE' },
          }
        : { Dropdown: { FilterControlId, Title: f.title, SourceFilterId: FilterId, Type: 'MULTI_SELECT' } },
    );
  }
  return {
    DataSetIdentifierDeclarations: views.map((view) => ({ Identifier: view, DataSetArn: datasetArn(view) })),
    Sheets: [{ SheetId: SHEET, Name: 'Overview', Visuals: sheetVisuals, FilterControls }],
    FilterGroups,
    CalculatedFields: [...calculated.values()],
  };
};
