// How long the event loop stood still at most while `run` ran: a 5 ms timer's longest wait (the last one included),
// how often it ran, and how long `run` took.
export async function eventLoopWhile<T>(run: () => Promise<T>): Promise<{ longest: number; ticks: number; took: number; value: T }> {
  let last = performance.now();
  let longest = 0;
  let ticks = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
    ticks++;
  }, 5);
  const started = performance.now();
  const value = await run();
  const took = performance.now() - started;
  longest = Math.max(longest, performance.now() - last);
  clearInterval(timer);
  return { longest, ticks, took, value };
}
