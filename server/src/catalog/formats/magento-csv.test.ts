import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { mapRecord } from '../fields';
import {
  magentoCategoryPaths,
  magentoRatings,
  parseAdditionalAttributes,
  readMagentoCsv,
  sniffMagentoCsv,
} from './magento-csv';

const IMPORT_HEADER =
  'sku,store_view_code,attribute_set_code,product_type,categories,product_websites,name,description,short_description,product_online,visibility,price,special_price,base_image,additional_attributes,qty,is_in_stock,configurable_variations';

const importCsv = (...lines: string[]) => [IMPORT_HEADER, ...lines].join('\n');

const CONFIGURABLE = importCsv(
  'MH01-S-Black,,Top,simple,"Default Category/Men/Tops/Hoodies & Sweatshirts,Default Category",base,Chaz Hoodie-S-Black,<p>Warm</p>,,1,Not Visible Individually,52,,/m/h/b.jpg,"has_options=0,size=S,color=Black",100,1,',
  'MH01-M-Gray,,Top,simple,"Default Category/Men/Tops/Hoodies & Sweatshirts",base,Chaz Hoodie-M-Gray,<p>Warm</p>,,1,Not Visible Individually,49.5,,,"size=M,color=Gray",7,1,',
  'MH01-L-Gray,,Top,simple,"Default Category/Men/Tops/Hoodies & Sweatshirts",base,Chaz Hoodie-L-Gray,<p>Warm</p>,,1,Not Visible Individually,52,,,"size=L,color=Gray",100,0,',
  'MH01,,Top,configurable,"Default Category/Men/Tops/Hoodies & Sweatshirts,Default Category/Collections/Eco Friendly,Default Category",base,"Chaz Kangeroo Hoodie","<p>Ideal for cold&nbsp;weather.</p>\n<p>&bull; Two-tone.</p>",,1,"Catalog, Search",52,,/m/h/mh01.jpg,"has_options=1,required_options=1,material=Wool,climate=All-weather|Cool",0,1,"sku=MH01-S-Black,size=S,color=Black|sku=MH01-M-Gray,size=M,color=Gray|sku=MH01-L-Gray,size=L,color=Gray"',
);

describe('sniffMagentoCsv', () => {
  it('recognises the import/export header and the sample-data layout', () => {
    expect(sniffMagentoCsv(CONFIGURABLE)).toBe(true);
    expect(sniffMagentoCsv(`\ufeff${CONFIGURABLE}`)).toBe(true);
    expect(sniffMagentoCsv('category,name,sku,price,qty,description,attribute_set\n')).toBe(true);
  });

  it('is false for plain product CSV/JSON and other stores’ exports', () => {
    expect(sniffMagentoCsv('sku,name,price,category,stock\nA1,Mug,3,kitchen,4\n')).toBe(false);
    expect(sniffMagentoCsv('[{"sku":"A1","name":"Mug","price":3}]')).toBe(false);
    expect(
      sniffMagentoCsv('Handle,Title,Body (HTML),Vendor,Type,Tags,Variant SKU,Variant Price\n'),
    ).toBe(false);
    expect(sniffMagentoCsv('id,title,description,link,price,availability,brand\n')).toBe(false);
    expect(sniffMagentoCsv('sku,rating_code,rating_value,title,review,reviewer,email\n')).toBe(
      false,
    );
    expect(sniffMagentoCsv('name,url_key,path,active,is_anchor\n')).toBe(false);
    expect(sniffMagentoCsv('')).toBe(false);
  });
});

