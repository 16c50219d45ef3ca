import type { Catalog } from '../../catalog/types';
import { foldWords } from '../../catalog/vocabulary/fold';
import { nameHead } from '../../catalog/vocabulary/name-head';

/** The catalog words the question is matched against: `catalog.brands()` and `categories()`. */
export interface CatalogVocabulary {
  brands: readonly string[];
  categories: readonly string[];
  /**
   * Phrases that name something the store sells (folded, singular): head nouns of its category
   * names at every level and lexicon words that resolve in it (catalog.vocabulary.categoryWords).
   */
  categoryWords?: readonly string[];
  /**
   * A few of the store's categories near a word it has no category for (else its largest): for
   * "we don't have that, but we carry ..." instead of listing the whole tree.
   */
  suggestCategories?: (phrase: string, max: number) => string[];
  /**
   * Whether some product's name names the thing a phrase says ("gift card": "Store Gift Card",
   * not "Gift Card Holder").
   */
  namesProduct?: (phrase: string) => boolean;
}

/** The vocabulary of a loaded catalog, everything in it taken from the store's own data. */
export function vocabularyOf(catalog: Catalog): CatalogVocabulary {
  return {
    brands: catalog.brands(),
    categories: catalog.categories(),
    // A getter: the words follow the store's synonyms when an admin changes them.
    get categoryWords() {
      return catalog.vocabulary.categoryWords;
    },
    suggestCategories: (phrase, max) => catalog.vocabulary.suggest(phrase, max),
    namesProduct: (phrase) => {
      const words = foldWords(phrase);
      const hits = catalog.search({ text: phrase, sort: 'relevance', limit: 20 });
      return hits.some(({ product }) => {
        const head = nameHead(product.name);
        return words.every((w, i) => head.at(i - words.length) === w);
      });
    },
  };
}
