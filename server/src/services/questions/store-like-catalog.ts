import type { Product } from '@aisle/shared';

/**
 * A small catalog shaped like a real store's export, not the demo's: the store's own
 * category names ("Flat-Panel TVs", "PC Laptops", "Unlocked Cell Phones"), a category path,
 * brands from several makers, accessories that share a brand with the devices, and no rating
 * or stock (most exports have neither).
 */
const item = (
  sku: string,
  name: string,
  brand: string,
  price: number,
  path: readonly string[],
): Product => ({
  sku,
  name,
  brand,
  price,
  category: path.at(-1) ?? 'Other',
  category_path: [...path],
  description: `${name} from ${brand}.`,
  tags: [],
});

const TVS = ['Electronics', 'TV & Home Theater', 'TVs', 'Flat-Panel TVs'];
const MOUNTS = ['Electronics', 'TV & Home Theater', 'TV Mounts'];
const LAPTOPS = ['Computers & Tablets', 'Laptops', 'PC Laptops'];
const CHROMEBOOKS = ['Computers & Tablets', 'Laptops', 'Chromebooks'];
const PHONES = ['Cell Phones', 'Unlocked Cell Phones'];
const CASES = ['Cell Phones', 'Cell Phone Accessories', 'Cell Phone Cases'];
const SPEAKERS = ['Electronics', 'Audio', 'Portable Speakers'];

export const STORE_LIKE_PRODUCTS: readonly Product[] = [
  item('TV-SAM-32', 'Samsung 32" Class LED HD Smart TV', 'Samsung', 229.99, TVS),
  item('TV-SAM-55', 'Samsung 55" Class QLED 4K Smart TV', 'Samsung', 799.99, TVS),
  item('TV-SAM-65', 'Samsung 65" Class Neo QLED 4K TV', 'Samsung', 1299.99, TVS),
  item('TV-LG-43', 'LG 43" Class UHD 4K Smart TV', 'LG', 349.99, TVS),
  item('TV-LG-55', 'LG 55" Class OLED evo 4K TV', 'LG', 1499.99, TVS),
  item('TV-SONY-65', 'Sony 65" Class BRAVIA 4K Google TV', 'Sony', 1799.99, TVS),
  item('TV-SONY-50', 'Sony 50" Class X80K 4K TV', 'Sony', 599.99, TVS),
  item('TV-TCL-50', 'TCL 50" Class 4K UHD Roku TV', 'TCL', 299.99, TVS),
  item('TV-INS-24', 'Insignia 24" Class LED HD TV', 'Insignia', 99.99, TVS),
  item('MNT-SAN-1', 'Sanus Full-Motion TV Wall Mount for 32"-70" TVs', 'Sanus', 79.99, MOUNTS),
  item('MNT-SAM-1', 'Samsung Slim Fit Wall Mount for TVs', 'Samsung', 49.99, MOUNTS),
  item('LAP-LEN-IP3', 'Lenovo IdeaPad 3 15.6" Laptop', 'Lenovo', 449.99, LAPTOPS),
  item('LAP-LEN-TP', 'Lenovo ThinkPad E14 14" Laptop', 'Lenovo', 1099.0, LAPTOPS),
  item('LAP-LEN-YOGA', 'Lenovo Yoga 7 2-in-1 Laptop', 'Lenovo', 749.99, LAPTOPS),
  item('LAP-HP-15', 'HP 15.6" Laptop', 'HP', 399.99, LAPTOPS),
  item('LAP-HP-ENVY', 'HP Envy x360 Laptop', 'HP', 899.99, LAPTOPS),
  item('LAP-DELL-INS', 'Dell Inspiron 15 Laptop', 'Dell', 549.99, LAPTOPS),
  item('LAP-ACER-A5', 'Acer Aspire 5 Slim Laptop', 'Acer', 379.99, LAPTOPS),
  item('LAP-ASUS-VB', 'ASUS Vivobook 15 Laptop', 'ASUS', 479.99, LAPTOPS),
  item('CB-LEN-DUET', 'Lenovo Chromebook Duet 10.1"', 'Lenovo', 279.99, CHROMEBOOKS),
  item('CB-ACER-314', 'Acer Chromebook 314', 'Acer', 199.99, CHROMEBOOKS),
  item('PH-SAM-S24', 'Samsung Galaxy S24 128GB Unlocked', 'Samsung', 799.99, PHONES),
  item('PH-SAM-A15', 'Samsung Galaxy A15 5G 64GB Unlocked', 'Samsung', 199.99, PHONES),
  item('PH-MOTO-G', 'Motorola Moto G Play 32GB Unlocked', 'Motorola', 149.99, PHONES),
  item('PH-MOTO-G5', 'Motorola Moto G 5G 64GB Unlocked', 'Motorola', 179.99, PHONES),
  item('PH-APL-15', 'Apple iPhone 15 128GB Unlocked', 'Apple', 799.0, PHONES),
  item('PH-GOO-8A', 'Google Pixel 8a 128GB Unlocked', 'Google', 499.0, PHONES),
  item('CASE-OTB-S24', 'OtterBox Defender Case for Galaxy S24', 'OtterBox', 39.99, CASES),
  item('SPK-JBL-FLIP6', 'JBL Flip 6 Portable Bluetooth Speaker', 'JBL', 129.99, SPEAKERS),
];
