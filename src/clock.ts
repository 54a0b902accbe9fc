// Time comes through a Clock so that tests can fix it; nothing else calls new Date() for business rules.
export type Clock = { now(): Date };

export const systemClock: Clock = { now: () => new Date() };

export function fixedClock(iso: string): Clock & { set(iso: string): void; advance(ms: number): void } {
  let current = new Date(iso);
  return {
    now: () => new Date(current),
    set: (next) => { current = new Date(next); },
    advance: (ms) => { current = new Date(current.getTime() + ms); },
  };
}
