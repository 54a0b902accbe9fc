import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { closeTestDatabase, freshServices } from '../test-support.ts';
import { createRateLimiter, windowStartOf } from './rate-limit.service.ts';

after(closeTestDatabase);

describe('counting calls in the database', () => {
  it('allows the limit in a minute, refuses the next with the seconds until the window ends, and starts again after', async () => {
    const services = await freshServices('2026-11-25T09:00:15Z');
    const limiter = createRateLimiter({ db: services.db, clock: services.clock });
    const decisions = [];
    for (let call = 0; call < 4; call++) decisions.push(await limiter.hit('api:token:1', 3, 60_000));
    assert.deepEqual(decisions.map((decision) => [decision.allowed, decision.remaining]), [[true, 2], [true, 1], [true, 0], [false, 0]]);
    assert.equal(decisions[3]?.retryAfterSeconds, 45);
    services.clock.advance(45_000);
    assert.equal((await limiter.hit('api:token:1', 3, 60_000)).allowed, true);
  });

  it('counts each key apart', async () => {
    const services = await freshServices();
    const limiter = createRateLimiter({ db: services.db, clock: services.clock });
    await limiter.hit('api:token:1', 1, 60_000);
    assert.equal((await limiter.hit('api:token:1', 1, 60_000)).allowed, false);
    assert.equal((await limiter.hit('api:token:2', 1, 60_000)).allowed, true);
  });

  it('shares the count between processes, so calls made at once through two of them are each counted', async () => {
    const services = await freshServices();
    const one = createRateLimiter({ db: services.db, clock: services.clock });
    const other = createRateLimiter({ db: services.db, clock: services.clock });
    const decisions = await Promise.all(Array.from({ length: 20 }, (_, call) => (call % 2 === 0 ? one : other).hit('api:token:7', 15, 60_000)));
    assert.equal(decisions.filter((decision) => decision.allowed).length, 15);
    const row = await services.db.selectFrom('rate_limit_window').select('hits').where('key', '=', 'api:token:7').executeTakeFirstOrThrow();
    assert.equal(row.hits, 20);
  });

  it('clears a key\'s old windows as a new one starts', async () => {
    const services = await freshServices();
    const limiter = createRateLimiter({ db: services.db, clock: services.clock });
    await limiter.hit('api:token:1', 10, 60_000);
    services.clock.advance(120_000);
    await limiter.hit('api:token:1', 10, 60_000);
    assert.equal((await services.db.selectFrom('rate_limit_window').select('key').execute()).length, 1);
  });

  it('lines windows up on the epoch, the same in every process', () => {
    assert.equal(windowStartOf(new Date('2026-11-25T09:00:59.999Z'), 60_000).toISOString(), '2026-11-25T09:00:00.000Z');
  });
});
