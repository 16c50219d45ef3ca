import {
  CartAddInputSchema,
  CartSchema,
  CartSetQuantityInputSchema,
  CartSkuInputSchema,
  SessionRefSchema,
} from '@aisle/shared';
import { ownerProcedure, router, ownerWriteProcedure as write } from '../trpc';

export const cartRouter = router({
  get: ownerProcedure
    .input(SessionRefSchema)
    .output(CartSchema)
    .query(({ ctx }) => ctx.deps.services.cart.get(ctx.session.id, ctx.session.access)),

  add: write
    .input(CartAddInputSchema)
    .output(CartSchema)
    .mutation(({ ctx, input }) =>
      ctx.deps.services.cart.add(ctx.session.id, input.sku, input.quantity, ctx.session.access),
    ),

  remove: write
    .input(CartSkuInputSchema)
    .output(CartSchema)
    .mutation(({ ctx, input }) =>
      ctx.deps.services.cart.remove(ctx.session.id, input.sku, ctx.session.access),
    ),

  setQuantity: write
    .input(CartSetQuantityInputSchema)
    .output(CartSchema)
    .mutation(({ ctx, input }) =>
      ctx.deps.services.cart.setQuantity(
        ctx.session.id,
        input.sku,
        input.quantity,
        ctx.session.access,
      ),
    ),

  clear: write
    .input(SessionRefSchema)
    .output(CartSchema)
    .mutation(({ ctx }) => ctx.deps.services.cart.clear(ctx.session.id, ctx.session.access)),
});
