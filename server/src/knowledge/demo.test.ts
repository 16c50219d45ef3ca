import { describe, expect, it } from 'vitest';
import { loadDemoDocuments } from './demo';

describe('loadDemoDocuments', () => {
  it('loads 8-12 concrete policy documents with unique ids and titles', () => {
    const docs = loadDemoDocuments();
    expect(docs.length).toBeGreaterThanOrEqual(8);
    expect(docs.length).toBeLessThanOrEqual(12);
    expect(new Set(docs.map((d) => d.id)).size).toBe(docs.length);
    for (const d of docs) {
      expect(d.title.length).toBeGreaterThan(3);
      expect(d.text.length).toBeGreaterThan(150);
    }
  });

  it('states the policies consistently', () => {
    const text = (id: string) => loadDemoDocuments().find((d) => d.id === id)?.text ?? '';
    expect(text('shipping-policy')).toMatch(/free on orders over \$50/);
    expect(text('returns-policy')).toMatch(/within 30 days of delivery/);
    expect(text('exchanges-damaged')).toMatch(/within 30 days of delivery/);
    expect(text('warranty')).toMatch(/1-year limited manufacturer warranty/);
    expect(text('payment-methods')).toMatch(/PayPal/);
  });
});
