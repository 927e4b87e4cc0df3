/**
 * Discrete-event time for simulations: setTimeout/clearTimeout go into a priority queue, and
 * `runUntil` jumps the clock from one due timer to the next, letting every promise settle in
 * between. Code under simulation reads the time from `now` (injected), not from Date. Thousands of concurrent waits cost O(log n) each (fake timers
 * that scan every pending timer per step would make a 5,000-call burst quadratic).
 */
interface Timer {
  at: number;
  seq: number;
  fn: () => void;
  cancelled: boolean;
}

export class VirtualClock {
  private heap: Timer[] = [];
  private seq = 0;
  private saved: { setTimeout: typeof setTimeout; clearTimeout: typeof clearTimeout } | null = null;
  readonly realSetImmediate = setImmediate;

  constructor(public now: number) {}

  install(): void {
    this.saved = { setTimeout: globalThis.setTimeout, clearTimeout: globalThis.clearTimeout };
    const schedule = (fn: () => void, ms?: number): Timer => {
      const timer = { at: this.now + Math.max(0, ms ?? 0), seq: this.seq++, fn, cancelled: false };
      this.push(timer);
      return timer;
    };
    globalThis.setTimeout = ((fn: () => void, ms?: number) =>
      schedule(fn, ms)) as unknown as typeof setTimeout;
    globalThis.clearTimeout = ((t: Timer | undefined) => {
      if (t && typeof t === 'object' && 'cancelled' in t) t.cancelled = true;
    }) as unknown as typeof clearTimeout;
  }

  uninstall(): void {
    if (this.saved) Object.assign(globalThis, this.saved);
  }

  private settle(): Promise<void> {
    return new Promise((resolve) => this.realSetImmediate(resolve));
  }

  /** Run timers in time order until `done()` holds (checked whenever promises have settled). */
  async runUntil(done: () => boolean, limitMs: number): Promise<void> {
    const end = this.now + limitMs;
    for (;;) {
      await this.settle();
      if (done()) return;
      const next = this.pop();
      if (!next) throw new Error('simulation stalled: nothing scheduled and not done');
      if (next.at > end) throw new Error(`simulation did not finish within ${limitMs / 3_600_000} h`);
      this.now = Math.max(this.now, next.at);
      next.fn();
    }
  }

  private less(a: Timer, b: Timer): boolean {
    return a.at < b.at || (a.at === b.at && a.seq < b.seq);
  }

  private push(t: Timer): void {
    const h = this.heap;
    h.push(t);
    let i = h.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.less(h[i]!, h[p]!)) break;
      [h[i], h[p]] = [h[p]!, h[i]!];
      i = p;
    }
  }

  private pop(): Timer | undefined {
    for (;;) {
      const h = this.heap;
      if (h.length === 0) return undefined;
      const top = h[0]!;
      const last = h.pop()!;
      if (h.length > 0) {
        h[0] = last;
        let i = 0;
        for (;;) {
          const l = 2 * i + 1;
          const r = l + 1;
          let m = i;
          if (l < h.length && this.less(h[l]!, h[m]!)) m = l;
          if (r < h.length && this.less(h[r]!, h[m]!)) m = r;
          if (m === i) break;
          [h[i], h[m]] = [h[m]!, h[i]!];
          i = m;
        }
      }
      if (!top.cancelled) return top;
    }
  }
}
