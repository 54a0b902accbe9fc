import { Random, WeightedPicker } from './random.ts';

/** One addressable dwelling, as the council's gazetteer would hold it. */
export type Property = {
  /** Twelve digits starting 38000, unique per property. */
  uprn: string;
  /** "Flat 2" when the dwelling is part of a building. */
  subBuilding: string | null;
  /** "Picton Court" for a named block of flats. */
  buildingName: string | null;
  /** "14"; null for a named block. */
  buildingNumber: string | null;
  street: string;
  locality: string;
  town: string;
  postcode: string;
  /** The two-letter polling district on the electoral register. */
  pollingDistrict: string;
  kind: 'house' | 'flat';
};

// Postcode districts of Liverpool shape with their localities and Royal Mail post towns; weights
// follow how residential each district is.
const districts: ReadonlyArray<readonly [string, string, readonly string[], number]> = [
  ['L1', 'Liverpool', ['City Centre'], 1], ['L2', 'Liverpool', ['City Centre'], 0.5],
  ['L3', 'Liverpool', ['City Centre', 'Everton', 'Vauxhall'], 2], ['L4', 'Liverpool', ['Walton', 'Anfield', 'Kirkdale'], 5],
  ['L5', 'Liverpool', ['Anfield', 'Everton', 'Kirkdale'], 3], ['L6', 'Liverpool', ['Anfield', 'Everton', 'Fairfield', 'Tuebrook'], 4],
  ['L7', 'Liverpool', ['Edge Hill', 'Kensington', 'Fairfield'], 3], ['L8', 'Liverpool', ['Toxteth', 'Dingle'], 5],
  ['L9', 'Liverpool', ['Aintree', 'Orrell Park', 'Fazakerley', 'Walton'], 4], ['L10', 'Liverpool', ['Fazakerley', 'Aintree'], 2],
  ['L11', 'Liverpool', ['Norris Green', 'Clubmoor', 'Croxteth', 'Gillmoss'], 5], ['L12', 'Liverpool', ['West Derby', 'Croxteth Park'], 4],
  ['L13', 'Liverpool', ['Old Swan', 'Tuebrook', 'Stoneycroft'], 4], ['L14', 'Liverpool', ['Broadgreen', 'Knotty Ash', 'Page Moss'], 3],
  ['L15', 'Liverpool', ['Wavertree'], 4], ['L16', 'Liverpool', ['Childwall', 'Broadgreen'], 2],
  ['L17', 'Liverpool', ['Aigburth', "St Michael's Hamlet", 'Sefton Park'], 4], ['L18', 'Liverpool', ['Allerton', 'Mossley Hill'], 3],
  ['L19', 'Liverpool', ['Garston', 'Aigburth', 'Grassendale'], 3], ['L20', 'Bootle', ['Bootle', 'Orrell'], 4],
  ['L21', 'Liverpool', ['Litherland', 'Ford', 'Seaforth'], 3], ['L22', 'Liverpool', ['Waterloo'], 2],
  ['L23', 'Liverpool', ['Crosby', 'Blundellsands', 'Thornton'], 3], ['L24', 'Liverpool', ['Speke', 'Hale'], 2],
  ['L25', 'Liverpool', ['Woolton', 'Gateacre', 'Hunts Cross'], 3], ['L26', 'Liverpool', ['Halewood'], 2],
  ['L27', 'Liverpool', ['Netherley'], 1], ['L28', 'Liverpool', ['Stockbridge Village'], 1],
  ['L29', 'Liverpool', ['Lunt', 'Sefton Village'], 0.3], ['L30', 'Bootle', ['Netherton'], 2],
  ['L31', 'Liverpool', ['Maghull', 'Lydiate', 'Melling'], 3], ['L32', 'Liverpool', ['Kirkby'], 3],
  ['L33', 'Liverpool', ['Kirkby', 'Simonswood'], 1], ['L34', 'Prescot', ['Prescot', 'Knowsley Village'], 2],
  ['L35', 'Prescot', ['Whiston', 'Rainhill'], 2], ['L36', 'Liverpool', ['Huyton', 'Roby'], 3],
  ['L37', 'Liverpool', ['Formby'], 2], ['L38', 'Liverpool', ['Hightown', 'Ince Blundell'], 0.5],
];

const streetNames = `Smithdown Lodge Picton Penny Menlove Queens Church Park Mill Victoria Albert Princes Granby Lark Rose Holly
Elm Oak Beech Ash Cedar Willow Chestnut Sycamore Laurel Hawthorn Rowan Birch Stanley Derby Sefton Molyneux Rice Booker Allerton
Woolton Childwall Mather Aigburth Ullet Croxteth Orrell County Walton Breck Oakfield Anfield Priory Cherry Green Moss Thomas
Kensington Edge Wellington Nelson Gladstone Salisbury Balfour Canning Huskisson Falkner Catharine Hope Rodney Bold Seel Duke Berry
Renshaw Hardman Egerton Percy Bedford Ashfield Belmont Claremont Grosvenor Hampton Kingsley Lancaster Marlborough Newsham Oxford
Pembroke Romer Russell Sandown Trafalgar Warwick Windsor York Cambridge Chester Dovedale Garmoyle Heathfield Jubilee Karslake
Lisburn Mersey Neston Ormond Prescot Rocky Townsend Utting Vale Whitefield Eaton Thingwall Blackmoor Heyes Muirhead Stonebridge
Long Gorsey Acrefield Beaconsfield Calderstones Dudlow Elmsley Fulwood Hunts Lidderdale Pitville Quarry Rathbone Springwood
Storrsdale Arnside Bowden Cranborne Dentwood Ennerdale Fernhill Glenmore Harlow Ivanhoe Kelvin Langdale Melrose Norwood`
  .split(/\s+/);

