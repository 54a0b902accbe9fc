import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Actor } from '../access/staff.ts';
import { emptyFields } from '../people/survivorship.ts';
import { closeTestDatabase, freshServices, tempDir, testActor, writeFile } from '../test-support.ts';

after(closeTestDatabase);

const header = 'source_id,given_name,family_name,dob,postcode,address_line1,uprn,phone';
const councilTax = [
  header,
  'CT1,Jane,Smith,1980-04-01,L1 8JQ,1 High Street,100012345678,07700 900123',
  'CT2,Ahmed,Khan,1990-11-30,L1 8JQ,3 High Street,100012345680,0151 496 0000',
  'CT3,Asha,Khan,1992-01-30,L1 8JQ,3 High Street,100012345680,0151 496 0000',
].join('\n');

const missedBin = { binType: 'general', outOnTime: 'yes', 'address-line1': '1 High Street', 'address-postcode': 'L1 8JQ' };
const councilTaxMove = { accountNumber: '12345678', moveType: 'in', 'moveDate-day': '1', 'moveDate-month': '11', 'moveDate-year': '2026', 'newAddress-line1': '1 High Street', 'newAddress-postcode': 'L1 8JQ' };
const calm = { resolvedFirstContact: true, avoidable: false } as const;

type Services = Awaited<ReturnType<typeof freshServices>>;

