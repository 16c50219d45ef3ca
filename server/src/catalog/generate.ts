import type { Product } from '@aisle/shared';
import type { CategorySlug } from '../lexicon/category-lexicon';

/**
 * Deterministic synthetic catalogs for benchmarks and tests: brand x model line x number x
 * edition x variant, priced within a realistic range per category. Same (n, seed), same products.
 */

interface CategorySpec {
  /** Typical price range in USD before brand and edition adjustments. */
  price: readonly [number, number];
  /** Brand, its price tier (1 = market average) and its model lines; `#` becomes a number. */
  lines: readonly (readonly [brand: string, tier: number, series: readonly string[]])[];
  variants: readonly string[];
  noun: string;
  features: readonly string[];
  tags: readonly string[];
}

const SPECS: Readonly<Record<CategorySlug, CategorySpec>> = {
  smartphone: {
    price: [120, 1300],
    lines: [
      ['Apple', 1.4, ['iPhone #']],
      ['Samsung', 1.1, ['Galaxy S#', 'Galaxy A#', 'Galaxy Z Flip#', 'Galaxy M#']],
      ['Google', 1.1, ['Pixel #', 'Pixel #a']],
      ['OnePlus', 1, ['OnePlus #', 'Nord #']],
      ['Motorola', 0.7, ['Moto G#', 'Edge #', 'Razr #']],
      ['Xiaomi', 0.75, ['Redmi Note #', 'Xiaomi #', 'Poco X#']],
      ['Nothing', 0.9, ['Phone (#)']],
      ['Sony', 1.2, ['Xperia # V']],
    ],
    variants: ['128GB', '256GB', '512GB', 'Unlocked', 'Dual SIM'],
    noun: 'smartphone',
    features: [
      'a 120 Hz OLED display',
      '5G connectivity',
      'a 50 MP main camera',
      'all-day battery',
      'fast wired charging',
      'wireless charging',
      'IP68 water resistance',
      'a periscope telephoto lens',
    ],
    tags: ['5g', 'android', 'camera', 'fast-charging', 'dual-sim', 'oled'],
  },
  laptop: {
    price: [350, 3200],
    lines: [
      ['Apple', 1.4, ['MacBook Air #', 'MacBook Pro #']],
      ['Dell', 1.1, ['XPS #', 'Inspiron #', 'Latitude #']],
      ['Lenovo', 1, ['ThinkPad X#', 'ThinkPad E#', 'IdeaPad Slim #', 'Legion #', 'Yoga #']],
      ['HP', 1, ['Spectre x360 #', 'Pavilion #', 'EliteBook #', 'Envy #']],
      ['ASUS', 1, ['Zenbook #', 'Vivobook #', 'ROG Zephyrus G#', 'TUF Gaming A#']],
      ['Acer', 0.8, ['Aspire #', 'Swift Go #', 'Nitro #', 'Predator Helios #']],
      ['Microsoft', 1.2, ['Surface Laptop #']],
      ['Razer', 1.5, ['Blade #']],
    ],
    variants: ['8GB/256GB', '16GB/512GB', '32GB/1TB', '13-inch', '14-inch', '16-inch'],
    noun: 'laptop',
    features: [
      'a backlit keyboard',
      'a 2.8K OLED display',
      'Wi-Fi 6E',
      'Thunderbolt 4 ports',
      'a 1080p webcam',
      'up to 18 hours of battery',
      'a dedicated RTX graphics card',
      'a fingerprint reader',
    ],
    tags: ['windows', 'ultraportable', 'gaming', 'student', 'business', 'oled'],
  },
  tablet: {
    price: [80, 1300],
    lines: [
      ['Apple', 1.4, ['iPad #', 'iPad Air #', 'iPad Pro #', 'iPad mini #']],
      ['Samsung', 1.1, ['Galaxy Tab S#', 'Galaxy Tab A#']],
      ['Amazon', 0.5, ['Fire HD #', 'Fire Max #']],
      ['Lenovo', 0.8, ['Tab P#', 'Tab M#']],
      ['Microsoft', 1.3, ['Surface Pro #', 'Surface Go #']],
      ['OnePlus', 0.9, ['Pad #']],
      ['Xiaomi', 0.7, ['Pad #', 'Redmi Pad #']],
    ],
    variants: ['64GB', '128GB', '256GB', 'Wi-Fi', 'Wi-Fi + Cellular'],
    noun: 'tablet',
    features: [
      'a laminated display',
      'stylus support',
      'quad speakers',
      'a USB-C port',
      'a keyboard cover option',
      'a 10-hour battery',
      'a landscape front camera',
    ],
    tags: ['wifi', 'stylus', 'family', 'student', 'large-screen', 'compact'],
  },
  headphones: {
    price: [25, 550],
    lines: [
      ['Sony', 1.2, ['WH-#XM', 'WF-#XM', 'WH-CH#N']],
      ['Bose', 1.3, ['QuietComfort #', 'SoundSport #']],
      ['Apple', 1.3, ['AirPods #', 'AirPods Pro #']],
      ['Beats', 1.1, ['Studio #', 'Solo #', 'Fit Pro #']],
      ['Sennheiser', 1.2, ['Momentum #', 'Accentum #', 'HD #']],
      ['JBL', 0.7, ['Tune #', 'Live #', 'Endurance #']],
      ['Anker', 0.5, ['Soundcore Q#', 'Soundcore Liberty #']],
      ['Jabra', 0.9, ['Elite #', 'Evolve #']],
      ['Skullcandy', 0.5, ['Crusher #', 'Dime #']],
    ],
    variants: ['Black', 'White', 'Silver', 'Midnight Blue', 'Sandstone'],
    noun: 'headphones',
    features: [
      'active noise cancelling',
      'a 30-hour battery',
      'multipoint Bluetooth',
      'spatial audio',
      'a transparency mode',
      'LDAC hi-res audio',
      'a foldable design',
    ],
    tags: ['noise-cancelling', 'wireless', 'bluetooth', 'earbuds', 'over-ear', 'sport'],
  },
  smartwatch: {
    price: [50, 900],
    lines: [
      ['Apple', 1.3, ['Watch Series #', 'Watch SE #', 'Watch Ultra #']],
      ['Samsung', 1, ['Galaxy Watch#', 'Galaxy Watch# Classic']],
      ['Google', 1, ['Pixel Watch #']],
      ['Garmin', 1.2, ['Forerunner #', 'Fenix #', 'Venu #', 'Instinct #']],
      ['Fitbit', 0.6, ['Versa #', 'Sense #', 'Charge #']],
      ['Amazfit', 0.4, ['GTR #', 'Bip #', 'T-Rex #']],
      ['Huawei', 0.8, ['Watch GT #']],
    ],
    variants: ['40mm', '41mm', '44mm', '45mm', 'GPS', 'GPS + Cellular'],
    noun: 'smartwatch',
    features: [
      'heart rate tracking',
      'built-in GPS',
      'sleep tracking',
      'an always-on display',
      'blood oxygen monitoring',
      'a 7-day battery',
      'contactless payments',
    ],
    tags: ['fitness', 'health', 'gps', 'running', 'sleep-tracking', 'outdoor'],
  },
  camera: {
    price: [200, 3500],
    lines: [
      ['Sony', 1.2, ['Alpha #', 'ZV-E#', 'RX#']],
      ['Canon', 1.1, ['EOS R#', 'PowerShot G#']],
      ['Nikon', 1.1, ['Z#', 'Z# II', 'Coolpix P#']],
      ['Fujifilm', 1.1, ['X-T#', 'X-S#', 'X#V']],
      ['Panasonic', 1, ['Lumix S#', 'Lumix G#']],
      ['GoPro', 0.5, ['HERO#']],
      ['DJI', 0.6, ['Osmo Action #', 'Osmo Pocket #']],
      ['OM System', 0.9, ['OM-#']],
    ],
    variants: ['Body Only', 'with 18-55mm Lens', 'with 24-105mm Lens', 'Creator Kit'],
    noun: 'camera',
    features: [
      'in-body image stabilisation',
      '4K 60p video',
      'subject-detection autofocus',
      'a vari-angle touchscreen',
      'dual card slots',
      'weather sealing',
      'a high-resolution viewfinder',
    ],
    tags: ['mirrorless', 'full-frame', '4k', 'vlogging', 'action-camera', 'travel'],
  },
  tv: {
    price: [180, 3500],
    lines: [
      ['LG', 1.2, ['OLED evo C#', 'OLED evo G#', 'QNED#']],
      ['Samsung', 1.2, ['Neo QLED QN#', 'Crystal UHD DU#', 'OLED S#']],
      ['Sony', 1.3, ['BRAVIA #', 'BRAVIA XR A#']],
      ['TCL', 0.6, ['QM#', '#-Series']],
      ['Hisense', 0.6, ['U#K', 'A#']],
      ['Vizio', 0.5, ['V-Series #', 'M-Series #']],
      ['Panasonic', 1, ['MZ#']],
    ],
    variants: ['43"', '50"', '55"', '65"', '75"', '85"'],
    noun: '4K TV',
    features: [
      'Dolby Vision',
      'a 120 Hz panel',
      'HDMI 2.1 ports',
      'local dimming',
      'a built-in smart platform',
      'Dolby Atmos sound',
      'a gaming mode with VRR',
    ],
    tags: ['4k', 'hdr', 'oled', 'qled', 'smart-tv', 'gaming'],
  },
  gaming: {
    price: [40, 800],
    lines: [
      ['Sony', 1.1, ['PlayStation #', 'DualSense #']],
      ['Microsoft', 1.1, ['Xbox Series #', 'Xbox Controller #']],
      ['Nintendo', 0.9, ['Switch #', 'Switch Pro Controller #']],
      ['Valve', 1.1, ['Steam Deck #']],
      ['ASUS', 1.1, ['ROG Ally #']],
      ['Meta', 1, ['Quest #']],
      ['Logitech', 0.5, ['G Cloud #', 'G#']],
      ['Razer', 0.6, ['Kishi #', 'Wolverine #']],
    ],
    variants: ['Standard Edition', 'Digital Edition', 'Bundle', '512GB', '1TB'],
    noun: 'gaming device',
    features: [
      'ray tracing',
      'a 120 Hz display',
      'haptic feedback',
      'cloud gaming support',
      'a fast SSD',
      'wireless controllers',
    ],
    tags: ['console', 'handheld', 'controller', 'vr', 'family', 'wireless'],
  },
  'home-appliance': {
    price: [40, 1600],
    lines: [
      ['Dyson', 1.5, ['V# Cordless Vacuum', 'Purifier #', 'Airwrap #']],
      ['iRobot', 1.1, ['Roomba j#', 'Roomba Combo #']],
      ['Roborock', 1.1, ['S# Robot Vacuum', 'Q# Robot Vacuum']],
      ['Shark', 0.8, ['Navigator #', 'Stratos #']],
      ['Ninja', 0.7, ['Foodi #', 'Air Fryer AF#', 'Blender BN#']],
      ['Instant Pot', 0.5, ['Duo #', 'Pro #']],
      ['Breville', 1.2, ['Barista #', 'Smart Oven #']],
      ['KitchenAid', 1.1, ['Artisan Mixer #', 'Blender K#']],
      ['Levoit', 0.5, ['Core #', 'Vital #']],
    ],
    variants: ['Black', 'White', 'Stainless Steel', 'Graphite', 'Red'],
    noun: 'home appliance',
    features: [
      'app control',
      'a HEPA filter',
      'a quiet night mode',
      'dishwasher-safe parts',
      'multiple presets',
      'self-cleaning',
      'an energy-saving mode',
    ],
    tags: ['kitchen', 'vacuum', 'air-purifier', 'smart-home', 'cordless', 'coffee'],
  },
  accessory: {
    price: [10, 250],
    lines: [
      ['Anker', 0.8, ['PowerCore #', 'Nano Charger #', 'USB-C Hub #']],
      ['Belkin', 1, ['BoostCharge #', 'Connect Dock #']],
      ['Logitech', 1, ['MX Master #', 'MX Keys #', 'Pebble #', 'Brio #']],
      ['Samsung', 1, ['T# Portable SSD', 'Wireless Charger #']],
      ['SanDisk', 0.8, ['Extreme SSD #', 'Ultra Flash Drive #']],
      ['Apple', 1.3, ['Magic Mouse #', 'MagSafe Charger #']],
      ['Spigen', 0.4, ['Ultra Hybrid #', 'Tough Armor #']],
      ['OtterBox', 0.7, ['Defender #', 'Symmetry #']],
      ['Razer', 1, ['DeathAdder V#', 'BlackWidow V#']],
    ],
    variants: ['Black', 'White', '1TB', '2TB', '65W', '100W'],
    noun: 'accessory',
    features: [
      'USB-C',
      'fast charging',
      'a compact design',
      'a braided cable',
      'multi-device pairing',
      'drop protection',
    ],
    tags: ['charger', 'usb-c', 'mouse', 'keyboard', 'case', 'storage'],
  },
  speaker: {
    price: [30, 1000],
    lines: [
      ['Sonos', 1.4, ['Era #', 'Roam #', 'Beam #', 'Arc #']],
      ['JBL', 0.8, ['Flip #', 'Charge #', 'Go #', 'PartyBox #']],
      ['Bose', 1.3, ['SoundLink #', 'Smart Soundbar #']],
      ['Ultimate Ears', 0.8, ['BOOM #', 'WONDERBOOM #', 'MEGABOOM #']],
      ['Amazon', 0.5, ['Echo #', 'Echo Dot #', 'Echo Studio #']],
      ['Apple', 1.3, ['HomePod #']],
      ['Marshall', 1, ['Emberton #', 'Stanmore #']],
      ['Sony', 0.9, ['SRS-XB#', 'ULT Field #']],
    ],
    variants: ['Black', 'Blue', 'White', 'Forest Green', 'Stereo Pair'],
    noun: 'speaker',
    features: [
      'Bluetooth 5.3',
      'IP67 waterproofing',
      'a 20-hour battery',
      'Wi-Fi multi-room audio',
      'a voice assistant',
      'deep bass',
      'Dolby Atmos',
    ],
    tags: ['portable', 'bluetooth', 'waterproof', 'smart-speaker', 'soundbar', 'wireless'],
  },
  monitor: {
    price: [120, 1800],
    lines: [
      ['Dell', 1.1, ['UltraSharp U#', 'S# Monitor', 'G# Gaming Monitor']],
      ['LG', 1, ['UltraGear #GR', 'UltraFine #UP', 'UltraWide #WQ']],
      ['Samsung', 1.1, ['Odyssey G#', 'ViewFinity S#', 'Smart Monitor M#']],
      ['ASUS', 1.1, ['ROG Swift PG#', 'ProArt PA#', 'TUF Gaming VG#']],
      ['BenQ', 0.9, ['PD#', 'MOBIUZ EX#', 'GW#']],
      ['AOC', 0.5, ['#G2', 'Q#']],
      ['Gigabyte', 0.7, ['M#Q', 'G#F']],
      ['Alienware', 1.3, ['AW#DWF']],
    ],
    variants: ['24"', '27"', '32"', '34" Ultrawide', '49" Super Ultrawide'],
    noun: 'monitor',
    features: [
      'a 165 Hz refresh rate',
      'USB-C power delivery',
      'a height-adjustable stand',
      'HDR400',
      'an IPS panel',
      'an OLED panel',
      'factory colour calibration',
    ],
    tags: ['gaming', '4k', 'qhd', 'usb-c', 'ultrawide', 'productivity'],
  },
};

