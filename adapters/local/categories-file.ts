import { readFile } from 'node:fs/promises';
import defaultCategories from '../../config/categories.json' with { type: 'json' };
import { InvalidInputError } from '../../core/errors.js';
import { type CallCategory, CategoryConfig } from '../../schemas/categories.js';

/**
 * Call categories: config/categories.json by default (imported, so bundlers ship it with the
 * code), or a file a deployment points at. The same file is evaluated by the embedded engine
 * and deployed to Transcribe as CreateCallAnalyticsCategory requests.
 */
export const loadCategories = async (path?: string): Promise<CallCategory[]> => {
  let raw: unknown = defaultCategories;
  if (path !== undefined) {
    try {
      raw = JSON.parse(await readFile(path, 'utf8'));
    } catch (error) {
      throw new InvalidInputError(path, error instanceof Error ? error.message : String(error));
    }
  }
  const parsed = CategoryConfig.safeParse(raw);
  if (!parsed.success)
    throw new InvalidInputError(
      path ?? 'config/categories.json',
      parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '),
    );
  return parsed.data.categories;
};