describe('readMagentoCsv: import/export layout', () => {
  const rows = readMagentoCsv(CONFIGURABLE);

  it('makes one record per configurable parent and skips its hidden children', () => {
    expect(rows.records).toHaveLength(1);
    expect(rows.skipped).toEqual([
      { row: 2, reason: 'variant of MH01' },
      { row: 3, reason: 'variant of MH01' },
      { row: 4, reason: 'variant of MH01' },
    ]);
  });

  it('prices the parent at its lowest child, sums available stock (is_in_stock=0 is none)', () => {
    const [first] = rows.records;
    expect(first?.row).toBe(5);
    const record = first?.record ?? {};
    expect(record.price).toBe(49.5);
    expect(record.stock).toBe(107);
  });

  it('keeps the deepest category path without the root and the others as tags', () => {
    const record = rows.records[0]?.record ?? {};
    expect(record.category).toBe('Men > Tops > Hoodies & Sweatshirts');
    expect(record.category_path).toEqual(['Men', 'Tops', 'Hoodies & Sweatshirts']);
    expect(record.tags).toEqual(['Eco Friendly']);
  });

  it('lists sizes and colours offered and the product attributes, not bookkeeping flags', () => {
    expect(rows.records[0]?.record.attributes).toEqual({
      material: 'Wool',
      climate: 'All-weather, Cool',
      size: 'S, M, L',
      color: 'Black, Gray',
      variants: '3',
    });
  });

  it('turns the HTML description into text, keeps the image, invents no brand or currency', () => {
    const record = rows.records[0]?.record ?? {};
    expect(record.description).toBe('Ideal for cold weather.\n• Two-tone.');
    expect(record.image).toBe('/m/h/mh01.jpg');
    expect(record).not.toHaveProperty('brand');
    expect(record).not.toHaveProperty('currency');
    expect(record).not.toHaveProperty('rating');
  });

  it('reads simple products; stock only when the file has it; is_in_stock=0 wins over qty', () => {
    const { records, skipped } = readMagentoCsv(
      importCsv(
        'B1,,Gear,simple,Default Category/Gear/Bags,base,Bag,,<b>Short</b>,1,"Catalog, Search",30,25,,,5,0,',
        'B2,,Gear,simple,Default Category/Gear/Bags,base,Bag 2,,,1,"Catalog, Search",31,,,,,,',
        'B3,,Gear,simple,Default Category/Gear/Bags,base,Bag 3,,,1,"Catalog, Search",32,,,,12,1,',
        'B3,default,Gear,simple,,,Sac 3,,,,,,,,,,,',
        'B4,,Gear,simple,Default Category/Gear/Bags,base,Bag 4,,,2,"Catalog, Search",32,,,,12,1,',
        'B5,,Gear,virtual,Default Category,base,Bag 5,,,1,"Catalog, Search",,,,,,,',
        'B6,,Gear,simple,Default Category/Gear,base,Bag 6,,,1,"Catalog, Search",9,,,,,1,',
      ),
    );
    expect(records.map((r) => r.record.sku)).toEqual(['B1', 'B2', 'B3', 'B5', 'B6']);
    const [b1, b2, b3, b5, b6] = records.map((r) => r.record);
    // In stock without a quantity: available, with no count invented.
    expect(b6).not.toHaveProperty('stock');
    expect(b6?.availability).toBe('in stock');
    expect(b1?.stock).toBe(0);
    expect(b1?.availability).toBe('out of stock');
    expect(b1?.description).toBe('Short');
    expect(b1?.attributes).toEqual({ special_price: '25' });
    expect(b2).not.toHaveProperty('stock');
    expect(b3?.stock).toBe(12);
    const mapped = [b1, b3, b6].map((r) => mapRecord(r ?? {}));
    expect(mapped.map((m) => (m.ok ? [m.product.stock, m.product.availability] : m))).toEqual([
      [0, 'out_of_stock'],
      [12, 'in_stock'],
      [undefined, 'in_stock'],
    ]);
    expect(b5).not.toHaveProperty('category');
    expect(b5).not.toHaveProperty('price');
    expect(skipped).toEqual([
      { row: 5, reason: 'store view "default" values of B3' },
      { row: 6, reason: 'disabled product' },
    ]);
    expect(mapRecord(b5 ?? {})).toEqual({ ok: false, reason: 'missing price' });
  });

  it('reads a product whose stock Magento does not manage as available', () => {
    const { records } = readMagentoCsv(
      [
        'sku,product_type,attribute_set_code,product_websites,name,price,qty,is_in_stock,manage_stock,use_config_manage_stock',
        'E1,virtual,Default,base,Gift card,10,0,0,0,0',
        'E2,simple,Default,base,Mug,10,0,1,0,1',
      ].join('\n'),
    );
    expect(records.map((r) => [r.record.stock, r.record.availability])).toEqual([
      [undefined, 'in stock'],
      [0, 'in stock'],
    ]);
  });

  it('keeps a child that is visible on its own', () => {
    const { records } = readMagentoCsv(
      importCsv(
        'P-S,,Top,simple,Default Category/Men,base,Tee S,,,1,"Catalog, Search",10,,,,3,1,',
        'P,,Top,configurable,Default Category/Men,base,Tee,,,1,"Catalog, Search",10,,,,0,1,sku=P-S,size=S',
      ),
    );
    expect(records.map((r) => r.record.sku)).toEqual(['P-S', 'P']);
  });

  it('parses categories and additional attributes as Magento writes them', () => {
    expect(magentoCategoryPaths('Default Category/Gear/Bags, Default Category ,Root/X')).toEqual([
      ['Gear', 'Bags'],
      ['X'],
    ]);
    expect(parseAdditionalAttributes('a=1,b=x|y,c=p, q,=z')).toEqual({
      a: '1',
      b: 'x, y',
      c: 'p, q,=z',
    });
  });
});

