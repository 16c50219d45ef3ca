import { router } from '../trpc';
import { adminRouter } from './admin';
import { cartRouter } from './cart';
import { preferencesRouter } from './preferences';
import { sessionRouter } from './session';
import { shoppingRouter } from './shopping';

export const appRouter = router({
  session: sessionRouter,
  preferences: preferencesRouter,
  cart: cartRouter,
  shopping: shoppingRouter,
  admin: adminRouter,
});

/** The whole client contract. */
export type AppRouter = typeof appRouter;
