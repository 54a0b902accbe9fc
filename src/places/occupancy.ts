// Who lived where: occupancy periods derived from what each linked record says about an address.

export type AddressEvidence = {
  uprn: string;
  addressFrom: string | null;
  addressTo: string | null;
  firstSeenAt: Date;
  endedAt: Date | null;
};

export type Occupancy = { uprn: string; fromDate: string | null; toDate: string | null; isCurrent: boolean; evidenceCount: number };

/**
 * One period per UPRN. The golden record's UPRN is the current home; elsewhere the person lived until the
 * latest date any record gives (its own "to" date, or when the system stopped holding it), if known.
 */
export function deriveOccupancy(currentUprn: string | null, evidence: readonly AddressEvidence[]): Occupancy[] {
  const byUprn = new Map<string, AddressEvidence[]>();
  for (const item of evidence) {
    const list = byUprn.get(item.uprn);
    if (list) list.push(item);
    else byUprn.set(item.uprn, [item]);
  }
  return [...byUprn.entries()].map(([uprn, items]) => {
    const isCurrent = uprn === currentUprn;
    return {
      uprn,
      fromDate: earliest(items.map((item) => item.addressFrom ?? isoDate(item.firstSeenAt))),
      toDate: isCurrent ? null : latest(items.map((item) => item.addressTo ?? (item.endedAt ? isoDate(item.endedAt) : null))),
      isCurrent,
      evidenceCount: items.length,
    };
  });
}

function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

function earliest(dates: ReadonlyArray<string | null>): string | null {
  return dates.reduce<string | null>((best, date) => (date !== null && (best === null || date < best) ? date : best), null);
}

function latest(dates: ReadonlyArray<string | null>): string | null {
  return dates.reduce<string | null>((best, date) => (date !== null && (best === null || date > best) ? date : best), null);
}
