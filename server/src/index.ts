/** The package's public surface: the router type (the whole client contract) and the app. */
export type { AppRouter } from './routers';
export { createApp, type App, type AppOverrides } from './app';
export { loadConfig, type Config } from './config';
