// A minimal observable value with a Preact hook: enough state management for this app
// (a session, a show room) without a library.
import { useEffect, useState } from 'preact/hooks';

export interface Store<T> {
  get(): T;
  set(next: T | ((prev: T) => T)): void;
  subscribe(fn: (value: T) => void): () => void;
}

export function createStore<T>(initial: T): Store<T> {
  let value = initial;
  const subs = new Set<(v: T) => void>();
  return {
    get: () => value,
    set(next) {
      const v = typeof next === 'function' ? (next as (p: T) => T)(value) : next;
      if (Object.is(v, value)) return;
      value = v;
      for (const fn of [...subs]) fn(value);
    },
    subscribe(fn) {
      subs.add(fn);
      return () => subs.delete(fn);
    },
  };
}

/** The store's current value; re-renders the component when it changes. */
export function useStore<T>(store: Store<T>): T {
  const [, force] = useState(0);
  const value = store.get();
  useEffect(() => {
    const off = store.subscribe(() => force((n) => n + 1));
    // A change between this render and the subscription would otherwise be missed.
    if (!Object.is(store.get(), value)) force((n) => n + 1);
    return off;
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [store]);
  return value;
}
