import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { matchesEventType, retryDelayMs, retryPolicy, signatureOf, verifySignature, wantsEvent } from './webhook.ts';

describe('which events a subscription takes', () => {
  const cases: Array<[string, string[], string, boolean]> = [
    ['an exact type', ['case.created'], 'case.created', true],
    ['another type', ['case.created'], 'case.closed', false],
    ['a wildcard over a domain', ['case.*'], 'case.note.added', true],
    ['a wildcard not matching a longer word', ['case.*'], 'cases.created', false],
    ['everything', ['*'], 'person.merged', true],
    ['one of several', ['person.merged', 'case.*'], 'case.closed', true],
  ];
  for (const [name, patterns, type, expected] of cases) it(`${expected ? 'takes' : 'does not take'} ${name}`, () => assert.equal(matchesEventType(patterns, type), expected));

  it('sends a test event only to the subscription it names, whatever the others ask for', () => {
    const event = { type: 'webhook.test', subject: 'webhook_subscription:2' };
    assert.equal(wantsEvent({ id: 2, event_types: ['case.*'] }, event), true);
    assert.equal(wantsEvent({ id: 3, event_types: ['*'] }, event), false);
  });
});

describe('retrying', () => {
  it('doubles the wait from 30 seconds to at most 6 hours, spread by a fifth either way', () => {
    assert.equal(retryDelayMs(1, 0.5), 30_000);
    assert.equal(retryDelayMs(2, 0.5), 60_000);
    assert.equal(retryDelayMs(1, 0), 24_000);
    assert.equal(retryDelayMs(30, 0.5), 6 * 3_600_000);
  });

  it('gives up after about a day', () => {
    let total = 0;
    for (let attempt = 1; attempt < retryPolicy.maxAttempts; attempt++) total += retryDelayMs(attempt, 0.5);
    assert.ok(total > 20 * 3_600_000 && total < 30 * 3_600_000, `${total / 3_600_000} hours`);
  });
});

describe('signatures', () => {
  const secret = 'whsec_test';
  const body = '{"id":"e1"}';
  const now = new Date('2026-11-25T09:00:00Z');
  const timestamp = Math.floor(now.getTime() / 1000);

  it('is the HMAC-SHA256 of "timestamp.body" in hex, as a receiver computes it', () => {
    assert.equal(signatureOf(secret, timestamp, body), `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`);
  });

  it('verifies within the replay window, and not outside it, nor with another body or secret', () => {
    const signature = signatureOf(secret, timestamp, body);
    assert.equal(verifySignature({ secret, timestamp: String(timestamp), body, signature, now }), true);
    assert.equal(verifySignature({ secret, timestamp: String(timestamp), body, signature, now: new Date(now.getTime() + 301_000) }), false);
    assert.equal(verifySignature({ secret, timestamp: String(timestamp), body: '{"id":"e2"}', signature, now }), false);
    assert.equal(verifySignature({ secret: 'other', timestamp: String(timestamp), body, signature, now }), false);
    assert.equal(verifySignature({ secret, timestamp: 'soon', body, signature, now }), false);
  });
});
