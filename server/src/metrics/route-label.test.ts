import { describe, expect, it } from 'vitest';
import { routeLabel } from './route-label';

describe('routeLabel', () => {
  it('names REST routes by template, whatever the ids', () => {
    expect(routeLabel('GET', '/api/v1/shopping/session/s_abc/cart')).toBe(
      '/api/v1/shopping/session/{id}/cart',
    );
    expect(routeLabel('PUT', '/api/v1/shopping/session/s_abc/cart')).toBe(
      '/api/v1/shopping/(method not allowed)',
    );
    expect(routeLabel('DELETE', '/api/v1/shopping/session/s_a/cart/items/%E0%A4%A')).toBe(
      '/api/v1/shopping/(invalid)',
    );
  });

  it('names tRPC calls by known procedure, and folds batches and unknown names', () => {
    expect(routeLabel('POST', '/trpc/shopping.query')).toBe('/trpc/shopping.query');
    expect(routeLabel('GET', '/trpc/session.info,cart.get')).toBe('/trpc/(batch)');
    expect(routeLabel('GET', '/trpc/session.info,nope')).toBe('/trpc/(unknown)');
    expect(routeLabel('GET', '/trpc/s_123')).toBe('/trpc/(unknown)');
  });

  it('keeps fixed routes and folds everything else', () => {
    expect(routeLabel('GET', '/health/ready')).toBe('/health/ready');
    expect(routeLabel('GET', '/metrics')).toBe('/metrics');
    expect(routeLabel('GET', '/dashboard/app.js')).toBe('(other)');
    expect(routeLabel('GET', '/s_123/anything')).toBe('(other)');
  });
});