describe('readMagentoCsv: sample-data layout', () => {
  const csv = [
    'category,name,sku,price,qty,description,material,erin_recommends,special_price,attribute_set,visibility',
    '"Gear\nBags\nCollections\nErin Recommends","Strive &trade; Pack ",24-MB04,32,100,"<p>Convenient.</p>\n<ul><li>Pocket</li></ul>","\nCanvas\nMesh",1,30,Bag,',
    '"Gear\nWatches",Aim Watch,24-MG04,45,,Plain,,,,Gear,1',
  ].join('\n');

  it('reads category walks as paths, multi-line values as lists, flags as Yes', () => {
    const { records, skipped } = readMagentoCsv(csv);
    expect(skipped).toEqual([]);
    expect(records.map((r) => r.row)).toEqual([2, 9]);
    const [pack, watch] = records.map((r) => r.record);
    expect(pack).toEqual({
      sku: '24-MB04',
      name: 'Strive ™ Pack',
      price: '32',
      category: 'Gear > Bags',
      category_path: ['Gear', 'Bags'],
      tags: ['Erin Recommends'],
      description: 'Convenient.\nPocket',
      stock: 100,
      attributes: { material: 'Canvas, Mesh', erin_recommends: 'Yes', special_price: '30' },
    });
    expect(watch?.category).toBe('Gear > Watches');
    expect(watch).not.toHaveProperty('stock');
    expect(watch).not.toHaveProperty('attributes');
  });
});

describe('magentoRatings', () => {
  it('averages rating values per sku and counts them', () => {
    const ratings = magentoRatings(
      [
        'sku,rating_code,rating_value,title,review,reviewer,email',
        'A,Rating,2,"t","r",x,',
        'A,Rating,5,"t","multi\nline",y,',
        'B,Rating,4,t,r,z,',
        'B,Rating,,t,r,z,',
        'C,Rating,9,t,r,z,',
      ].join('\n'),
    );
    expect([...ratings]).toEqual([
      ['A', { rating: 3.5, count: 2 }],
      ['B', { rating: 4, count: 1 }],
    ]);
  });
});

