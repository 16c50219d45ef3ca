import { describe, expect, it } from 'vitest';
import { htmlToText } from './html-text';

describe('htmlToText', () => {
  it('turns block ends into lines, drops other tags and decodes entities', () => {
    const html =
      '<p>Soft <strong>cotton</strong> tee&nbsp;&amp; more</p><ul><li>Apple&#174; fit</li><li>100&percnt; new</li></ul>';
    expect(htmlToText(html)).toBe('Soft cotton tee & more\nApple® fit\n100% new');
  });

  it('drops scripts, styles and comments entirely', () => {
    expect(htmlToText('<style>p{color:red}</style>A<!-- hidden --><script>x()</script>B')).toBe(
      'A B',
    );
  });

  it('leaves plain text as it is, spaces folded', () => {
    expect(htmlToText('  Plain   text, 2 < 3 and 5 > 4  ')).toBe('Plain text, 2 < 3 and 5 > 4');
  });
});
