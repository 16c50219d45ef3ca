export * from './ids';
export * from './product';
export * from './session';
export * from './api';
