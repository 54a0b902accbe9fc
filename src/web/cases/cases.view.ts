import { can } from '../../access/policy.ts';
import type { Actor } from '../../access/staff.ts';
import { caseStatusLabels } from '../../cases/case.ts';
import type { CaseDetail, CaseEvent, CaseSummary } from '../../cases/case.repository.ts';
import { transitions, urgencyOf, type Urgency } from '../../cases/case-workflow.ts';
import type { CaseStatus } from '../../db/schema.ts';
import { govDateTime } from '../render.ts';

// What the case pages show, shaped for the templates: tags, timeline items, the forms' choices.

const statusTagClasses: Record<CaseStatus, string> = {
  open: 'govuk-tag--blue', in_progress: 'govuk-tag--light-blue', waiting: 'govuk-tag--yellow', resolved: 'govuk-tag--green', closed: 'govuk-tag--grey', cancelled: 'govuk-tag--grey',
};
const urgencyTags: Record<Urgency, { text: string; classes: string } | null> = {
  overdue: { text: 'Overdue', classes: 'govuk-tag--red' }, at_risk: { text: 'At risk', classes: 'govuk-tag--orange' }, on_time: null, finished: null,
};

export function statusTag(status: CaseStatus) {
  return { text: caseStatusLabels[status], classes: statusTagClasses[status] };
}

export function caseRow(item: CaseSummary, now: Date) {
  return { ...item, statusTag: statusTag(item.status), urgencyTag: urgencyTags[urgencyOf(item, now)] };
}

const eventLabels: Record<CaseEvent['kind'], string> = {
  opened: 'Case opened', status: 'Status changed', assigned: 'Assigned', note: 'Note added', attachment: 'File attached',
  escalated: 'At risk of missing its due date', breached: 'Missed its due date', due_changed: 'Due date changed',
};

function eventText(event: CaseEvent): string {
  const details = event.details;
  switch (event.kind) {
    case 'status': {
      const to = caseStatusLabels[details.to as CaseStatus] ?? String(details.to);
      return `${caseStatusLabels[details.from as CaseStatus] ?? String(details.from)} to ${to}.${details.reason ? ` ${String(details.reason)}` : ''}`;
    }
    case 'assigned': {
      const assignee = details.assignee as { name?: string } | null;
      return `${assignee?.name ? `To ${assignee.name}` : 'To no one'}${details.teamChanged ? `, team ${String(details.team ?? 'none')}` : ''}.`;
    }
    case 'note': return String(details.text ?? '');
    case 'attachment': return String(details.fileName ?? '');
    case 'opened': return `Routed to ${String(details.team ?? 'no team')}: ${String(details.routing ?? '')}`;
    case 'escalated': case 'breached': return `Due ${govDateTime(details.dueAt)}.`;
    default: return '';
  }
}

export function timelineItems(events: readonly CaseEvent[]) {
  return [...events].reverse().map((event) => ({
    label: { text: eventLabels[event.kind] }, text: eventText(event), datetime: { timestamp: event.at.toISOString(), type: 'datetime' }, byline: { text: event.actorName },
  }));
}

/** The form's answers as summary-list rows: an address's parts joined, lists joined, blanks left out. */
export function answerRows(answers: Record<string, unknown>) {
  return Object.entries(answers).flatMap(([name, value]) => {
    const text = answerText(value);
    return text === '' ? [] : [{ key: { text: name.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/^./, (first) => first.toUpperCase()) }, value: { text } }];
  });
}

function answerText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.map(answerText).filter(Boolean).join(', ');
  if (typeof value === 'object') return Object.values(value as Record<string, unknown>).map(answerText).filter(Boolean).join(', ');
  return String(value);
}

export function caseView(actor: Actor, found: CaseDetail, now: Date) {
  const canWork = can(actor, 'case.work');
  const mayTake = canWork && !can(actor, 'case.assign') && found.assignee === null && (found.team === null || actor.teamIds.includes(found.team.id)) && !['resolved', 'closed', 'cancelled'].includes(found.status);
  return {
    item: caseRow(found, now),
    answers: answerRows(found.answers),
    timeline: timelineItems(found.events),
    nextStatuses: transitions[found.status].map((status) => ({ value: status, text: status === 'in_progress' && found.status === 'resolved' ? 'Reopen (in progress)' : caseStatusLabels[status] })),
    canWork, mayTake, canAssign: can(actor, 'case.assign'),
  };
}
