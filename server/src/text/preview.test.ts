import { describe, expect, it } from 'vitest';
import { preview } from './preview';

describe('preview', () => {
  it('keeps short text and cuts long text to 120 characters with an ellipsis', () => {
    expect(preview('short question')).toBe('short question');
    const long = 'x'.repeat(121);
    expect(preview(long)).toHaveLength(120);
    expect(preview(long).endsWith('...')).toBe(true);
    expect(preview('y'.repeat(120))).toBe('y'.repeat(120));
  });
});
