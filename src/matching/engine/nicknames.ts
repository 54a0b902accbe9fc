// Given names that name the same person: the formal name first, then the short forms, pet names and
// spellings people go by in the UK and Ireland, and transliterations of names from other scripts.
// A short form may belong to several formal names (Chris: Christopher, Christine, Christian); a name then
// belongs to each of their groups. Folded: lower case, no accents, letters only.
// Sources: common usage as recorded in UK name dictionaries (Oxford Dictionary of First Names, Hanks and
// Hodges) and the FreeBMD / ONS given-name lists; transliteration variants from UK passport and DWP practice.
const table = `
abigail: abi abbie abby
adrian: ade
agnes: aggie nessie
alan: al allan allen
albert: al bert bertie albie
alexander: alex alec sandy sasha xander lex aleksander aleksandr alexandr
alexandra: alex alexa lexi sandy sasha ola aleksandra
alfred: alf alfie fred freddie
alice: ally allie alys
alison: ali allie alyson allison
amanda: mandy manda
amelia: millie
andrew: andy drew andi
angela: angie
ann: anne annie nan
anthony: tony ant antony anton
archibald: archie
arthur: art artie
barbara: barb babs barbie
barry: baz
bartholomew: bart
benjamin: ben benny benji
bernadette: bernie
bernard: bernie barney
beatrice: bea bee trixie
bradley: brad
bridget: biddy bridie brigid
caroline: carrie caz
cassandra: cass cassie
catherine: cath cathy kate katie kathy kat cat kathryn katherine kitty
charles: charlie chas chaz
charlotte: charlie lottie lotte
christina: chris chrissie tina christine
christine: chris chrissie tina christina
christopher: chris kit kristopher christoper
christian: chris
clifford: cliff
colin: col
constance: connie
cornelius: con
cynthia: cindy
daniel: dan danny
danielle: dani
darren: daz
david: dave davy davey dai dafydd
deborah: debbie debs deb debra
dennis: den denny
derek: del derrick
diana: di
dominic: dom
donald: don donny
dorothy: dot dotty dolly
douglas: doug dougie
edith: edie
edmund: ed eddie ted ned
edward: ed eddie ted teddy ned
edwin: ed eddie
eleanor: ellie nell nellie elinor nora
elizabeth: liz lizzie lizzy beth betty bette bess bessie betsy eliza elisabeth libby lilibet
emily: em emmy millie
emma: em emmy
emmanuel: manny
ernest: ernie
esther: essie hester
eugene: gene
evelyn: eve evie
felicity: flick fliss
florence: flo florrie flossie
frances: fran frankie fanny
francis: frank frankie fran
frederick: fred freddie freddy
gabriel: gabe
gabrielle: gabby gabi
gareth: gaz
gary: gaz
geoffrey: geoff jeff jeffrey
george: georgie geordie
georgina: georgie gina
gerald: gerry jerry ged
gerard: gerry ged jerry
gertrude: gertie trudy
gilbert: gil bert
gillian: gill jill gilly jillian
gordon: gordie
gregory: greg
gwendoline: gwen
harold: harry hal
harriet: hattie
harrison: harry
helen: nell nellie
henrietta: hettie etta
henry: harry hal hank
herbert: herb bert bertie
hugh: hughie
isaac: ike
isabel: izzy bella isabelle isobel isabella belle
jacob: jake jakob
jacqueline: jackie jacky jacqui
james: jim jimmy jamie jimbo jas
jane: janey
janet: jan
jasmine: jas jaz
jennifer: jen jenny jenna
jeremy: jerry jez
jessica: jess jessie
joan: joanie
joanna: jo joanne
joanne: jo joanna
john: jack johnny jon jonny jock
jonathan: jon jonny
joseph: joe joey jo jos
josephine: jo josie
joshua: josh
judith: judy jude
julia: jules julie
julian: jules
katherine: kate kath kathy katie kat kay kathryn catherine
kathleen: kath kathy kay kate
kenneth: ken kenny
kevin: kev
kimberley: kim kimberly
lauren: laurie
lawrence: larry laurie lol laurence
leonard: len lenny leo
leslie: les lesley
lewis: lew
lilian: lily lil lillian
louise: lou lulu louisa
louis: lou
lucy: lu luce lucille
madeleine: maddy madeline maddie
madison: maddie maddy
malcolm: mal
marcus: marc
margaret: maggie peggy meg madge marge margie maggi
marjorie: marge margie
martin: marty
mary: molly polly mamie
matilda: tilly tilda
matthew: matt matty mat
maureen: mo
maurice: mo morris
maximilian: max
maxwell: max
megan: meg meggie
melanie: mel
melissa: mel
michael: mike mick micky mickey mikey mitch
michelle: shell shelley
mildred: millie
miranda: mandy
montgomery: monty
natalie: nat nattie
nathan: nat nate
nathaniel: nat nate nathan
neville: nev
nicholas: nick nicky nico nic
nicola: nicky nikki nic
nigel: nige
norman: norm
oliver: ollie olly
olivia: liv livvy
pamela: pam
patricia: pat patty trish tricia patsy
patrick: pat paddy
paul: paulie
penelope: penny
peter: pete
philip: phil pip phillip
phillip: phil pip philip
phyllis: phyll
priscilla: cilla
prudence: prue
rachel: rach
raymond: ray
rebecca: becky becca bex
reginald: reg reggie
reuben: rube
richard: rick ricky rich richie dick dickie
robert: bob bobby rob robbie robin bert bertie
roderick: rod roddy
rodney: rod
roger: rog
ronald: ron ronnie
rosalind: ros roz
rosemary: rose rosie
rupert: rupe
russell: russ
samantha: sam sammy
samuel: sam sammy
sandra: sandy
sarah: sally sadie sara
sebastian: seb
sharon: shaz
sidney: sid sydney
simon: si
sophia: sophie soph
stanley: stan
stephanie: steph stevie
stephen: steve stevie steven stephan steph
steven: steve stevie stephen
stewart: stu stuart
stuart: stu stewart
susan: sue susie suzy
sylvia: syl
terence: terry tel
teresa: terri tess tessa theresa therese
theodore: theo ted teddy
thomas: tom tommy
timothy: tim timmy
tobias: toby
trevor: trev
valerie: val
vanessa: ness nessa
victor: vic
victoria: vicky vicki tori vic
vincent: vince vinnie
virginia: ginny
walter: walt wally
wilfred: wilf fred
william: bill billy will willy willie wills
winifred: winnie
yvonne: vonnie
zachary: zach zac zak
`;

