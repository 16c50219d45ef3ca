import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * The demo knowledge base's sentences. They describe the demo store only: on a real catalog
 * any of them in an answer is an invented policy. Read from the data file itself (not through
 * server code) so the audit does not depend on how the server seeds documents.
 */
const DEMO_DOCUMENTS = fileURLToPath(
  new URL('../../server/src/knowledge/data/demo-documents.json', import.meta.url),
);

/** Sentences shorter than this are too generic to prove a copy ("Returns are free."). */
const MIN_SENTENCE = 24;

export const normalise = (text: string): string =>
  text
    .toLowerCase()
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/[^a-z0-9$%'.]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

/** Sentences of `texts`, normalised, long enough to identify their source. */
export function sentencesOf(texts: readonly string[]): string[] {
  return texts
    .flatMap((text) => text.split(/(?<=[.!?])\s+/))
    .map((s) => normalise(s).replace(/\.$/, ''))
    .filter((s) => s.length >= MIN_SENTENCE);
}

let demo: { ids: Set<string>; sentences: string[] } | undefined;

/** The demo documents' ids and sentences (read once). */
export function demoDocuments(): { ids: Set<string>; sentences: string[] } {
  if (demo) return demo;
  const docs = JSON.parse(readFileSync(DEMO_DOCUMENTS, 'utf8')) as { id: string; text: string }[];
  demo = { ids: new Set(docs.map((d) => d.id)), sentences: sentencesOf(docs.map((d) => d.text)) };
  return demo;
}

/** The first sentence of `sentences` that `answer` contains, if any. */
export function copiedSentence(answer: string, sentences: readonly string[]): string | undefined {
  const text = normalise(answer);
  return sentences.find((s) => text.includes(s));
}
