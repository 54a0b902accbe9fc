import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { CaseStatus } from '../db/schema.ts';
import { checkAttachment, cleanFileName, contentDisposition, sniffMediaType } from './attachment.ts';
import { caseStatuses } from './case.ts';
import { ageingBucketOf, canMove, escalatesAt, needsReason, urgencyOf, workingDaysBetween } from './case-workflow.ts';

describe('the case workflow', () => {
  const allowed: Array<[CaseStatus, CaseStatus]> = [
    ['open', 'in_progress'], ['open', 'waiting'], ['open', 'resolved'], ['open', 'cancelled'],
    ['in_progress', 'waiting'], ['in_progress', 'resolved'], ['in_progress', 'cancelled'],
    ['waiting', 'in_progress'], ['waiting', 'resolved'], ['waiting', 'cancelled'],
    ['resolved', 'closed'], ['resolved', 'in_progress'],
  ];

  it('allows exactly the listed moves, and none out of closed or cancelled', () => {
    for (const from of caseStatuses) {
      for (const to of caseStatuses) {
        const expected = allowed.some(([a, b]) => a === from && b === to);
        assert.equal(canMove(from, to), expected, `${from} to ${to}`);
      }
    }
  });

  it('asks a reason to resolve or cancel, and for nothing else', () => {
    assert.deepEqual(caseStatuses.filter(needsReason), ['resolved', 'cancelled']);
  });

  it('puts a case at risk at 80% of its time and overdue when due', () => {
    const openedAt = new Date('2026-11-25T09:00:00Z');
    const dueAt = new Date('2026-11-25T19:00:00Z');
    assert.equal(escalatesAt(openedAt, dueAt).toISOString(), '2026-11-25T17:00:00.000Z');
    const cases: Array<[string, string, CaseStatus, string]> = [
      ['before 80%', '2026-11-25T16:59:00Z', 'open', 'on_time'],
      ['at 80%', '2026-11-25T17:00:00Z', 'in_progress', 'at_risk'],
      ['when due', '2026-11-25T19:00:00Z', 'waiting', 'overdue'],
      ['finished late', '2026-11-26T19:00:00Z', 'resolved', 'finished'],
    ];
    for (const [name, now, status, expected] of cases) assert.equal(urgencyOf({ status, openedAt, dueAt }, new Date(now)), expected, name);
  });

  it('counts working days open over weekends and bank holidays', () => {
    const cases: Array<[string, string, string, number]> = [
      ['same day', '2026-11-25', '2026-11-25', 0],
      ['Wednesday to Monday', '2026-11-25', '2026-11-30', 3],
      ['Friday to Monday', '2026-11-27', '2026-11-30', 1],
      ['over Christmas and Boxing Day (28 December a substitute holiday)', '2026-12-24', '2026-12-29', 1],
    ];
    for (const [name, from, to, expected] of cases) assert.equal(workingDaysBetween(from, to), expected, name);
    assert.deepEqual([0, 1, 2, 5, 6, 10, 11, 40].map(ageingBucketOf), ['0-1', '0-1', '2-5', '2-5', '6-10', '6-10', 'over-10', 'over-10']);
  });
});

describe('attachments', () => {
  it('recognises PDF, PNG, JPEG and plain text by their first bytes, whatever their name', () => {
    const cases: Array<[string, Buffer, string | undefined]> = [
      ['PDF', Buffer.from('%PDF-1.7\n'), 'application/pdf'],
      ['PNG', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]), 'image/png'],
      ['JPEG', Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]), 'image/jpeg'],
      ['text', Buffer.from('The bins were not emptied.\r\nCalled twice.\n'), 'text/plain'],
      ['UTF-8 text', Buffer.from('Café – 5 Rue Street'), 'text/plain'],
      ['HTML', Buffer.from('<html><body>hi</body></html>'), undefined],
      ['SVG', Buffer.from('<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"></svg>'), undefined],
      ['a program', Buffer.from([0x4d, 0x5a, 0x90, 0x00, 0x03]), undefined],
      ['not UTF-8', Buffer.from([0x41, 0xc3, 0x28, 0x42]), undefined],
      ['zip', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14]), undefined],
    ];
    for (const [name, content, expected] of cases) assert.equal(sniffMediaType(content), expected, name);
  });

  it('refuses an empty file and one over 10MB', () => {
    assert.equal(checkAttachment(Buffer.alloc(0)).ok, false);
    assert.equal(checkAttachment(Buffer.concat([Buffer.from('%PDF-'), Buffer.alloc(10 * 1024 * 1024)])).ok, false);
    assert.equal(checkAttachment(Buffer.concat([Buffer.from('%PDF-'), Buffer.alloc(10 * 1024 * 1024 - 5)])).ok, true);
  });

  it('keeps only the base of a file name, and sends it back safely', () => {
    assert.equal(cleanFileName('C:\\Users\\ann\\photo.jpg'), 'photo.jpg');
    assert.equal(cleanFileName('../../etc/passwd'), 'passwd');
    assert.equal(cleanFileName('..'), 'attachment');
    assert.equal(contentDisposition('Résumé "1".pdf'), 'attachment; filename="R_sum_ _1_.pdf"; filename*=UTF-8\'\'R%C3%A9sum%C3%A9%20%221%22.pdf');
  });
});
