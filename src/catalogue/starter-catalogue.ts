import type { FormField } from './form-definition.ts';
import type { ServiceInput } from './service.ts';

// The starter catalogue: common council services, loaded on first run (and by `onestop service load-starter`) for
// administrators to change to their council's own. Forms ask what the team needs to act and no more.
//
// LGSL numbers: only those checked are given. Missed bin collection is LGSL 524 as issue 5 records it; every other
// service's number is left empty rather than guessed, for the council to confirm against the Local Government
// Service List (https://standards.esd.org.uk) and set on the admin page or in a catalogue file.

export const starterTeams = [
  { code: 'waste_services', name: 'Waste and recycling', contact: 'Waste services, extension 4100' },
  { code: 'street_scene', name: 'Street scene and cleansing', contact: 'Street scene, extension 4150' },
  { code: 'highways', name: 'Highways and street lighting', contact: 'Highways, extension 4200' },
  { code: 'environmental_health', name: 'Environmental health', contact: 'Environmental health, extension 4300' },
  { code: 'revenues', name: 'Council tax', contact: 'Revenues, extension 4400' },
  { code: 'benefits', name: 'Benefits', contact: 'Benefits, extension 4450' },
  { code: 'parking_services', name: 'Parking services', contact: 'Parking, extension 4500' },
  { code: 'customer_services', name: 'Customer services', contact: 'Customer services, extension 4000' },
  { code: 'libraries', name: 'Libraries', contact: 'Central library, extension 4600' },
  { code: 'leisure', name: 'Leisure services', contact: 'Leisure, extension 4650' },
  { code: 'adult_learning', name: 'Adult learning', contact: 'Adult learning, extension 4700' },
  { code: 'housing_options', name: 'Housing options', contact: 'Housing options, extension 4800' },
  { code: 'housing_repairs', name: 'Housing repairs', contact: 'Repairs line, extension 4850' },
  { code: 'registrars', name: 'Registration service', contact: 'Register office, extension 4900' },
] as const;

const yes = (name: string, label: string, more: Partial<FormField> = {}): FormField => ({ name, label, type: 'yesno', required: true, ...more } as FormField);
const text = (name: string, label: string, more: Partial<Extract<FormField, { type: 'text' }>> = {}): FormField => ({ name, label, type: 'text', required: true, maxLength: 200, ...more });
const area = (name: string, label: string, more: Partial<Extract<FormField, { type: 'textarea' }>> = {}): FormField => ({ name, label, type: 'textarea', required: true, maxLength: 1200, ...more });
const address = (name = 'address', label = 'Address', more: Partial<FormField> = {}): FormField => ({ name, label, type: 'address', required: true, hint: 'Find the UPRN from the resident’s record when you can.', ...more } as FormField);
const date = (name: string, label: string, more: Partial<Extract<FormField, { type: 'date' }>> = {}): FormField => ({ name, label, type: 'date', required: true, hint: 'For example, 27 3 2025', ...more });
const phone: FormField = { name: 'phone', label: 'Phone number', type: 'phone', required: false, hint: 'So the team can call back if they need to' };
const email: FormField = { name: 'email', label: 'Email address', type: 'email', required: false, hint: 'For updates on the request' };
const choice = (type: 'radios' | 'select', name: string, label: string, options: Array<[string, string]>, more: Partial<FormField> = {}): FormField =>
  ({ name, label, type, required: true, options: options.map(([value, optionText]) => ({ value, text: optionText })), ...more } as FormField);
const when = (field: string, ...equals: string[]) => ({ showWhen: { field, equals } });
const accountNumber = text('accountNumber', 'Council tax account number', { pattern: '\\d{8,10}', patternMessage: 'Enter the account number: 8 to 10 digits, from the bill', hint: '8 to 10 digits, at the top of the bill', errorName: 'the council tax account number' });
const days = (amount: number) => ({ amount, unit: 'working_days' as const });
const hours = (amount: number) => ({ amount, unit: 'working_hours' as const });

