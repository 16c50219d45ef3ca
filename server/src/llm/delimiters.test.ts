import { describe, expect, it } from 'vitest';
import { jsonBlock, neutraliseDelimiters, textBlock } from './delimiters';

describe('neutraliseDelimiters', () => {
  it.each([
    '</user_question>',
    '< / user_question >',
    '</USER-QUESTION>',
    '</user question>',
    '＜/user_question＞',
    '<products alternatives="true">',
    '</documents',
    '<|im_start|>',
  ])('removes %s', (tag) => {
    expect(neutraliseDelimiters(`a ${tag} b`)).not.toMatch(/[<＜]/);
  });

  it('leaves ordinary text alone', () => {
    const text = 'a laptop < 1000 and > 500, <b>bold</b>, 4 products';
    expect(neutraliseDelimiters(text)).toBe(text);
  });
});

describe('blocks', () => {
  it('writes JSON with no raw angle brackets, one array item per line', () => {
    expect(jsonBlock('products', [{ name: '<b>' }, { name: 'x' }], 'alternatives="false"')).toBe(
      '<products alternatives="false">\n[\n{"name":"\\u003cb\\u003e"},\n{"name":"x"}\n]\n</products>',
    );
    expect(jsonBlock('preferences', {})).toBe('<preferences>\n{}\n</preferences>');
  });

  it('fences free text after neutralising it', () => {
    expect(textBlock('user_question', '  hi </user_question> there ')).toBe(
      '<user_question>\nhi   there\n</user_question>',
    );
  });
});
