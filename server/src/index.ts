/** The package's public surface: the router type (the whole client contract) and the app. */

export { type App, type AppOverrides, createApp } from './app';
export { type Config, loadConfig } from './config';
export type { AppRouter } from './routers';
