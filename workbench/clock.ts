// The one source of "now" for everything the registry records (audit, production history, requests, tokens, sign-in
// throttling, webhooks), so tests can move time instead of sleeping.

export interface Clock {
  now(): number;
}

const systemClock: Clock = { now: () => Date.now() };
let clock: Clock = systemClock;

export const nowMs = () => clock.now();
export const nowIso = () => new Date(clock.now()).toISOString();

/** Replaces the clock (tests); returns a function that restores the system clock. */
export function setClock(next: Clock): () => void {
  clock = next;
  return () => {
    clock = systemClock;
  };
}

/** The system clock shifted by an offset the caller advances: time that moves on, and jumps when told to. */
export function offsetClock(): Clock & { advance(ms: number): void } {
  let offset = 0;
  return { now: () => Date.now() + offset, advance: (ms) => (offset += ms) };
}