const streetSuffixes = new WeightedPicker<string>([
  ['Road', 30], ['Street', 25], ['Avenue', 12], ['Lane', 8], ['Close', 6], ['Drive', 6], ['Grove', 5], ['Crescent', 4],
  ['Terrace', 3], ['Way', 3], ['Gardens', 3], ['Place', 2], ['Walk', 1], ['Mews', 1], ['View', 1],
]);
const blockSuffixes = ['Court', 'House', 'Heights', 'Lodge', 'Point', 'Tower', 'Mansions'];
// Royal Mail never uses C, I, K, M, O or V in the last two letters of a postcode.
const inwardLetters = 'ABDEFGHJLNPQRSTUWXYZ';
const pollingLetters = 'ABCDEFGHJKLMNPRSTUVWXY';
const districtPicker = new WeightedPicker(districts.map((district) => [district, district[3]] as const));
const shortStreets = new Set(['Close', 'Mews', 'Walk', 'View', 'Place', 'Gardens', 'Court']);

const uprnBase = 380000100000;
const uprnLimit = 380009999999;

type Street = {
  name: string; district: string; town: string; locality: string; postcodes: string[];
  pollingDistrict: string; buildings: number; nextNumber: number; step: number;
};

/** Builds streets, and the houses and flats on them, one property at a time in bounded memory. */
export class PropertyStream {
  private street: Street | null = null;
  private count = 0;
  private readonly pending: Property[] = [];

  constructor(private readonly random: Random) {}

  next(): Property {
    if (this.pending.length === 0) this.addBuilding();
    const property = this.pending.shift();
    if (!property) throw new Error('No property was built.');
    return property;
  }

  private addBuilding(): void {
    const street = this.currentStreet();
    const number = String(street.nextNumber);
    street.nextNumber += street.step;
    street.buildings -= 1;
    const roll = this.random.next();
    if (roll < 0.8) this.pending.push(this.property(street, null, null, number, 'house'));
    else if (roll < 0.93) {
      const flats = this.random.int(2, 4);
      const lettered = this.random.chance(0.25);
      for (let flat = 1; flat <= flats; flat++) {
        const label = lettered ? String.fromCharCode(64 + flat) : String(flat);
        this.pending.push(this.property(street, `Flat ${label}`, null, number, 'flat'));
      }
    } else {
      const name = `${this.random.pick(streetNames)} ${this.random.pick(blockSuffixes)}`;
      const flats = this.random.int(6, 30);
      for (let flat = 1; flat <= flats; flat++) this.pending.push(this.property(street, `Flat ${flat}`, name, null, 'flat'));
    }
  }

  private currentStreet(): Street {
    if (this.street && this.street.buildings > 0) return this.street;
    const [district, town, localities] = districtPicker.pick(this.random);
    const suffix = streetSuffixes.pick(this.random);
    const buildings = shortStreets.has(suffix) ? this.random.int(4, 20) : this.random.int(8, 70);
    const postcodes = Array.from({ length: Math.ceil(buildings / 18) }, () => `${district} ${this.inwardCode()}`);
    const step = this.random.chance(0.6) ? 2 : 1;
    this.street = {
      name: `${this.random.pick(streetNames)} ${suffix}`,
      district, town, locality: this.random.pick(localities), postcodes, buildings, step,
      pollingDistrict: `${this.random.pick(pollingLetters.split(''))}${this.random.pick(pollingLetters.split(''))}`,
      nextNumber: step === 2 ? this.random.int(1, 2) : 1,
    };
    return this.street;
  }

  private inwardCode(): string {
    const letters = inwardLetters.split('');
    return `${this.random.int(0, 9)}${this.random.pick(letters)}${this.random.pick(letters)}`;
  }

  private property(street: Street, subBuilding: string | null, buildingName: string | null,
    buildingNumber: string | null, kind: Property['kind']): Property {
    // Properties along a street share a postcode unit of up to ~18 buildings.
    const unit = Math.min(street.postcodes.length - 1, Math.floor(street.buildings / 18));
    const uprn = uprnBase + this.count * 7 + (this.count % 5);
    if (uprn > uprnLimit) throw new Error('The demo borough has run out of UPRNs; ask for fewer residents.');
    this.count += 1;
    return {
      uprn: String(uprn), subBuilding, buildingName, buildingNumber, street: street.name, locality: street.locality,
      town: street.town, postcode: street.postcodes[unit] ?? `${street.district} 1AA`, pollingDistrict: street.pollingDistrict, kind,
    };
  }
}

/** The first two lines of a postal address: "Flat 2, 14 Smithdown Road" and "Wavertree". */
export function addressLines(property: Property): { line1: string; line2: string } {
  if (property.buildingName) {
    return { line1: `${property.subBuilding ?? ''}${property.subBuilding ? ', ' : ''}${property.buildingName}`, line2: property.street };
  }
  const house = `${property.buildingNumber ?? ''} ${property.street}`.trim();
  return { line1: property.subBuilding ? `${property.subBuilding}, ${house}` : house, line2: property.locality };
}
