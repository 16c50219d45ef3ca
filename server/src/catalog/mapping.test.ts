import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadMapping, MappingError, parseMapping } from './mapping';

describe('CATALOG_MAPPING validation', () => {
  it('accepts fields, derivations, attributes and joins', () => {
    const mapping = parseMapping({
      fields: { sku: { column: 'product_link', pattern: '-(\\d+)$' }, name: 'title' },
      attributes: ['weight'],
      joins: [
        { file: 'extra.csv', on: 'product_link', fields: { brand: 'brand' } },
        { file: 'cats.csv', on: { product: 'category_link', file: 'link' } },
      ],
    });
    expect(mapping.fields?.name).toBe('title');
    expect(mapping.joins).toHaveLength(2);
  });

  it.each([
    [{ fields: { colour: 'c' } }, /fields: Unrecognized key: "colour" \(product fields: sku, name/],
    [
      { fields: { sku: { column: 'x', pattern: '(' } } },
      /fields\.sku\.pattern: not a valid regular expression/,
    ],
    [{ fields: { name: '' } }, /fields\.name: must name a column/],
    [{ joins: [{ file: 'x.csv', fields: { brand: 'b' } }] }, /joins\.0\.on/],
    [
      { joins: [{ file: 'x.csv', on: 'k', fields: { sku: 'id' } }] },
      /joins\.0\.fields: Unrecognized key: "sku"/,
    ],
    [{ field: { sku: 'id' } }, /field/],
    [{}, /names nothing/],
    [[], /expected object/],
  ])('rejects %j naming the key at fault', (data, message) => {
    expect(() => parseMapping(data)).toThrow(MappingError);
    expect(() => parseMapping(data)).toThrow(message);
  });

  describe('from a file or inline JSON', () => {
    let dir: string;
    beforeAll(async () => {
      dir = await mkdtemp(join(tmpdir(), 'aisle-mapping-'));
      await writeFile(join(dir, 'ok.json'), '{"fields": {"sku": "code"}}');
      await writeFile(join(dir, 'bad.json'), '{"fields": ');
    });
    afterAll(() => rm(dir, { recursive: true, force: true }));

    it('reads a path relative to the working directory, or inline JSON', () => {
      expect(loadMapping('ok.json', dir).fields?.sku).toBe('code');
      expect(loadMapping(' {"fields": {"price": "cost"}} ').fields?.price).toBe('cost');
    });

    it('says which file is missing or not JSON', () => {
      expect(() => loadMapping('missing.json', dir)).toThrow(/cannot read .*missing\.json/);
      expect(() => loadMapping('bad.json', dir)).toThrow(/bad\.json: not valid JSON/);
      expect(() => loadMapping('{"fields": {')).toThrow(/CATALOG_MAPPING: not valid JSON/);
    });
  });
});
