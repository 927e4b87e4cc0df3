import {
  CreateCallAnalyticsCategoryCommand,
  type Rule,
  type TranscribeClient,
  UpdateCallAnalyticsCategoryCommand,
} from '@aws-sdk/client-transcribe';
import { errorName } from '../../core/errors.js';
import type { CallCategory } from '../../schemas/categories.js';

/**
 * Call categories as code, deployed: every category of config/categories.json becomes a
 * CreateCallAnalyticsCategory request (its Rules sent as they are: the file uses Transcribe's
 * shapes), or an UpdateCallAnalyticsCategory when it exists already. Categories apply to jobs
 * started after they exist, and are account-wide: categories not in the file are left alone.
 */
export interface CategorySyncReport {
  created: string[];
  updated: string[];
}

export const categoryRequest = (category: CallCategory) => ({
  CategoryName: category.CategoryName,
  Rules: category.Rules as Rule[],
  InputType: 'POST_CALL' as const,
});

export const syncCategories = async (
  client: TranscribeClient,
  categories: readonly CallCategory[],
): Promise<CategorySyncReport> => {
  const report: CategorySyncReport = { created: [], updated: [] };
  for (const category of categories) {
    try {
      await client.send(new CreateCallAnalyticsCategoryCommand(categoryRequest(category)));
      report.created.push(category.CategoryName);
    } catch (error) {
      if (errorName(error) !== 'ConflictException') throw error;
      await client.send(new UpdateCallAnalyticsCategoryCommand(categoryRequest(category)));
      report.updated.push(category.CategoryName);
    }
  }
  return report;
};
