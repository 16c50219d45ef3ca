export * from './api';
export * from './ids';
export * from './product';
export * from './session';
