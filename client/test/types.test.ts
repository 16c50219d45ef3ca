import type { QueryResult } from '@aisle/shared';
import { describe, expectTypeOf, it } from 'vitest';
import { type AisleClient, createAisleClient } from '../src/index';

/**
 * Compile-time contract: these lines are checked by `pnpm typecheck` (tsc), which fails on an
 * unused @ts-expect-error, so a client that accepted wrong input would break the build.
 */
describe('the typed client', () => {
  it('infers inputs and outputs from AppRouter', () => {
    const client: AisleClient = createAisleClient({ url: 'http://127.0.0.1:1' });
    expectTypeOf(client.shopping.query.mutate)
      .parameter(0)
      .toEqualTypeOf<{ q: string; sessionId?: string | undefined }>();
    expectTypeOf(client.shopping.query.mutate).returns.resolves.toEqualTypeOf<QueryResult>();
    expectTypeOf(client.cart.get.query)
      .returns.resolves.toHaveProperty('subtotal')
      .toEqualTypeOf<number>();

    // Wrong inputs and unknown procedures do not compile.
    const compileOnly = () => {
      // @ts-expect-error sku is required
      void client.cart.add.mutate({ sessionId: 'abcdefgh' });
      // @ts-expect-error quantity is a number
      void client.cart.setQuantity.mutate({ sessionId: 'abcdefgh', sku: 'A', quantity: '1' });
      // @ts-expect-error no such procedure
      void client.cart.empty.mutate({ sessionId: 'abcdefgh' });
      // @ts-expect-error preferred_brands is a string array
      void client.preferences.update.mutate({ sessionId: 'abcdefgh', preferred_brands: 'Apple' });
    };
    expectTypeOf(compileOnly).toBeFunction();
  });
});
