import type { Queryable } from '../db/connection.ts';
import { addressKey } from '../matching/keys.ts';
import { deriveOccupancy, type AddressEvidence } from './occupancy.ts';
import * as repository from './place.repository.ts';

export type PlaceService = ReturnType<typeof createPlaceService>;

type AddressFields = { uprn: string | null; addressLine1: string | null; addressLine2: string | null; town: string | null; postcode: string | null };

// Properties keyed by UPRN, who lives at them, and the households that follow.
export function createPlaceService() {
  /**
   * Registers the properties these addresses name. Best run on its own, outside a long transaction: a property
   * row is harmless alone, and holding new ones uncommitted would make every other writer of that UPRN wait.
   */
  async function registerProperties(db: Queryable, addresses: readonly AddressFields[]): Promise<void> {
    const properties = new Map<string, repository.PropertyInput>();
    for (const address of addresses) {
      if (address.uprn && !properties.has(address.uprn)) {
        properties.set(address.uprn, { ...address, uprn: address.uprn, addressKey: addressKey(address.addressLine1, address.postcode) });
      }
    }
    await repository.insertMissingProperties(db, [...properties.values()]);
  }

  /** Finds a UPRN for the addresses that gave none, from the properties already known. */
  async function placeAddresses<T extends AddressFields>(db: Queryable, addresses: readonly T[]): Promise<Array<T & { uprnSource: 'source' | 'address' | null }>> {
    const wanted = addresses.flatMap((address) => (address.uprn ? [] : [addressKey(address.addressLine1, address.postcode)])).filter((key): key is string => key !== null);
    const found = await repository.findUprnsByAddressKey(db, wanted);
    return addresses.map((address) => {
      if (address.uprn) return { ...address, uprnSource: 'source' as const };
      const key = addressKey(address.addressLine1, address.postcode);
      const uprn = key ? found.get(key) : undefined;
      return uprn ? { ...address, uprn, uprnSource: 'address' as const } : { ...address, uprnSource: null };
    });
  }

  /** Replaces the occupancy of these persons; for persons just created there is nothing to replace. */
  async function recordOccupancy(
    db: Queryable,
    people: ReadonlyArray<{ personId: number; currentUprn: string | null; evidence: readonly AddressEvidence[] }>,
    options: { isNew: boolean } = { isNew: false },
  ): Promise<void> {
    await repository.replaceOccupancy(db, new Map(people.map((person) => [person.personId, deriveOccupancy(person.currentUprn, person.evidence)])), options);
  }

  return {
    registerProperties,
    placeAddresses,
    recordOccupancy,
    household: (db: Queryable, uprn: string) => repository.currentOccupants(db, uprn),
    addressHistory: (db: Queryable, personId: number) => repository.occupancyOf(db, personId),
  };
}