describe('the contact ledger', () => {
  let services: Services;
  let agent: Actor;
  let jane: string;

  before(async () => {
    services = await freshServices();
    await services.catalogue.loadStarter(testActor);
    await services.imports.registerSystem({ code: 'council_tax', name: 'Council tax', trust: 90 });
    await services.imports.importFile({ systemCode: 'council_tax', filePath: writeFile(tempDir(), 'ct.csv', councilTax), actor: testActor });
    const user = await services.staff.addUser({ email: 'agent@council.gov.uk', displayName: 'Alex Agent', password: 'a long enough password', role: 'agent' });
    agent = { kind: 'staff', userId: user.id, email: user.email, displayName: user.displayName, role: 'agent', teamIds: [], door: 'web' };
    jane = (await services.people.search(testActor, { q: 'Jane Smith' })).hits[0]?.reference ?? '';
    assert.ok(jane);
  });

  const counts = async () => ({
    contacts: Number((await services.db.selectFrom('contact').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n),
    cases: Number((await services.db.selectFrom('service_case').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n),
    reasons: Number((await services.db.selectFrom('contact_reason').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n),
    events: Number((await services.db.selectFrom('outbox_event').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n),
  });

  describe('recording contacts', () => {
    beforeEach(() => services.clock.set('2026-11-25T09:00:00Z'));

    it('records a whole contact that raises two cases in one go, with its reasons, outcome and events', async () => {
      const { contact, cases } = await services.contacts.record(agent, {
        channel: 'email', person: jane, cases: [{ service: 'missed-bin', answers: missedBin }, { service: 'council-tax-move', answers: councilTaxMove }], ...calm, summary: 'Two things',
      });
      assert.equal(cases.length, 2);
      assert.equal(contact.status, 'wrapped');
      assert.equal(contact.outcome, 'case_raised');
      assert.equal(contact.personReference, jane);
      assert.deepEqual(contact.reasons.map((reason) => reason.code).sort(), ['council-tax-move', 'missed-bin']);
      assert.deepEqual(contact.cases.map((item) => item.reference), cases.map((item) => item.reference));
      const events = await services.db.selectFrom('outbox_event').select(['type', 'subject']).where('subject', '=', `contact:${contact.id}`).execute();
      assert.deepEqual(events.map((event) => event.type), ['contact.recorded']);
      const raised = await services.db.selectFrom('service_case').select(['person_id', 'contact_id']).where('contact_id', '=', contact.id).execute();
      assert.ok(raised.every((row) => row.person_id === contact.personId && row.contact_id === contact.id));
    });

    it('writes nothing when the second case has a bad answer: no contact, no case, no event', async () => {
      const before = await counts();
      await assert.rejects(
        services.contacts.record(agent, { channel: 'web', person: jane, cases: [{ service: 'missed-bin', answers: missedBin }, { service: 'council-tax-move', answers: { ...councilTaxMove, accountNumber: '12' } }], ...calm }),
        (error: Error & { fieldErrors?: Record<string, string> }) => {
          assert.match(error.fieldErrors?.['cases.1.accountNumber'] ?? '', /8 to 10 digits/);
          return true;
        },
      );
      assert.deepEqual(await counts(), before);
    });

    it('raises cases from an open contact all or none, leaving the contact as it was when one is wrong', async () => {
      const contactId = await services.contacts.start(agent, { channel: 'phone_in', person: jane });
      const before = await counts();
      await assert.rejects(services.contacts.raiseCases(agent, contactId, [{ service: 'missed-bin', answers: missedBin }, { service: 'council-tax-move', answers: { ...councilTaxMove, moveType: '' } }]));
      assert.deepEqual(await counts(), before);
      const opened = await services.contacts.raiseCases(agent, contactId, [{ service: 'missed-bin', answers: missedBin }, { service: 'council-tax-move', answers: councilTaxMove }]);
      assert.equal(opened.length, 2);
      const wrapped = await services.contacts.wrapUp(agent, contactId, { ...calm });
      assert.equal(wrapped.outcome, 'case_raised', 'a contact that raised cases ends with case raised by default');
      assert.ok(wrapped.endedAt);
      await assert.rejects(services.contacts.raiseCases(agent, contactId, [{ service: 'missed-bin', answers: missedBin }]), /wrapped up already/);
    });

    it('asks why an avoidable contact happened, and for an outcome when no case was raised', async () => {
      const contactId = await services.contacts.start(agent, { channel: 'phone_in' });
      await assert.rejects(services.contacts.wrapUp(agent, contactId, { resolvedFirstContact: false, avoidable: true, outcome: 'information' }), /why the contact could have been avoided/);
      await assert.rejects(services.contacts.wrapUp(agent, contactId, { ...calm }), /Select the outcome/);
      const wrapped = await services.contacts.wrapUp(agent, contactId, { resolvedFirstContact: false, avoidable: true, avoidableReason: 'progress_chasing', outcome: 'information' });
      assert.deepEqual([wrapped.avoidable, wrapped.avoidableReason, wrapped.outcome], [true, 'progress_chasing', 'information']);
    });

    it('links a contact from an unknown caller, and the cases it raised, to the resident later', async () => {
      const contactId = await services.contacts.start(agent, { channel: 'phone_in', callerNumber: '07700 900999' });
      const [raised] = await services.contacts.raiseCases(agent, contactId, [{ service: 'missed-bin', answers: missedBin }]);
      assert.ok(raised);
      const linked = await services.contacts.linkPerson(agent, contactId, jane);
      assert.equal(linked.personReference, jane);
      const row = await services.db.selectFrom('service_case').select('person_id').where('reference', '=', raised.reference).executeTakeFirstOrThrow();
      assert.equal(row.person_id, linked.personId);
      const timeline = await services.contacts.timeline(agent, jane, { limit: 100 });
      assert.ok(timeline.entries.some((entry) => entry.kind === 'contact' && entry.contact.id === contactId));
      assert.ok(timeline.entries.some((entry) => entry.kind === 'case' && entry.case.reference === raised.reference));
    });

    it('refuses a case or a reason for a service the catalogue does not have, writing nothing', async () => {
      await assert.rejects(services.contacts.record(agent, { channel: 'web', cases: [{ service: 'no-such-service', answers: {} }], ...calm }), /no service no-such-service/);
      await assert.rejects(services.contacts.record(agent, { channel: 'web', reasons: ['nothing-like-this'], outcome: 'information', ...calm }), /no service nothing-like-this/);
    });
  });

  describe('screen-pop', () => {
    it('opens the agent’s call on the one resident with that number, and gives the same contact for the same call id', async () => {
      const first = await services.contacts.screenPop(testActor, { callerNumber: '07700900123', callId: 'call-1', agentEmail: 'Agent@council.gov.uk' });
      assert.equal(first.created, true);
      assert.equal(first.personReference, jane);
      assert.equal(first.url, `/desk/contacts/${first.contactId}`);
      const again = await services.contacts.screenPop(testActor, { callerNumber: '07700900123', callId: 'call-1', agentEmail: 'agent@council.gov.uk' });
      assert.deepEqual([again.contactId, again.created], [first.contactId, false]);
      const open = await services.contacts.openContacts(agent);
      assert.ok(open.some((contact) => contact.id === first.contactId && contact.callerNumber === '+447700900123' && contact.channel === 'phone_in'));
      const ended = await services.contacts.endCall(testActor, 'call-1');
      assert.ok(ended.endedAt);
      assert.equal(ended.status, 'open', 'the agent still wraps up after the line drops');
    });

    it('still opens on the one resident holding the number once the council has a learnt matching model', async () => {
      // A council's model links records automatically only on the weight of several details: a phone number alone
      // never reaches that band (the demo council's model: +9.9 for the number against a prior of -13.3, where links
      // start at 5.8). Three records teach a model with a low bar, so the bar is raised here to a council's own.
      await services.relink.relink(testActor);
      await services.database.asOwner(async (owner) => {
        const learnt = await owner.selectFrom('match_model').select(['record_count', 'model']).where('is_current', '=', true).executeTakeFirstOrThrow();
        const model = { ...learnt.model, thresholds: { ...(learnt.model.thresholds as object), upper: 60 } };
        await owner.updateTable('match_model').set({ is_current: false }).execute();
        await owner.insertInto('match_model').values({ record_count: learnt.record_count, model: JSON.stringify(model), is_current: true }).execute();
      });
      const [ranked = []] = await services.matches.matchRecords(services.db, (await services.matches.currentModel(services.db))!.model, [{ sourceSystem: 'telephony', sourceId: 'caller', fields: { ...emptyFields, phone: '+447700900123' } }]);
      assert.ok(ranked.length > 0 && ranked.every((match) => match.band !== 'link'), 'the number alone is not a confident match');
      const popped = await services.contacts.screenPop(testActor, { callerNumber: '+44 7700 900123', callId: 'call-model', agentEmail: 'agent@council.gov.uk' });
      assert.equal(popped.personReference, jane);
      const shared = await services.contacts.screenPop(testActor, { callerNumber: '0151 496 0000', callId: 'call-model-2', agentEmail: 'agent@council.gov.uk' });
      assert.equal(shared.personReference, null);
    });

    it('leaves the caller unknown when two residents share the number, or no one has it', async () => {
      const shared = await services.contacts.screenPop(testActor, { callerNumber: '0151 496 0000', callId: 'call-2', agentEmail: 'agent@council.gov.uk' });
      assert.equal(shared.personReference, null);
      const stranger = await services.contacts.screenPop(testActor, { callerNumber: '07700 900555', callId: 'call-3', agentEmail: 'agent@council.gov.uk' });
      assert.equal(stranger.personReference, null);
      await assert.rejects(services.contacts.screenPop(testActor, { callerNumber: '07700 900555', callId: 'call-4', agentEmail: 'nobody@council.gov.uk' }), /no active member of staff/);
      await assert.rejects(services.contacts.endCall(testActor, 'no-such-call'), /no call/);
    });
  });

  describe('the timeline', () => {
    it('merges contacts and cases newest first, a page at a time, without losing or repeating any', async () => {
      const fresh = (await services.people.search(testActor, { q: 'Ahmed Khan' })).hits[0]?.reference ?? '';
      for (let day = 1; day <= 7; day += 1) {
        services.clock.set(`2026-11-${String(day).padStart(2, '0')}T10:00:00Z`);
        await services.contacts.record(agent, { channel: 'phone_in', person: fresh, cases: day % 2 === 0 ? [{ service: 'missed-bin', answers: missedBin }] : [], outcome: day % 2 === 0 ? undefined : 'information', ...calm });
      }
      const seen: string[] = [];
      let after: string | undefined;
      let pages = 0;
      do {
        const page = await services.contacts.timeline(agent, fresh, { limit: 3, ...(after ? { after } : {}) });
        seen.push(...page.entries.map((entry) => `${entry.at.toISOString().slice(0, 10)} ${entry.kind}`));
        after = page.next ?? undefined;
        pages += 1;
      } while (after && pages < 10);
      assert.equal(seen.length, 10, 'seven contacts and three cases');
      assert.equal(new Set(seen).size, 10);
      assert.deepEqual(seen.slice(0, 4), ['2026-11-07 contact', '2026-11-06 contact', '2026-11-06 case', '2026-11-05 contact']);
      assert.equal(pages, 4);
      await assert.rejects(services.contacts.timeline(agent, fresh, { after: 'not-a-cursor' }), /cannot be read/);
    });
  });

  describe('who may', () => {
    it('lets every role record a contact (the policy table says everyone talks to residents), named as who took it', async () => {
      const dpo = await services.staff.addUser({ email: 'dpo@council.gov.uk', displayName: 'Dee', password: 'a long enough password', role: 'dpo' });
      const actor: Actor = { kind: 'staff', userId: dpo.id, email: dpo.email, displayName: 'Dee', role: 'dpo', teamIds: [], door: 'web' };
      const id = await services.contacts.start(actor, { channel: 'letter' });
      assert.equal((await services.contacts.get(actor, id)).staffName, 'Dee');
    });
  });
});
