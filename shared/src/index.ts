export * from './api';
export * from './catalog-info';
export * from './documents';
export * from './events';
export * from './ids';
export * from './product';
export * from './session';
export * from './synonyms';
