import type { ObjectStoreWithHead } from '../../core/ports/object-store.js';

type Method = keyof ObjectStoreWithHead;
const MUTATIONS: readonly Method[] = ['put', 'delete', 'deleteVersion', 'putIfAbsent'];

/** Thrown by a faulty store where a real process would have died. */
export class SimulatedCrash extends Error {
  override name = 'SimulatedCrash';
}

const wrap = (
  store: ObjectStoreWithHead,
  before: (method: Method, key: string) => Promise<void> | void,
): ObjectStoreWithHead =>
  new Proxy(store, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver);
      if (typeof value !== 'function') return value;
      return async (...args: unknown[]) => {
        await before(prop as Method, String(args[0]));
        return value.apply(target, args);
      };
    },
  });

/**
 * Stop at the first call of `method` (optionally only for keys matching `where`) until the
 * test releases it: the way to put another operation exactly between two steps of this one.
 */
export const pausingStore = (store: ObjectStoreWithHead, method: Method, where: RegExp = /.*/) => {
  let reached!: () => void;
  let release!: () => void;
  const reachedP = new Promise<void>((r) => {
    reached = r;
  });
  const releaseP = new Promise<void>((r) => {
    release = r;
  });
  let paused = false;
  return {
    store: wrap(store, async (m, key) => {
      if (m === method && where.test(key) && !paused) {
        paused = true;
        reached();
        await releaseP;
      }
    }),
    reached: reachedP,
    release: () => release(),
  };
};

/** The n-th mutation (1-based) and every one after it fail: the process "died" right there. */
export const crashingStore = (store: ObjectStoreWithHead, crashAt: number) => {
  let mutations = 0;
  let crashed = false;
  return {
    store: wrap(store, (m) => {
      if (!MUTATIONS.includes(m)) return;
      mutations += 1;
      if (crashed || mutations >= crashAt) {
        crashed = true;
        throw new SimulatedCrash(`died before mutation ${mutations}`);
      }
    }),
    mutations: () => mutations,
    crashed: () => crashed,
  };
};

/** Each mutation fails with `error()` with probability `p` (seeded by the caller's random). */
export const flakyStore = (
  store: ObjectStoreWithHead,
  fails: (method: Method, key: string) => Error | null,
) =>
  wrap(store, (m, key) => {
    const error = fails(m, key);
    if (error) throw error;
  });