describe('real Magento Luma sample data (team kit)', () => {
  const kit = fileURLToPath(
    new URL('../../../../../shared/catalogs/magento-luma/', import.meta.url),
  );
  const read = (file: string): string => {
    if (!existsSync(kit + file)) {
      throw new Error(
        `team catalog kit missing: ${kit + file} (expected beside the repository as ../shared/catalogs)`,
      );
    }
    return readFileSync(kit + file, 'utf8');
  };

  it('reads 147 configurable products from 1,994 rows, every one a valid product', () => {
    const text = read('ConfigurableSampleData__products.csv');
    expect(sniffMagentoCsv(text)).toBe(true);
    const { records, skipped } = readMagentoCsv(text);
    expect(records).toHaveLength(147);
    expect(skipped).toHaveLength(1847);
    expect(skipped.every((s) => /^variant of [A-Z0-9]+$/.test(s.reason))).toBe(true);
    const products = records.map((r) => mapRecord(r.record));
    expect(products.every((p) => p.ok)).toBe(true);
    expect(records.every((r) => r.record.stock !== undefined)).toBe(true);
    expect(records.every((r) => (r.record.category_path as string[]).length === 3)).toBe(true);

    const hoodie = records.find((r) => r.record.sku === 'MH01');
    expect(hoodie?.row).toBe(32);
    expect(hoodie?.record).toMatchObject({
      name: 'Chaz Kangeroo Hoodie',
      price: 52,
      stock: 1500,
      category: 'Men > Tops > Hoodies & Sweatshirts',
      tags: ['Eco Friendly'],
      attributes: { size: 'XS, S, M, L, XL', color: 'Black, Gray, Orange', material: 'Wool' },
    });
    const mapped = mapRecord(hoodie?.record ?? {});
    expect(mapped.ok && mapped.product).toMatchObject({
      sku: 'MH01',
      brand: '',
      category: 'Hoodies & Sweatshirts',
      category_path: ['Men', 'Tops', 'Hoodies & Sweatshirts'],
      price: 52,
      stock: 1500,
      availability: 'in_stock',
    });
    expect(mapped.ok && mapped.product.description).toMatch(/^Ideal for cold-weather training/);
    expect(mapped.ok && mapped.product.description).not.toMatch(/<|&bull;/);
  });

  it('reads the 44 gear products of the sample-data layout', () => {
    const files = [
      'bags',
      'fitness_equipment',
      'fitness_equipment_ball',
      'fitness_equipment_strap',
      'watches',
    ].map((name) => read(`CatalogSampleData__products_gear_${name}.csv`));
    const all = files.flatMap((text) => {
      expect(sniffMagentoCsv(text)).toBe(true);
      const rows = readMagentoCsv(text);
      expect(rows.skipped).toEqual([]);
      return rows.records;
    });
    expect(all).toHaveLength(44);
    const mapped = all.map((r) => mapRecord(r.record));
    expect(mapped.every((m) => m.ok)).toBe(true);
    const grips = all.find((r) => r.record.sku === '24-UG05')?.record;
    expect(grips).toMatchObject({
      name: "Go-Get'r Pushup Grips",
      price: '19',
      stock: 100,
      category: 'Gear > Fitness Equipment',
      tags: ['Erin Recommends New', 'New Luma Yoga Collection', 'Erin Recommends'],
    });
    const band = all.find((r) => r.record.sku === '24-UG02')?.record;
    expect(band?.name).toBe('Pursuit Lumaflex™ Tone Band');
    // Balls and straps are "Not Visible Individually" (sold through a bundle and a grouped
    // product that are not in the kit); with no parent in the file they stay products.
    expect(all.filter((r) => /^24-WG08[1-35-7]/.test(String(r.record.sku)))).toHaveLength(12);
  });

  it('averages the 500 reviews into ratings for 181 skus', () => {
    const ratings = magentoRatings(read('ReviewSampleData__products_reviews.csv'));
    expect(ratings.size).toBe(181);
    expect([...ratings.values()].reduce((n, r) => n + r.count, 0)).toBe(500);
    expect(ratings.get('24-MB01')).toEqual({ rating: 2.5, count: 2 });
    for (const file of [
      'ConfigurableSampleData__categories.csv',
      'ConfigurableSampleData__attributes.csv',
      'ReviewSampleData__products_reviews.csv',
    ]) {
      expect(sniffMagentoCsv(read(file))).toBe(false);
    }
  });
});
