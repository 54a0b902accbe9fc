import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { describeSla, dueAt, fromLondon, londonWallTime, type Sla } from './sla.ts';

const days = (amount: number): Sla => ({ amount, unit: 'working_days' });
const hours = (amount: number): Sla => ({ amount, unit: 'working_hours' });

// Times are written in UTC; London is UTC+1 (BST) from the last Sunday of March to the last Sunday of October.
const cases: Array<{ name: string; start: string; sla: Sla; due: string }> = [
  { name: 'counts working days from the day after', start: '2025-06-02T10:00:00Z', sla: days(5), due: '2025-06-09T16:00:00Z' },
  { name: 'ignores the hour a request arrives on a working day', start: '2025-06-02T21:30:00Z', sla: days(1), due: '2025-06-03T16:00:00Z' },
  { name: 'counts from Monday for a request made on Saturday', start: '2025-06-07T12:00:00Z', sla: days(1), due: '2025-06-09T16:00:00Z' },
  { name: 'skips Good Friday and Easter Monday', start: '2025-04-17T09:00:00Z', sla: days(1), due: '2025-04-22T16:00:00Z' },
  { name: 'skips Easter across a five-day SLA', start: '2025-04-16T09:00:00Z', sla: days(5), due: '2025-04-25T16:00:00Z' },
  { name: 'skips Christmas Day and the substitute Boxing Day in 2026', start: '2026-12-24T10:00:00Z', sla: days(1), due: '2026-12-29T17:00:00Z' },
  { name: 'skips both Christmas substitutes in 2027', start: '2027-12-24T10:00:00Z', sla: days(1), due: '2027-12-29T17:00:00Z' },
  { name: 'skips Christmas and New Year together', start: '2025-12-23T10:00:00Z', sla: days(5), due: '2026-01-02T17:00:00Z' },
  { name: 'skips the Coronation holiday in 2023', start: '2023-05-05T10:00:00Z', sla: days(1), due: '2023-05-09T16:00:00Z' },
  { name: 'skips the Queen’s funeral in 2022', start: '2022-09-16T10:00:00Z', sla: days(1), due: '2022-09-20T16:00:00Z' },
  { name: 'is due at close in GMT after the clocks go back', start: '2025-10-24T10:00:00Z', sla: days(1), due: '2025-10-27T17:00:00Z' },
  { name: 'adds working hours within one day', start: '2025-06-02T09:30:00Z', sla: hours(2), due: '2025-06-02T11:30:00Z' },
  { name: 'is due at closing, not the next opening, when the hours run out exactly then', start: '2025-06-02T14:00:00Z', sla: hours(2), due: '2025-06-02T16:00:00Z' },
  { name: 'starts at the next opening when made exactly at closing', start: '2025-06-02T16:00:00Z', sla: hours(1), due: '2025-06-03T09:00:00Z' },
  { name: 'starts at opening when made before it', start: '2025-06-02T05:00:00Z', sla: hours(1), due: '2025-06-02T09:00:00Z' },
  { name: 'carries hours over the weekend', start: '2025-06-06T15:00:00Z', sla: hours(3), due: '2025-06-09T10:00:00Z' },
  { name: 'carries hours over Easter', start: '2025-04-17T15:00:00Z', sla: hours(2), due: '2025-04-22T09:00:00Z' },
  { name: 'carries hours over Christmas', start: '2026-12-24T16:00:00Z', sla: hours(2), due: '2026-12-29T10:00:00Z' },
  { name: 'carries hours over the clocks going forward', start: '2025-03-28T16:00:00Z', sla: hours(2), due: '2025-03-31T09:00:00Z' },
  { name: 'keeps seconds of the start time', start: '2025-06-02T09:30:15.500Z', sla: hours(1), due: '2025-06-02T10:30:15.500Z' },
  { name: 'spreads many hours over several days', start: '2025-06-02T08:00:00Z', sla: hours(24), due: '2025-06-04T16:00:00Z' },
];

describe('dueAt', () => {
  for (const { name, start, sla, due } of cases) {
    it(name, () => assert.equal(dueAt(new Date(start), sla).toISOString(), new Date(due).toISOString()));
  }

  it('refuses an SLA that is not a whole number of at least one', () => {
    assert.throws(() => dueAt(new Date(), days(0)));
    assert.throws(() => dueAt(new Date(), hours(1.5)));
  });

  it('is never earlier than the start, and a longer SLA is never due sooner', () => {
    for (let step = 0; step < 500; step++) {
      const start = new Date(Date.UTC(2025, 11, 15) + step * 37 * 60_000 * 13);
      for (const unit of ['working_days', 'working_hours'] as const) {
        const shorter = dueAt(start, { amount: 3, unit });
        const longer = dueAt(start, { amount: 4, unit });
        assert.ok(shorter > start && longer > shorter, `${start.toISOString()} ${unit}`);
      }
    }
  });
});

describe('London time', () => {
  it('reads and writes wall times either side of the clock changes', () => {
    assert.deepEqual(londonWallTime(new Date('2025-07-01T08:00:00Z')), { day: '2025-07-01', minuteOfDay: 9 * 60 });
    assert.deepEqual(londonWallTime(new Date('2025-01-01T23:30:00Z')), { day: '2025-01-01', minuteOfDay: 23 * 60 + 30 });
    assert.equal(fromLondon('2025-03-31', 9 * 60).toISOString(), '2025-03-31T08:00:00.000Z');
    assert.equal(fromLondon('2025-03-28', 9 * 60).toISOString(), '2025-03-28T09:00:00.000Z');
  });

  it('describes an SLA in words', () => {
    assert.equal(describeSla(days(1)), '1 working day');
    assert.equal(describeSla(hours(4)), '4 working hours');
  });
});
