import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { DocumentsInputSchema, normalizeDocuments, titleFromId } from './documents-input';

const issues = (input: unknown) => {
  const r = DocumentsInputSchema.safeParse(input);
  if (r.success) throw new Error('expected a validation error');
  return r.error.issues.map((i: z.core.$ZodIssue) => ({
    path: i.path.join('.'),
    message: i.message,
  }));
};

describe('DocumentsInputSchema', () => {
  it('accepts the wrapped form and normalizes content, titles and metadata', () => {
    const input = DocumentsInputSchema.parse({
      documents: [
        { id: 'shipping-policy', text: ' Standard shipping takes 3-5 days. ' },
        {
          id: 'returns',
          content: 'Return within 30 days.',
          title: 'Returns',
          metadata: { v: 2, draft: false },
        },
      ],
    });
    expect(normalizeDocuments(input)).toEqual([
      {
        id: 'shipping-policy',
        title: 'Shipping policy',
        text: 'Standard shipping takes 3-5 days.',
      },
      {
        id: 'returns',
        title: 'Returns',
        text: 'Return within 30 days.',
        metadata: { v: 2, draft: false },
      },
    ]);
  });

  it('accepts a bare array', () => {
    const input = DocumentsInputSchema.parse([{ id: 'faq_hours', text: 'Open 9-5.' }]);
    expect(normalizeDocuments(input)).toEqual([
      { id: 'faq_hours', title: 'Faq hours', text: 'Open 9-5.' },
    ]);
  });

  it('keeps the last of two documents with the same id', () => {
    const input = DocumentsInputSchema.parse([
      { id: 'a', text: 'old' },
      { id: 'b', text: 'b' },
      { id: 'a', text: 'new' },
    ]);
    expect(normalizeDocuments(input).map((d) => [d.id, d.text])).toEqual([
      ['b', 'b'],
      ['a', 'new'],
    ]);
  });

  it('names the field in every error', () => {
    expect(issues({ documents: [{ id: '', text: 'x' }] })).toEqual([
      { path: 'documents.0.id', message: 'id must not be empty' },
    ]);
    expect(issues({ documents: [{ id: 'a' }] })).toEqual([
      { path: 'documents.0.text', message: 'text (or content) is required' },
    ]);
    expect(issues([{ id: 'x'.repeat(129), text: 'ok' }])).toEqual([
      { path: 'documents.0.id', message: 'id must be at most 128 characters' },
    ]);
    expect(issues({ documents: [{ id: 'a', text: 'x'.repeat(20_001) }] })).toEqual([
      { path: 'documents.0.text', message: 'text must be at most 20,000 characters' },
    ]);
    expect(issues({ documents: [{ id: 'a', text: '   ' }] })).toEqual([
      { path: 'documents.0.text', message: 'text must not be empty' },
    ]);
    expect(
      issues({ documents: [{ id: 'a', text: 'ok', metadata: { k: { nested: true } } }] })[0]?.path,
    ).toBe('documents.0.metadata.k');
  });

  it('limits a call to 100 documents and needs at least one', () => {
    const docs = Array.from({ length: 101 }, (_, i) => ({ id: `d${i}`, text: 't' }));
    expect(issues({ documents: docs })).toEqual([
      { path: 'documents', message: 'documents must hold at most 100 documents per call' },
    ]);
    expect(DocumentsInputSchema.safeParse({ documents: docs.slice(0, 100) }).success).toBe(true);
    expect(issues({ documents: [] })).toEqual([
      { path: 'documents', message: 'documents must hold at least one document' },
    ]);
  });

  it('rejects a payload of the wrong shape with a clear message', () => {
    expect(issues(42)).toEqual([
      { path: '', message: 'expected {"documents": [...]} or an array of documents' },
    ]);
    expect(issues({ docs: [] })).toEqual([
      { path: 'documents', message: 'documents must be an array' },
    ]);
  });
});

describe('titleFromId', () => {
  it('turns an id into a readable title', () => {
    expect(titleFromId('store-hours_contact')).toBe('Store hours contact');
    expect(titleFromId('x')).toBe('X');
  });
});
