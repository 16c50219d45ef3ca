import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { kitFolder } from '../kit';
import set from './magento-luma';
import { missingKinds, setProblems, turnCount } from './set-sanity';

const dir = join(kitFolder(), 'magento-luma');
const truth = set.readTruth(dir);

describe('magento-luma truth', () => {
  it('holds the configurable parents and the gear products, not the size/colour children', () => {
    expect(truth.products).toHaveLength(191);
    expect(truth.bySku.has('MH01')).toBe(true);
    expect(truth.bySku.has('MH01-XS-Black')).toBe(false);
    expect(truth.bySku.has('24-WG081-gray')).toBe(true);
    expect(truth.currency).toBe('USD');
    expect(truth.has).toEqual({ rating: true, stock: true, brand: false });
  });

  it('reads a configurable parent from its children', () => {
    const hoodie = truth.bySku.get('MH01');
    expect(hoodie).toMatchObject({
      name: 'Chaz Kangeroo Hoodie',
      price: 52,
      categoryPath: ['Men', 'Tops', 'Hoodies & Sweatshirts'],
      stock: 1500,
    });
    expect(hoodie?.attributes).toMatchObject({
      size: 'xs, s, m, l, xl',
      color: 'black, gray, orange',
      material: 'wool',
      collections: 'eco friendly',
    });
    expect(hoodie?.rating).toBeUndefined();
    expect(hoodie?.ratingCount).toBeUndefined();
  });

  it('reads a gear row: two-level paths, entities decoded, rating averaged from reviews', () => {
    expect(truth.bySku.get('24-UG02')?.name).toBe('Pursuit Lumaflex™ Tone Band');
    const bag = truth.bySku.get('24-MB01');
    expect(bag).toMatchObject({ categoryPath: ['Gear', 'Bags'], price: 34, stock: 100 });
    // Reviews of 24-MB01: 2 and 3.
    expect(bag?.rating).toBe(2.5);
    expect(bag?.ratingCount).toBe(2);
    expect(bag?.text).toContain('dual top handles');
    expect(bag?.text).not.toContain('<li>');
  });
});

describe('magento-luma question set', () => {
  it('asks at least 40 turns over every kind of question', () => {
    expect(turnCount(set)).toBeGreaterThanOrEqual(40);
    expect(missingKinds(set)).toEqual([]);
  });

  it('has no expectation the store cannot meet', () => {
    expect(setProblems(set, truth)).toEqual([]);
  });
});
