import {
  CartAddInputSchema,
  CartSchema,
  CartSetQuantityInputSchema,
  CartSkuInputSchema,
} from '@aisle/shared';
import { rateLimit, router, sessionProcedure } from '../trpc';

const write = sessionProcedure.use(rateLimit('write'));

export const cartRouter = router({
  get: sessionProcedure
    .output(CartSchema)
    .query(({ ctx }) => ctx.deps.services.cart.get(ctx.session.id)),

  add: write
    .input(CartAddInputSchema)
    .output(CartSchema)
    .mutation(({ ctx, input }) =>
      ctx.deps.services.cart.add(ctx.session.id, input.sku, input.quantity),
    ),

  remove: write
    .input(CartSkuInputSchema)
    .output(CartSchema)
    .mutation(({ ctx, input }) => ctx.deps.services.cart.remove(ctx.session.id, input.sku)),

  setQuantity: write
    .input(CartSetQuantityInputSchema)
    .output(CartSchema)
    .mutation(({ ctx, input }) =>
      ctx.deps.services.cart.setQuantity(ctx.session.id, input.sku, input.quantity),
    ),

  clear: write
    .output(CartSchema)
    .mutation(({ ctx }) => ctx.deps.services.cart.clear(ctx.session.id)),
});