// Transliterations and spellings of one name from another script: every spelling is the same name.
const transliterations = `
mohammed: muhammad mohammad mohamed muhammed mohamad mohammod muhamad mohd mohamud mahomed mehmet muhamed mohammud
ahmed: ahmad ahmet ahmmed
abdul: abdel abdal abdool abdoul
abdullah: abdalla abdallah abdulla
ali: aly alee
hussain: hussein husain hussen husein
hassan: hasan hasaan
yusuf: yousef yousuf yusef yosef youssef yousif
ibrahim: ebrahim ibraheem
ismail: ismael esmail
mustafa: mustapha mostafa
omar: umar omer
osman: usman uthman othman
suleiman: sulaiman suleyman
yasmin: yasmine jasmine jasmin yasmeen
fatima: fatimah fatema fathima
aisha: ayesha aishah ayisha
khadija: khadijah khadeeja
mariam: maryam miriam meryem
zainab: zaynab zeynep
nur: noor nour
amina: aminah ameena
hamza: hamzah
bilal: belal
tariq: tarik tareq
faisal: faysal feisal
rizwan: rezwan
javed: javaid jawed
saeed: said sayed syed
kiran: keiran
aleksander: aleksandr olek
katarzyna: kasia
malgorzata: gosia malgosia
wojciech: wojtek
jakub: kuba
lukasz: luke lucas
piotr: peter
pawel: paul
tomasz: tom
krzysztof: christopher
michal: michael
oluwaseun: seun
babatunde: tunde
olusegun: segun
chukwuemeka: emeka
temitope: tope
abimbola: bimbo
oluwafemi: femi
`;

function parse(text: string): string[][] {
  return text.trim().split('\n').map((line) => {
    const [head = '', rest = ''] = line.split(':');
    return [head.trim(), ...rest.trim().split(/\s+/).filter((word) => word !== '')].map((word) => word.replace(/[^a-z]/g, ''));
  });
}

const groups: string[][] = [...parse(table), ...parse(transliterations)];

/** Folded name → the ids of the name groups it belongs to (a group's id is its index). */
const membership: ReadonlyMap<string, readonly number[]> = (() => {
  const map = new Map<string, number[]>();
  groups.forEach((group, id) => {
    for (const name of group) {
      const ids = map.get(name);
      if (ids === undefined) map.set(name, [id]);
      else if (!ids.includes(id)) ids.push(id);
    }
  });
  return map;
})();

/** How many groups there are; group ids run from 0 to this minus one. */
export const nameGroupCount = groups.length;

/** The groups a folded given name belongs to: empty for a name with no known short forms. */
export function nameGroupsOf(folded: string): readonly number[] {
  return membership.get(folded) ?? [];
}

/** The formal name of a group ("robert" for Bob's group). */
export function formalNameOf(group: number): string {
  return groups[group]?.[0] ?? '';
}

/** True when two folded given names can name the same person: Bob and Robert, Mohamed and Muhammad. */
export function areNameVariants(a: string, b: string): boolean {
  if (a === b) return true;
  const left = nameGroupsOf(a);
  if (left.length === 0) return false;
  return nameGroupsOf(b).some((group) => left.includes(group));
}

/**
 * The name a given name is filed under for blocking: the formal name of its first group ("bob" →
 * "robert"), or the name itself.
 */
export function canonicalGivenName(folded: string): string {
  const first = nameGroupsOf(folded)[0];
  return first === undefined ? folded : formalNameOf(first);
}
