import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config';
import { captureLogger } from '../logging/capture';
import { loadCatalog } from './catalog';

/** The lines as the old recording logger gave them: level, msg, and the other fields. */
function recordingLogger() {
  const capture = captureLogger('debug');
  return {
    log: capture.log,
    lines: () =>
      capture.lines().map(({ level, msg, time: _t, pid: _p, hostname: _h, ...fields }) => ({
        level,
        msg,
        fields,
      })),
  };
}

describe('loadCatalog (CATALOG_FILE, CATALOG_MAPPING, CATALOG_CURRENCY)', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'aisle-bootstrap-catalog-'));
    await writeFile(
      join(dir, 'items.csv'),
      'title,price,link\nKettle,"₹1,099",https://s/kettle-7\nToaster,"₹2,499",https://s/toaster-8\nBad,,https://s/bad-9\n',
    );
    await writeFile(join(dir, 'brands.csv'), 'link,maker\nhttps://s/kettle-7,Acme\n');
    await writeFile(join(dir, 'LICENSE'), 'text');
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('loads a directory through the mapping, with the detected currency, logging what it skipped', async () => {
    const config = loadConfig({
      CATALOG_FILE: dir,
      CATALOG_MAPPING: JSON.stringify({
        fields: { sku: { column: 'link', pattern: '-(\\d+)$' } },
        joins: [{ file: 'brands.csv', on: 'link', fields: { brand: 'maker' } }],
      }),
    });
    const { log, lines: logged } = recordingLogger();
    const catalog = await loadCatalog(config, log);
    const lines = logged();
    expect(catalog.size).toBe(2);
    expect(catalog.currency).toBe('INR');
    expect(catalog.get('7')).toMatchObject({ name: 'Kettle', brand: 'Acme', currency: 'INR' });
    expect(lines).toContainEqual(
      expect.objectContaining({ level: 'warn', msg: 'catalog row skipped' }),
    );
    expect(lines).toContainEqual(
      expect.objectContaining({
        msg: 'catalog file',
        fields: expect.objectContaining({ file: 'LICENSE', role: 'ignored' }),
      }),
    );
    expect(lines.find((l) => l.msg === 'catalog loaded')?.fields).toMatchObject({
      products: 2,
      currency: 'INR',
      currencySource: 'detected',
    });
  });

  it('takes CATALOG_CURRENCY over the detected one', async () => {
    const config = loadConfig({
      CATALOG_FILE: dir,
      CATALOG_MAPPING: '{"fields": {"sku": {"column": "link", "pattern": "-(\\\\d+)$"}}}',
      CATALOG_CURRENCY: 'usd',
    });
    const catalog = await loadCatalog(config, recordingLogger().log);
    expect(catalog.currency).toBe('USD');
  });

  it('fails start-up when no row is usable', async () => {
    const config = loadConfig({ CATALOG_FILE: join(dir, 'brands.csv') });
    await expect(loadCatalog(config, recordingLogger().log)).rejects.toThrow(
      /no usable products \(1 rows skipped\)/,
    );
  });
});
