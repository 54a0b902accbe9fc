import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { deriveOccupancy } from './occupancy.ts';

const seen = new Date('2026-01-10T09:00:00Z');

describe('occupancy', () => {
  it('marks the golden record’s UPRN as the current home, open-ended', () => {
    const periods = deriveOccupancy('1', [{ uprn: '1', addressFrom: '2019-04-01', addressTo: null, firstSeenAt: seen, endedAt: null }]);
    assert.deepEqual(periods, [{ uprn: '1', fromDate: '2019-04-01', toDate: null, isCurrent: true, evidenceCount: 1 }]);
  });

  it('closes an earlier home at the latest date any record gives', () => {
    const periods = deriveOccupancy('2', [
      { uprn: '1', addressFrom: '2010-01-01', addressTo: '2018-06-30', firstSeenAt: seen, endedAt: null },
      { uprn: '1', addressFrom: null, addressTo: null, firstSeenAt: seen, endedAt: new Date('2019-02-01T00:00:00Z') },
      { uprn: '2', addressFrom: '2018-07-01', addressTo: null, firstSeenAt: seen, endedAt: null },
    ]);
    const earlier = periods.find((period) => period.uprn === '1');
    assert.deepEqual(earlier, { uprn: '1', fromDate: '2010-01-01', toDate: '2019-02-01', isCurrent: false, evidenceCount: 2 });
  });

  it('uses the day a system first held the record when it gives no start date', () => {
    const [period] = deriveOccupancy('5', [{ uprn: '5', addressFrom: null, addressTo: null, firstSeenAt: seen, endedAt: null }]);
    assert.equal(period?.fromDate, '2026-01-10');
  });
});
