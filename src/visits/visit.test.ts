import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { dayFigures, ticketFor, waitMinutes } from './visit.ts';

const at = (time: string) => new Date(`2026-11-25T${time}:00Z`);

describe('tickets', () => {
  const cases: Array<[string, Parameters<typeof ticketFor>, string]> = [
    ['the first walk-in of the day', ['A', 1], 'A001'],
    ['a later walk-in', ['A', 42], 'A042'],
    ['an appointment checked in', ['P', 7], 'P007'],
    ['a very busy day, past 999', ['A', 1000], 'A1000'],
  ];
  for (const [name, args, expected] of cases) it(`numbers ${name} as ${expected}`, () => assert.equal(ticketFor(...args), expected));
});

describe('waiting times', () => {
  it('counts a waiting visitor’s wait until now, a called one’s until they were called, and one who left until they left', () => {
    assert.equal(waitMinutes({ arrivedAt: at('09:00'), calledAt: null, finishedAt: null, status: 'waiting' }, at('09:12')), 12);
    assert.equal(waitMinutes({ arrivedAt: at('09:00'), calledAt: at('09:05'), finishedAt: at('09:30'), status: 'seen' }, at('11:00')), 5);
    assert.equal(waitMinutes({ arrivedAt: at('09:00'), calledAt: null, finishedAt: at('09:40'), status: 'left' }, at('11:00')), 40);
  });
});

describe('the day’s figures', () => {
  it('averages and tops the waits of those called, and counts those seen within 15 minutes, those who left and appointments', () => {
    const figures = dayFigures([
      { arrivedAt: at('09:00'), calledAt: at('09:10'), finishedAt: at('09:20'), status: 'seen' },
      { arrivedAt: at('09:00'), calledAt: at('09:30'), finishedAt: null, status: 'called' },
      { arrivedAt: at('09:05'), calledAt: at('09:20'), finishedAt: at('09:25'), status: 'seen' },
      { arrivedAt: at('09:10'), calledAt: null, finishedAt: at('09:50'), status: 'left' },
      { arrivedAt: at('09:40'), calledAt: null, finishedAt: null, status: 'waiting' },
    ], ['booked', 'arrived', 'done', 'no_show', 'cancelled']);
    assert.deepEqual(figures, {
      visitors: 5, waiting: 1, averageWaitMinutes: 18, longestWaitMinutes: 30, seenWithinTargetPercent: 67, leftWithoutBeingSeen: 1,
      appointments: { booked: 4, kept: 2, noShow: 1, cancelled: 1 },
    });
  });

  it('has no waits to report before anyone is called', () => {
    const figures = dayFigures([{ arrivedAt: at('09:00'), calledAt: null, finishedAt: null, status: 'waiting' }], []);
    assert.equal(figures.averageWaitMinutes, null);
    assert.equal(figures.longestWaitMinutes, null);
    assert.equal(figures.seenWithinTargetPercent, null);
  });
});
