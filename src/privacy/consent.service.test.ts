import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { closeTestDatabase, testActor } from '../test-support.ts';
import { privacyCouncil, staffMember } from './privacy.test-support.ts';

after(closeTestDatabase);

describe('contact preferences', () => {
  it('keeps each statement with who wrote it down, when and how, and the latest is in force', async () => {
    const { services, edith } = await privacyCouncil();
    const agent = await staffMember(services, 'agent@council.gov.uk', 'agent');
    const personId = (await services.people.getResident(testActor, edith)).person.id;
    assert.equal(await services.privacy.mayContact(personId, 'sms', 'surveys'), false);
    await services.privacy.recordPreference(agent, personId, { channel: 'sms', purpose: 'surveys', granted: 'yes', source: 'phone' });
    services.clock.advance(60_000);
    await services.privacy.recordPreference(agent, personId, { channel: 'sms', purpose: 'surveys', granted: 'no', source: 'letter' });
    const { current, history } = await services.privacy.preferencesOf(agent, personId);
    assert.deepEqual(history.map((item) => [item.granted, item.source, item.recordedByName]), [[false, 'letter', 'agent'], [true, 'phone', 'agent']]);
    assert.equal(current.sms.surveys?.granted, false);
    assert.equal(current.email.marketing, null);
    assert.equal(await services.privacy.mayContact(personId, 'sms', 'surveys'), false);
    assert.equal(await services.privacy.mayContact(personId, 'post', 'service_updates'), true);
    const entries = (await services.audit.forPerson(personId)).filter((entry) => entry.action === 'consent.record');
    assert.equal(entries.length, 2);
    assert.deepEqual(entries[0]?.details, { channel: 'sms', purpose: 'surveys', granted: false, source: 'letter' });
  });

  it('refuses a statement that is not complete', async () => {
    const { services, edith } = await privacyCouncil();
    const personId = (await services.people.getResident(testActor, edith)).person.id;
    await assert.rejects(services.privacy.recordPreference(testActor, personId, { channel: 'pigeon' as 'post', purpose: 'marketing', granted: 'yes', source: 'phone' }), /Choose how the council may contact them/);
  });
});
