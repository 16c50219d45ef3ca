import {
  CartAddInputSchema,
  CartSchema,
  CartSetQuantityInputSchema,
  CartSkuInputSchema,
  SessionRefSchema,
} from '@aisle/shared';
import { router, sessionProcedure, sessionWriteProcedure as write } from '../trpc';

export const cartRouter = router({
  get: sessionProcedure
    .input(SessionRefSchema)
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
    .input(SessionRefSchema)
    .output(CartSchema)
    .mutation(({ ctx }) => ctx.deps.services.cart.clear(ctx.session.id)),
});
