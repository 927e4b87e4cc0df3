import type { FilterChoices } from '../../dashboards/workbench-queries.js';

/** A filter bar with nothing to choose from (a page rendered without a lake). */
export const noFilterChoices: FilterChoices = {
  topics: [],
  queues: [],
  entries: [],
  agents: [],
  directions: [],
  statuses: [],
  categories: [],
  labels: [],
  firstDay: null,
  lastDay: null,
};
