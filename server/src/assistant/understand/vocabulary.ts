/** The catalog words the question is matched against: `catalog.brands()` and `categories()`. */
export interface CatalogVocabulary {
  brands: readonly string[];
  categories: readonly string[];
}