export const starterCatalogue: ServiceInput[] = [
  {
    code: 'missed-bin', lgsl: 524, name: 'Missed bin collection', team: 'waste_services', sla: days(2),
    guidance: 'Check the round on the collection calendar first: if the crew is still out today, ask the resident to leave the bin out until 8pm. Bins reported more than two working days after the collection day cannot be returned for.',
    form: { fields: [
      address('address', 'Address of the missed collection'),
      choice('radios', 'binType', 'Which bin was missed?', [['general', 'General waste'], ['recycling', 'Recycling'], ['garden', 'Garden waste'], ['food', 'Food waste']]),
      text('gardenPermit', 'Garden waste permit number', { ...when('binType', 'garden'), required: false, maxLength: 20 }),
      yes('outOnTime', 'Was the bin out by 7am on collection day?'),
      phone,
    ] },
  },
  {
    code: 'bulky-waste', name: 'Bulky waste collection', team: 'waste_services', sla: days(10),
    guidance: 'Up to 10 items per collection. No building rubble, asbestos, gas bottles or tyres. Take payment before confirming the collection date.',
    form: { fields: [
      address('address', 'Collection address'),
      area('items', 'What items need collecting?', { maxLength: 500, hint: 'List each item, for example: sofa, fridge, mattress' }),
      { name: 'itemCount', label: 'How many items?', type: 'number', required: true, min: 1, max: 10, wholeNumber: true, errorName: 'the number of items' },
      choice('radios', 'placedAt', 'Where will the items be left?', [['front-garden', 'Front garden'], ['driveway', 'Driveway'], ['kerbside', 'Kerbside']]),
      yes('hasFridge', 'Is one of the items a fridge or freezer?'),
      phone,
    ] },
  },
  {
    code: 'fly-tipping', name: 'Report fly-tipping', team: 'street_scene', sla: days(3),
    guidance: 'Never ask the caller to touch or move the waste. Hazardous waste (asbestos, chemicals, needles) goes to environmental health and is cleared within one working day.',
    form: { fields: [
      text('location', 'Where is the fly-tipping?', { hint: 'Street name and a landmark, for example: Hope Street, by the post box', maxLength: 300, errorName: 'where the fly-tipping is' }),
      choice('select', 'wasteType', 'What has been dumped?', [['household', 'Household waste'], ['garden', 'Garden waste'], ['building', 'Building rubble'], ['furniture', 'Furniture'], ['tyres', 'Tyres'], ['other', 'Something else']]),
      yes('hazardous', 'Could it be hazardous?', { hint: 'For example, asbestos, chemicals or needles' }),
      area('hazardDetails', 'Describe what could be hazardous', { ...when('hazardous', 'yes'), maxLength: 500 }),
      yes('witnessed', 'Did the caller see who dumped it?'),
      area('witnessDetails', 'What did they see?', { ...when('witnessed', 'yes'), required: false, hint: 'Vehicle registration, time, description', maxLength: 1000 }),
    ] },
    routing: [{ team: 'environmental_health', field: 'hazardous', equals: ['yes'] }],
  },
  {
    code: 'pothole', name: 'Report a pothole', team: 'highways', sla: days(5),
    guidance: 'A pothole deeper than 40mm on a road, or 20mm on a footway, meets the intervention level. If someone has been injured, give the claims address; do not discuss liability.',
    form: { fields: [
      text('location', 'Where is the pothole?', { maxLength: 300, hint: 'Street name, nearest house number or landmark', errorName: 'where the pothole is' }),
      choice('radios', 'surface', 'Is it on the road or the pavement?', [['road', 'Road'], ['pavement', 'Pavement'], ['cycle-lane', 'Cycle lane']]),
      choice('radios', 'size', 'How big is it?', [['small', 'Smaller than a dinner plate'], ['medium', 'Up to the size of a car tyre'], ['large', 'Bigger than a car tyre']]),
      yes('causedDamage', 'Has it caused damage or injury?'),
      area('damageDetails', 'What happened?', { ...when('causedDamage', 'yes'), maxLength: 1000 }),
    ] },
  },
  {
    code: 'street-light-fault', name: 'Street light fault', team: 'highways', sla: days(10),
    guidance: 'The column number is on a plate about head height. Exposed wiring or a leaning column is an emergency: transfer the call to the highways out-of-hours line.',
    form: { fields: [
      text('columnNumber', 'Lamp column number', { required: false, maxLength: 12, pattern: '[A-Za-z0-9/-]{1,12}', patternMessage: 'Enter the column number as shown on its plate, for example 14A', hint: 'On a plate on the post, for example 14A' }),
      text('location', 'Street and nearest house number', { maxLength: 300, errorName: 'the street and nearest house number' }),
      choice('radios', 'fault', 'What is wrong with the light?', [['out', 'It is out'], ['day-burning', 'It is on during the day'], ['flickering', 'It flickers'], ['damaged', 'The column is damaged']]),
      yes('exposedWires', 'Are any wires showing?', when('fault', 'damaged')),
    ] },
  },
  {
    code: 'noise-complaint', name: 'Noise complaint', team: 'environmental_health', sla: days(5),
    guidance: 'Statutory nuisance (Environmental Protection Act 1990, s79). Offer diary sheets. For noise happening now at night, give the out-of-hours noise line.',
    form: { fields: [
      choice('select', 'noiseType', 'What kind of noise?', [['music', 'Music or parties'], ['dog', 'Dog barking'], ['alarm', 'Alarm'], ['construction', 'Building work'], ['commercial', 'Shop, pub or factory'], ['other', 'Something else']]),
      address('sourceAddress', 'Where is the noise coming from?', { required: false, hint: 'Leave blank if the caller does not know the address' }),
      date('started', 'When did it start?', { notInFuture: true }),
      area('pattern', 'When does it happen?', { hint: 'Days and times, how long it lasts', maxLength: 1000 }),
      yes('spokenToNeighbour', 'Has the caller spoken to the person making the noise?', { required: false }),
    ] },
  },
  {
    code: 'council-tax-move', name: 'Council tax: moving home', team: 'revenues', sla: days(10),
    guidance: 'Take the date the resident moved, not the date they called. A move out of the borough needs a forwarding address for the final bill.',
    form: { fields: [
      accountNumber,
      choice('radios', 'moveType', 'Is the resident moving in, out or within the borough?', [['in', 'Moving into the borough'], ['out', 'Moving out of the borough'], ['within', 'Moving within the borough']]),
      date('moveDate', 'Date of the move'),
      address('newAddress', 'New address'),
      address('oldAddress', 'Previous address', { ...when('moveType', 'out', 'within') }),
      email,
    ] },
  },
  {
    code: 'single-person-discount', name: 'Council tax single person discount', team: 'revenues', sla: days(10),
    guidance: '25% off when one adult (18 or over) lives at the property. Students and some carers are disregarded. Warn that the discount is reviewed against other records.',
    form: { fields: [
      accountNumber,
      { name: 'adults', label: 'How many adults live at the property?', type: 'number', required: true, min: 1, max: 20, wholeNumber: true, hint: 'Count everyone aged 18 or over', errorName: 'the number of adults' },
      date('onlyAdultSince', 'Since when has the resident been the only adult?', { notInFuture: true }),
      email,
    ] },
  },
  {
    code: 'housing-benefit-enquiry', name: 'Housing benefit enquiry', team: 'benefits', sla: days(5),
    guidance: 'New claims from working-age residents go to Universal Credit unless they live in supported or temporary housing, or have reached State Pension age.',
    form: { fields: [
      text('claimReference', 'Claim reference', { required: false, maxLength: 12, pattern: '[A-Za-z0-9]{6,12}', patternMessage: 'Enter the claim reference: 6 to 12 letters and digits' }),
      choice('radios', 'enquiry', 'What is the enquiry about?', [['new-claim', 'A new claim'], ['change', 'A change of circumstances'], ['payment', 'A payment'], ['overpayment', 'An overpayment'], ['other', 'Something else']]),
      date('changeDate', 'When did the change happen?', { ...when('enquiry', 'change'), notInFuture: true }),
      area('details', 'Details of the enquiry', { maxLength: 2000 }),
      phone,
    ] },
  },
  {
    code: 'blue-badge', name: 'Blue Badge', team: 'customer_services', sla: days(30),
    guidance: 'Residents getting the higher rate of PIP mobility, or registered blind, qualify automatically. Others are assessed; say that it can take up to 12 weeks.',
    form: { fields: [
      choice('radios', 'forWhom', 'Who is the badge for?', [['self', 'The caller'], ['someone-else', 'Someone the caller cares for']]),
      text('relationship', 'What is the caller’s relationship to them?', { ...when('forWhom', 'someone-else'), maxLength: 100 }),
      date('dateOfBirth', 'Date of birth of the badge holder', { notInFuture: true }),
      choice('select', 'eligibility', 'Why does the holder need a badge?', [['pip', 'Higher rate PIP mobility'], ['blind', 'Registered blind'], ['war-pension', 'War pension mobility supplement'], ['walking', 'Difficulty walking'], ['hidden', 'A non-visible condition'], ['child', 'A child under 3 with medical equipment']]),
      yes('renewal', 'Is this a renewal?'),
      text('badgeNumber', 'Current badge number', { ...when('renewal', 'yes'), maxLength: 20 }),
      address(),
    ] },
  },
  {
    code: 'parking-permit', name: 'Residents’ parking permit', team: 'parking_services', sla: days(5),
    guidance: 'One permit per vehicle, up to two per household. The vehicle must be registered (V5C) at the address in the zone.',
    form: { fields: [
      choice('radios', 'permitType', 'Which permit?', [['resident', 'Resident'], ['visitor', 'Visitor'], ['carer', 'Carer'], ['business', 'Business']]),
      text('registration', 'Vehicle registration number', { ...when('permitType', 'resident', 'business'), maxLength: 8, pattern: '[A-Za-z0-9 ]{2,8}', patternMessage: 'Enter a registration number, like AB12 CDE' }),
      choice('select', 'zone', 'Parking zone', [['a', 'Zone A: town centre'], ['b', 'Zone B: station'], ['c', 'Zone C: hospital'], ['d', 'Zone D: university']]),
      address(),
      email,
    ] },
  },
  {
    code: 'library-membership', name: 'Library membership', team: 'libraries', sla: days(1),
    guidance: 'Membership is free for anyone who lives, works or studies in the borough. Children under 16 need a parent or carer to join with them.',
    form: { fields: [
      date('dateOfBirth', 'Date of birth', { notInFuture: true }),
      address(),
      choice('select', 'branch', 'Home library', [['central', 'Central library'], ['north', 'North library'], ['south', 'South library'], ['mobile', 'Mobile library']]),
      email,
      phone,
    ] },
  },
  {
    code: 'leisure-pass', name: 'Leisure pass', team: 'leisure', sla: days(5),
    guidance: 'Concessions for residents getting a means-tested benefit, over 65s, carers and full-time students. Ask for proof at the first visit, not on the phone.',
    form: { fields: [
      choice('radios', 'passType', 'Which pass?', [['standard', 'Standard'], ['concession', 'Concession'], ['junior', 'Junior (under 16)']]),
      choice('select', 'concessionReason', 'Why does the resident qualify for a concession?', [['benefit', 'Means-tested benefit'], ['over-65', 'Aged 65 or over'], ['carer', 'Carer'], ['student', 'Full-time student']], when('passType', 'concession')),
      date('dateOfBirth', 'Date of birth', { notInFuture: true }),
      email,
    ] },
  },
  {
    code: 'adult-learning-enrolment', name: 'Adult learning enrolment', team: 'adult_learning', sla: days(5),
    guidance: 'Courses are free for residents on a qualifying benefit. Enrolment closes a week before the course starts.',
    form: { fields: [
      text('courseCode', 'Course code', { maxLength: 10, pattern: '[A-Za-z]{2,4}\\d{2,4}', patternMessage: 'Enter the course code from the prospectus, like ESOL101', hint: 'From the prospectus, for example ESOL101', errorName: 'the course code' }),
      date('startDate', 'Course start date', { notInPast: true }),
      yes('needsSupport', 'Does the learner need support to take part?'),
      area('supportDetails', 'What support do they need?', { ...when('needsSupport', 'yes'), maxLength: 1000 }),
      email,
    ] },
  },
  {
    code: 'dog-fouling', name: 'Report dog fouling', team: 'street_scene', sla: days(5),
    guidance: 'If the caller knows who the owner is, take details for enforcement: a fixed penalty under the borough’s Public Spaces Protection Order.',
    form: { fields: [
      text('location', 'Where is it?', { maxLength: 300, errorName: 'where it is' }),
      yes('ownerKnown', 'Does the caller know who the dog’s owner is?'),
      area('ownerDetails', 'What do they know?', { ...when('ownerKnown', 'yes'), maxLength: 1000 }),
    ] },
  },
  {
    code: 'graffiti', name: 'Report graffiti', team: 'street_scene', sla: days(5),
    guidance: 'Offensive or racist graffiti is removed within one working day: say so, and flag it in the description.',
    form: { fields: [
      text('location', 'Where is the graffiti?', { maxLength: 300, errorName: 'where the graffiti is' }),
      choice('radios', 'surface', 'What is it on?', [['council', 'Council property'], ['private', 'Private property'], ['utility', 'A utility box or bus shelter'], ['unknown', 'Not sure']]),
      yes('offensive', 'Is it offensive?'),
    ] },
  },
  {
    code: 'abandoned-vehicle', name: 'Report an abandoned vehicle', team: 'street_scene', sla: days(5),
    guidance: 'Check the DVLA vehicle enquiry for tax first. Untaxed vehicles are reported to the DVLA; taxed ones are checked by an officer.',
    form: { fields: [
      text('registration', 'Vehicle registration number', { required: false, maxLength: 8, pattern: '[A-Za-z0-9 ]{2,8}', patternMessage: 'Enter a registration number, like AB12 CDE' }),
      text('location', 'Where is it?', { maxLength: 300, errorName: 'where it is' }),
      { name: 'daysThere', label: 'For about how many days has it been there?', type: 'number', required: true, min: 0, max: 3650, wholeNumber: true, unit: 'days', errorName: 'the number of days' },
      yes('damaged', 'Is it damaged or burnt out?'),
    ] },
  },
  {
    code: 'garden-waste-subscription', name: 'Garden waste subscription', team: 'waste_services', sla: days(10),
    guidance: 'The subscription year runs from April. Up to three brown bins per household.',
    form: { fields: [
      address(),
      { name: 'bins', label: 'How many garden waste bins?', type: 'number', required: true, min: 1, max: 3, wholeNumber: true, errorName: 'the number of bins' },
      yes('renewal', 'Is this a renewal?'),
      email,
    ] },
  },
  {
    code: 'replacement-bin', name: 'New or replacement bin', team: 'waste_services', sla: days(10),
    guidance: 'Bins damaged by the crew are replaced free; lost or stolen ones are charged for. New-build properties are supplied by the developer.',
    form: { fields: [
      address(),
      choice('radios', 'binType', 'Which bin?', [['general', 'General waste'], ['recycling', 'Recycling'], ['garden', 'Garden waste'], ['food', 'Food caddy']]),
      choice('radios', 'reason', 'Why is it needed?', [['damaged-by-crew', 'Damaged by the crew'], ['damaged', 'Damaged another way'], ['lost', 'Lost or stolen'], ['new-property', 'New property']]),
    ] },
  },
  {
    code: 'council-tax-payment', name: 'Council tax payments and Direct Debit', team: 'revenues', sla: days(5),
    guidance: 'Direct Debit dates are the 1st, 8th, 15th or 22nd. Residents may ask to pay over 12 months instead of 10 (Council Tax (Administration and Enforcement) Regulations 1992).',
    form: { fields: [
      accountNumber,
      choice('radios', 'request', 'What does the resident want to do?', [['direct-debit', 'Set up or change a Direct Debit'], ['instalments', 'Pay over 12 months'], ['arrears', 'Discuss arrears']]),
      choice('select', 'paymentDay', 'Payment day', [['1', '1st'], ['8', '8th'], ['15', '15th'], ['22', '22nd']], when('request', 'direct-debit')),
      email,
    ] },
  },
  {
    code: 'council-tax-reduction', name: 'Council tax reduction', team: 'benefits', sla: days(10),
    guidance: 'Means-tested help with council tax. Pension-age residents are assessed under the national scheme; working-age residents under the council’s own scheme.',
    form: { fields: [
      accountNumber,
      yes('pensionAge', 'Has the resident reached State Pension age?'),
      { name: 'householdSize', label: 'How many people live in the household?', type: 'number', required: true, min: 1, max: 20, wholeNumber: true, errorName: 'the number of people in the household' },
      yes('universalCredit', 'Does the resident get Universal Credit?'),
      email,
    ] },
  },
  {
    code: 'housing-repair', name: 'Council housing repair', team: 'housing_repairs', sla: days(20),
    guidance: 'Emergencies (no heating in winter, flooding, unsafe electrics, no water) are attended within 24 hours: transfer to the repairs line. Ask about damp and mould every time (Awaab’s Law).',
    form: { fields: [
      address('address', 'Property address'),
      choice('select', 'room', 'Which room?', [['kitchen', 'Kitchen'], ['bathroom', 'Bathroom'], ['bedroom', 'Bedroom'], ['living', 'Living room'], ['outside', 'Outside'], ['communal', 'Communal area']]),
      area('problem', 'What is the problem?', { maxLength: 1500 }),
      yes('dampOrMould', 'Is there damp or mould?'),
      yes('emergency', 'Is it an emergency?', { hint: 'No heating in winter, flooding, unsafe electrics or no water' }),
      phone,
    ] },
  },
  {
    code: 'homelessness-advice', name: 'Homelessness advice', team: 'housing_options', sla: hours(4),
    guidance: 'Homelessness Reduction Act 2017: anyone homeless or threatened with homelessness within 56 days is owed help. If the caller has nowhere to stay tonight, transfer them to the duty officer now.',
    form: { fields: [
      yes('nowhereTonight', 'Does the caller have somewhere safe to stay tonight?'),
      yes('threatened', 'Has the caller been given notice to leave?'),
      date('noticeEnds', 'When does the notice end?', when('threatened', 'yes')),
      yes('children', 'Are there children in the household?'),
      phone,
    ] },
  },
  {
    code: 'pest-control', name: 'Pest control', team: 'environmental_health', sla: days(5),
    guidance: 'Rats and mice are treated free for residents on a means-tested benefit; other treatments are charged. Wasps’ nests: ask whether anyone is allergic.',
    form: { fields: [
      address(),
      choice('radios', 'pest', 'What is the pest?', [['rats', 'Rats'], ['mice', 'Mice'], ['wasps', 'Wasps'], ['bedbugs', 'Bedbugs'], ['cockroaches', 'Cockroaches'], ['other', 'Something else']]),
      choice('radios', 'where', 'Where are they?', [['inside', 'Inside the home'], ['garden', 'In the garden'], ['both', 'Both']]),
      yes('meansTested', 'Does the resident get a means-tested benefit?'),
      phone,
    ] },
  },
  {
    code: 'food-hygiene-complaint', name: 'Food hygiene complaint', team: 'environmental_health', sla: days(5),
    guidance: 'If the caller is ill, ask them to keep any leftover food and packaging, and to see their GP. Do not name the business to anyone else.',
    form: { fields: [
      text('business', 'Name of the food business', { maxLength: 200, errorName: 'the name of the business' }),
      address('businessAddress', 'Address of the business', { required: false }),
      date('visited', 'When did the caller buy or eat the food?', { notInFuture: true }),
      yes('ill', 'Did anyone become ill?'),
      area('symptoms', 'What symptoms, and when did they start?', { ...when('ill', 'yes'), maxLength: 1000 }),
      area('complaint', 'What is the complaint?', { maxLength: 1500 }),
    ] },
  },
  {
    code: 'birth-registration', name: 'Register a birth', team: 'registrars', sla: days(5),
    guidance: 'Births must be registered within 42 days (Births and Deaths Registration Act 1953). Unmarried parents who both want to be named should attend together.',
    form: { fields: [
      date('babyBorn', 'Baby’s date of birth', { notInFuture: true }),
      yes('parentsMarried', 'Are the parents married or in a civil partnership?'),
      yes('bothAttending', 'Will both parents attend?', when('parentsMarried', 'no')),
      phone,
    ] },
  },
  {
    code: 'overhanging-trees', name: 'Trees and hedges over paths', team: 'highways', sla: days(10),
    guidance: 'Owners must keep vegetation clear of the highway (Highways Act 1980, s154). A fallen tree blocking a road is an emergency: transfer to highways.',
    form: { fields: [
      text('location', 'Where is it?', { maxLength: 300, errorName: 'where it is' }),
      choice('radios', 'problem', 'What is the problem?', [['overhanging', 'Overhanging a path or road'], ['blocking-light', 'Blocking a street light or sign'], ['fallen', 'Fallen or about to fall']]),
      yes('councilTree', 'Is it a council tree?', { required: false, hint: 'Leave blank if the caller does not know' }),
    ] },
  },
  {
    code: 'street-cleaning', name: 'Street cleaning request', team: 'street_scene', sla: days(5),
    guidance: 'Broken glass on a road or pavement is cleared the same working day: say so and flag it in the description.',
    form: { fields: [
      text('location', 'Which street?', { maxLength: 300, errorName: 'the street' }),
      choice('radios', 'problem', 'What needs cleaning?', [['litter', 'Litter'], ['glass', 'Broken glass'], ['leaves', 'Leaves'], ['spill', 'A spillage'], ['other', 'Something else']]),
      area('details', 'Anything else the crew should know', { required: false, maxLength: 1000 }),
    ] },
  },
];
