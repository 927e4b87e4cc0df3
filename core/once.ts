/** Memoize an async factory: the first call creates, later calls share the same promise. */
export const once = <T>(factory: () => Promise<T>): (() => Promise<T>) => {
  let value: Promise<T> | undefined;
  return () => {
    value ??= factory();
    return value;
  };
};
