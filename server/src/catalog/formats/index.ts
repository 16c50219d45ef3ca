import type { Rows } from '../csv-records';
import {
  readGoogleMerchantTsv,
  readGoogleMerchantXml,
  sniffGoogleMerchantTsv,
  sniffGoogleMerchantXml,
} from './google-merchant';
import { readMagentoCsv, sniffMagentoCsv } from './magento-csv';
import { readShopifyCsv, sniffShopifyCsv } from './shopify-csv';

/** A store platform's export, recognised by its own header or structure. */
export interface StoreExportReader {
  format: StoreExportFormat;
  /** Cheap: looks at the header or root element only. */
  sniff(text: string): boolean;
  read(text: string): Rows;
}

export type StoreExportFormat =
  | 'shopify-csv'
  | 'magento-csv'
  | 'google-merchant-xml'
  | 'google-merchant-tsv';

/** Tried in order before the generic readers: each recognises only its own platform's files. */
export const STORE_EXPORTS: readonly StoreExportReader[] = [
  { format: 'shopify-csv', sniff: sniffShopifyCsv, read: readShopifyCsv },
  { format: 'magento-csv', sniff: sniffMagentoCsv, read: readMagentoCsv },
  {
    format: 'google-merchant-xml',
    sniff: sniffGoogleMerchantXml,
    read: (text) => readGoogleMerchantXml(text),
  },
  {
    format: 'google-merchant-tsv',
    sniff: sniffGoogleMerchantTsv,
    read: (text) => readGoogleMerchantTsv(text),
  },
];
