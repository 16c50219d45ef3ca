import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SYNONYM_LIMITS } from '@aisle/shared';
import { describe, expect, it } from 'vitest';
import { loadSynonymsFile, parseSynonyms, SynonymsFileError } from './synonyms-file';

const dir = mkdtempSync(join(tmpdir(), 'aisle-synonyms-file-'));
const file = (name: string, text: string): string => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

describe('SYNONYMS_FILE', () => {
  it('reads groups and kinds, each optional, trimmed', () => {
    const path = file(
      'ok.json',
      '{"synonyms": [[" hoodie ", "hooded sweatshirt"]], "kinds": {"laptop": ["netbook"]}}',
    );
    expect(loadSynonymsFile(path)).toEqual({
      synonyms: [['hoodie', 'hooded sweatshirt']],
      kinds: { laptop: ['netbook'] },
    });
    expect(parseSynonyms({})).toEqual({ synonyms: [], kinds: {} });
    expect(parseSynonyms({ kinds: { tool: ['trowel'] } })).toEqual({
      synonyms: [],
      kinds: { tool: ['trowel'] },
    });
  });

  it.each([
    [
      { synonyms: [['tee', 't-shirt'], ['hoodie']] },
      'synonyms[1]: a group needs at least two words',
    ],
    [{ synonyms: [['tee', 42]] }, 'synonyms[0][1] (42): must be a string'],
    [{ synonyms: [['tee', '!!']] }, 'synonyms[0][1] ("!!"): must hold a letter or digit'],
    [{ kinds: { laptop: [] } }, 'kinds["laptop"]: list at least one kind'],
    [{ kinds: { laptop: ['netbook', ''] } }, 'kinds["laptop"][1] (""): must not be empty'],
    [{ synonym: [] }, 'Unrecognized key: "synonym"'],
    [[['tee', 't-shirt']], 'expected object'],
  ])('names the entry at fault in %j', (data, message) => {
    expect(() => parseSynonyms(data)).toThrow(SynonymsFileError);
    expect(() => parseSynonyms(data)).toThrow(message);
  });

  it('bounds the sizes', () => {
    const many = Array.from({ length: SYNONYM_LIMITS.groups + 1 }, (_, i) => [`a${i}`, `b${i}`]);
    expect(() => parseSynonyms({ synonyms: many })).toThrow(
      `synonyms: synonyms holds at most ${SYNONYM_LIMITS.groups} groups`,
    );
    const long = 'x'.repeat(SYNONYM_LIMITS.phraseChars + 1);
    expect(() => parseSynonyms({ synonyms: [['a', long]] })).toThrow('synonyms[0][1]');
    const kinds = Object.fromEntries(
      Array.from({ length: SYNONYM_LIMITS.kinds + 1 }, (_, i) => [`k${i}`, ['x']]),
    );
    expect(() => parseSynonyms({ kinds })).toThrow(`at most ${SYNONYM_LIMITS.kinds} words`);
  });

  it('says when the file is unreadable or not JSON', () => {
    expect(() => loadSynonymsFile(join(dir, 'none.json'))).toThrow(/cannot read .*none\.json/);
    expect(() => loadSynonymsFile(file('bad.json', '{"synonyms": ['))).toThrow(/not valid JSON/);
  });
});
