import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { fromLondon } from '../catalogue/sla.ts';
import { busiestOverlap, clockTime, closedReason, freeSlots, parseHhmm, slotProblem } from './appointment.ts';

// Wednesday 25 November 2026, 9am in London (GMT).
const now = new Date('2026-11-25T09:00:00Z');
const booked = (day: string, from: string, to: string) => ({ startsAt: fromLondon(day, parseHhmm(from) ?? 0), endsAt: fromLondon(day, parseHhmm(to) ?? 0) });

describe('appointment slot rules', () => {
  const cases: Array<[string, string, string, number, string | undefined]> = [
    ['a weekday morning slot', '2026-11-26', '10:00', 30, undefined],
    ['the last slot, ending at 5pm', '2026-11-26', '16:00', 60, undefined],
    ['a Saturday', '2026-11-28', '10:00', 30, 'The One Stop Shop is closed on Saturdays: choose a weekday'],
    ['a Sunday', '2026-11-29', '10:00', 30, 'The One Stop Shop is closed on Sundays: choose a weekday'],
    ['Christmas Day', '2026-12-25', '10:00', 30, 'The One Stop Shop is closed on bank holidays: choose another day'],
    ['the substitute Boxing Day holiday', '2026-12-28', '10:00', 30, 'The One Stop Shop is closed on bank holidays: choose another day'],
    ['a day already gone', '2026-11-24', '10:00', 30, 'The date must be today or in the future'],
    ['before opening', '2026-11-26', '08:45', 15, 'Choose a time between 9am and 5pm: the appointment must end by 5pm'],
    ['running past closing', '2026-11-26', '16:30', 45, 'Choose a time between 9am and 5pm: the appointment must end by 5pm'],
    ['off the quarter-hour grid', '2026-11-26', '10:10', 15, 'Choose a time on the quarter hour'],
    ['earlier today', '2026-11-25', '09:00', 15, 'That time has passed: choose a later one'],
    ['later today', '2026-11-25', '09:15', 15, undefined],
  ];
  for (const [name, day, time, length, expected] of cases) {
    it(`${expected ? 'refuses' : 'accepts'} ${name}`, () => assert.equal(slotProblem(day, parseHhmm(time) ?? -1, length, now)?.text, expected));
  }

  it('keeps the opening hours in London time after the clocks go forward', () => {
    // Monday 30 March 2026 is in British Summer Time: 9am in London is 8am UTC.
    const slots = freeSlots('2026-03-30', 15, [], 1, new Date('2026-03-27T12:00:00Z'));
    assert.equal(slots[0]?.time, '9:00am');
    assert.equal(fromLondon('2026-03-30', slots[0]?.minute ?? 0).toISOString(), '2026-03-30T08:00:00.000Z');
  });

  it('says why a whole day is closed', () => {
    assert.match(closedReason('2026-05-04') ?? '', /bank holidays/); // the early May bank holiday
    assert.equal(closedReason('2026-05-05'), undefined);
  });
});

describe('desk capacity', () => {
  const day = '2026-11-26';
  it('counts the most appointments held at any one quarter hour of a slot', () => {
    const diary = [booked(day, '10:00', '10:30'), booked(day, '10:15', '11:00'), booked(day, '10:45', '11:00')];
    assert.equal(busiestOverlap(fromLondon(day, 600), fromLondon(day, 660), diary), 2);
    assert.equal(busiestOverlap(fromLondon(day, 630), fromLondon(day, 645), diary), 1);
    assert.equal(busiestOverlap(fromLondon(day, 660), fromLondon(day, 720), diary), 0, 'an appointment ending at 11 does not hold 11:00');
  });

  it('offers only the times with a desk free for the whole length', () => {
    const diary = [booked(day, '09:00', '09:30'), booked(day, '09:00', '09:15')];
    const slots = freeSlots(day, 30, diary, 2, now);
    assert.deepEqual(slots.slice(0, 2).map((slot) => [slot.time, slot.free]), [['9:15am', 1], ['9:30am', 2]], '9:00 is full; 9:15 overlaps the half-hour one');
    const oneDesk = freeSlots(day, 15, diary, 3, now);
    assert.deepEqual(oneDesk.slice(0, 3).map((slot) => [slot.value, slot.free]), [['09:00', 1], ['09:15', 2], ['09:30', 3]]);
    assert.equal(freeSlots(day, 60, [], 3, now).length, 29, '9:00 to 4:00 every quarter hour');
    assert.deepEqual(freeSlots('2026-11-28', 15, [], 3, now), []);
  });

  it('reads and writes times of day', () => {
    assert.equal(clockTime(12 * 60 + 15), '12:15pm');
    assert.equal(parseHhmm('9:05'), 545);
    assert.equal(parseHhmm('24:00'), undefined);
    assert.equal(parseHhmm('nine'), undefined);
  });
});
