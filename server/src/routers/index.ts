import { router } from '../trpc';
import { adminRouter } from './admin';
import { cartRouter } from './cart';
import { catalogRouter } from './catalog';
import { preferencesRouter } from './preferences';
import { sessionRouter } from './session';
import { shoppingRouter } from './shopping';

export const appRouter = router({
  session: sessionRouter,
  preferences: preferencesRouter,
  cart: cartRouter,
  shopping: shoppingRouter,
  admin: adminRouter,
  catalog: catalogRouter,
});

/** The whole client contract. */
export type AppRouter = typeof appRouter;
