import { readFile } from 'node:fs/promises';
import defaultTaxonomy from '../../../config/topics.json' with { type: 'json' };
import { Taxonomy } from '../../../core/enrich/taxonomy.js';
import { InvalidInputError } from '../../../core/errors.js';

/**
 * The topic taxonomy: config/topics.json by default (imported, so bundlers ship it with the
 * code), or a file a deployment points at.
 */
export const loadTaxonomy = async (path?: string): Promise<Taxonomy> => {
  let raw: unknown = defaultTaxonomy;
  if (path !== undefined) {
    try {
      raw = JSON.parse(await readFile(path, 'utf8'));
    } catch (error) {
      throw new InvalidInputError(path, error instanceof Error ? error.message : String(error));
    }
  }
  const parsed = Taxonomy.safeParse(raw);
  if (!parsed.success) throw new InvalidInputError(path ?? 'config/topics.json', parsed.error.message);
  return parsed.data;
};
