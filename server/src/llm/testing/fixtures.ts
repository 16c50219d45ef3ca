import type { ChatMessage, Product } from '@aisle/shared';
import type { AnswerInput, QuestionContext } from '../../assistant/types';
import type { Understanding } from '../../assistant/understanding-schema';

export const GALAXY: Product = {
  sku: 'PH-001',
  name: 'Galaxy S24',
  brand: 'Samsung',
  category: 'smartphone',
  price: 799,
  description: 'A compact flagship phone.',
  rating: 4.6,
  stock: 12,
  tags: ['5g', 'android'],
};

export const PIXEL: Product = {
  sku: 'PH-002',
  name: 'Pixel 8',
  brand: 'Google',
  category: 'smartphone',
  price: 599,
  description: 'Clean Android with a great camera.',
  rating: 4.5,
  stock: 0,
  tags: ['android', 'camera'],
};

export const PRODUCTS: Product[] = [GALAXY, PIXEL];

export const UNDERSTANDING: Understanding = {
  intent: 'product_inquiry',
  query: { text: 'phone', category: 'smartphone', sort: 'relevance', limit: 5 },
  references: [],
  followUp: false,
};

export function context(overrides: Partial<QuestionContext> = {}): QuestionContext {
  return { preferences: {}, history: [], lastShown: [], ...overrides };
}

export function answerInput(overrides: Partial<AnswerInput> = {}): AnswerInput {
  return {
    question: 'Which phone has the best camera?',
    understanding: UNDERSTANDING,
    products: PRODUCTS,
    alternatives: false,
    documents: [],
    context: context(),
    currency: 'USD',
    ...overrides,
  };
}

/** Alternating shopper / assistant turns, oldest first, shopper first. */
export function history(turns: string[]): ChatMessage[] {
  return turns.map((content, i) => ({
    role: i % 2 === 0 ? 'user' : 'assistant',
    content,
    timestamp: new Date(Date.UTC(2025, 0, 1, 12, i)).toISOString(),
  }));
}

export async function collect(stream: AsyncIterable<string>): Promise<string[]> {
  const out: string[] = [];
  for await (const chunk of stream) out.push(chunk);
  return out;
}