const EDITIONS = [
  ['', 1],
  ['', 1],
  ['Pro', 1.3],
  ['Plus', 1.15],
  ['Max', 1.45],
  ['Ultra', 1.5],
  ['Lite', 0.75],
  ['SE', 0.8],
] as const;

const ADJECTIVES = ['Compact', 'Powerful', 'Sleek', 'Versatile', 'Lightweight', 'Premium'];

/** mulberry32: a tiny, fast, well-distributed 32-bit PRNG. Returns floats in [0, 1). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const CATEGORY_ORDER = Object.keys(SPECS) as CategorySlug[];

/** `n` synthetic products with unique SKUs, spread evenly over the 12 categories. */
export function generateProducts(n: number, seed = 1): Product[] {
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => {
    const item = items[Math.floor(random() * items.length)];
    if (item === undefined) throw new Error('generateProducts: empty list');
    return item;
  };
  const products: Product[] = [];
  for (let i = 0; i < n; i++) {
    const category = CATEGORY_ORDER[i % CATEGORY_ORDER.length] ?? 'accessory';
    const spec = SPECS[category];
    const [brand, tier, series] = pick(spec.lines);
    const [edition, editionFactor] = pick(EDITIONS);
    const variant = pick(spec.variants);
    const model = pick(series).replace('#', String(2 + Math.floor(random() * 28)));
    const name = `${model}${edition ? ` ${edition}` : ''} (${variant})`;

    const [low, high] = spec.price;
    const position = random();
    const base = low + (high - low) * position * position; // more cheap products than dear ones
    const dollars = Math.max(5, Math.round(Math.min(high * 1.2, base * tier * editionFactor)));
    const price = Math.round(dollars * 100 - 1) / 100; // 799 -> 798.99
    const pricePosition = (price - low) / (high - low);

    const tags = new Set<string>();
    while (tags.size < 2 + Math.floor(random() * 2)) tags.add(pick(spec.tags));
    if (pricePosition < 0.2) tags.add('budget');
    if (pricePosition > 0.6) tags.add('premium');

    const features = new Set<string>();
    while (features.size < 3) features.add(pick(spec.features));
    const [f1, f2, f3] = [...features];
    const description = `${pick(ADJECTIVES)} ${brand} ${spec.noun} with ${f1}, ${f2} and ${f3}.`;

    products.push({
      sku: `${brand
        .replace(/[^A-Za-z]/g, '')
        .slice(0, 4)
        .toUpperCase()}-${category
        .slice(0, 3)
        .toUpperCase()}-${i.toString(36).toUpperCase().padStart(5, '0')}`,
      name,
      brand,
      category,
      price,
      description,
      rating: Math.round((3.5 + random() * 1.4) * 10) / 10,
      stock: random() < 0.08 ? 0 : 1 + Math.floor(random() * 250),
      tags: [...tags],
    });
  }
  return products;
}
