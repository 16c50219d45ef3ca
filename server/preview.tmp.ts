import { createDemoCatalog } from './src/catalog/demo';
import { createKnowledgeIndex, loadDemoDocuments } from './src/knowledge/index';
import { parseQuestion } from './src/assistant/understand/parse-question';
import { retrieveProducts } from './src/assistant/retrieve';
import { composeAnswer } from './src/assistant/compose/compose-answer';
import type { QuestionContext } from './src/assistant/types';
import type { Product } from '@aisle/shared';
const catalog = createDemoCatalog();
const kb = createKnowledgeIndex(loadDemoDocuments());
const vocab = { brands: catalog.brands(), categories: catalog.categories() };
let lastShown: Product[] = [];
const prefs = JSON.parse(process.env.PREFS ?? '{}');
for (const q of process.argv.slice(2)) {
  const ctx: QuestionContext = { preferences: prefs, history: [], lastShown };
  const u = parseQuestion(q, ctx, vocab);
  let products: Product[] = [], alternatives = false, documents = [] as any[];
  if (u.intent === 'faq') documents = kb.search(q).map((h) => h.doc);
  else if (u.intent === 'product_inquiry' || u.intent === 'sales') ({ products, alternatives } = retrieveProducts(u, ctx, catalog));
  console.log(`\n>>> ${q}\n[${JSON.stringify(u)}]`);
  console.log(composeAnswer({ question: q, understanding: u, products, alternatives, documents, context: ctx }, vocab));
  if (products.length) lastShown = products;
}
