import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { closeTestDatabase, freshServices } from '../test-support.ts';
import { loadDemoCases } from './demo-cases.ts';

after(closeTestDatabase);

describe('the demo council\'s cases', () => {
  it('raises cases in every state, some overdue, with their history and alerts', async () => {
    const services = await freshServices('2026-11-25T12:00:00Z');
    assert.equal(await loadDemoCases(services, { seed: 2002, count: 30 }), 30);
    const rows = await services.db.selectFrom('service_case').select(['status', 'breached_at', 'due_at']).execute();
    assert.equal(rows.length, 30);
    assert.ok(new Set(rows.map((row) => row.status)).size >= 4, 'several states');
    const now = services.clock.now().getTime();
    const overdue = rows.filter((row) => !['resolved', 'closed', 'cancelled'].includes(row.status) && row.due_at.getTime() <= now);
    assert.ok(overdue.length > 0 && overdue.length < 20, `some overdue, not most (${overdue.length})`);
    assert.ok(overdue.every((row) => row.breached_at !== null), 'the SLA alerts marked them');
  });
});
