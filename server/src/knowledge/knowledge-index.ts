import type { KnowledgeDoc } from '@aisle/shared';
import MiniSearch from 'minisearch';
import { singularize } from '../text/singularize';
import { stem } from '../text/stem';
import { STOP_WORDS } from '../text/stop-words';

export interface KnowledgeHit {
  doc: KnowledgeDoc;
  score: number;
}

export interface KnowledgeIndex {
  /** The documents that answer the question, best first; nothing for unrelated questions. */
  search(question: string, limit?: number): KnowledgeHit[];
  /** Adds documents; a document with an existing id replaces it. */
  upsert(docs: readonly KnowledgeDoc[]): void;
  /** Removes a document; false when there was none with that id. */
  remove(id: string): boolean;
  readonly size: number;
}

/**
 * A document answers a question when it matches at least half of the question's words, or
 * scores so high that it must (long questions mention much besides the topic). BM25 scores
 * grow with the corpus, so coverage is what works for a knowledge base of any size.
 * Calibrated on the demo documents: on-topic questions score above 12, while one stray word
 * ("phones" in "cheapest phones under 300") scores under 9.
 */
export const MIN_COVERAGE = 0.5;
export const MIN_SCORE = 10;
/** A second document must score at least this share of the best one to be returned too. */
export const RELATIVE_CUTOFF = 0.4;

const FIELDS = ['title', 'keywords', 'text'] as const;
const tokenize = MiniSearch.getDefault('tokenize') as (text: string) => string[];

// Lowercase, stop words out, plurals and -ing/-ed folded: "returns" meets "return",
// "wrapping" meets "wrap", "shipped" meets "shipping".
function processTerm(term: string): string | null {
  const word = term.toLowerCase();
  if (word.length < 2 || STOP_WORDS.has(word)) return null;
  return stem(singularize(word));
}

function fieldOf(doc: KnowledgeDoc, field: string): string {
  if (field === 'title') return doc.title;
  if (field === 'text') return doc.text;
  if (field === 'keywords') {
    const keywords = doc.metadata?.keywords;
    return typeof keywords === 'string' ? keywords : '';
  }
  return '';
}

/** A small full-text index (MiniSearch: BM25, fuzzy, prefix, title boost) over policy documents. */
export function createKnowledgeIndex(initial: readonly KnowledgeDoc[] = []): KnowledgeIndex {
  const docs = new Map<string, KnowledgeDoc>();
  const mini = new MiniSearch<KnowledgeDoc>({
    idField: 'id',
    fields: [...FIELDS],
    extractField: (doc, field) => (field === 'id' ? doc.id : fieldOf(doc, field)),
    processTerm,
    searchOptions: {
      boost: { title: 3, keywords: 2, text: 1 },
      fuzzy: (term) => (term.length >= 8 ? 2 : term.length >= 5 ? 1 : false),
      prefix: (term) => term.length >= 4,
      combineWith: 'OR',
    },
  });

  const upsert = (list: readonly KnowledgeDoc[]) => {
    for (const doc of list) {
      if (docs.has(doc.id)) mini.discard(doc.id);
      docs.set(doc.id, doc);
      mini.add(doc);
    }
  };
  upsert(initial);

  return {
    search(question, limit = 2) {
      const asked = new Set(tokenize(question).flatMap((t) => processTerm(t) ?? []));
      if (asked.size === 0) return [];
      const relevant = mini
        .search(question)
        .filter(
          (r) => r.score >= MIN_SCORE || new Set(r.queryTerms).size / asked.size >= MIN_COVERAGE,
        );
      const best = relevant[0]?.score ?? 0;
      return relevant
        .filter((r) => r.score >= best * RELATIVE_CUTOFF)
        .slice(0, Math.max(0, limit))
        .flatMap((r) => {
          const doc = docs.get(String(r.id));
          return doc === undefined ? [] : [{ doc, score: r.score }];
        });
    },
    upsert,
    remove(id) {
      if (!docs.has(id)) return false;
      mini.discard(id);
      docs.delete(id);
      return true;
    },
    get size() {
      return docs.size;
    },
  };
}
