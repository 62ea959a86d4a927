/**
 * One 'abort' listener per AbortSignal, however many calls wait on it.
 *
 * Why: a run hands one signal (its Ctrl-C) to every call, and every call in flight or queued must
 * hear it. One addEventListener per call put an 11th listener on that signal as soon as 11 calls
 * ran at once, and Node printed a MaxListenersExceededWarning on every remote run at concurrency
 * >= 11. Raising the limit on the caller's signal (events.setMaxListeners) would change an object
 * we do not own and hide real leaks; AbortSignal.any would build a new signal per call, which Node
 * tracks on the source signal. Here each signal gets a single listener, which calls whoever is
 * subscribed when it fires.
 *
 * The WeakMap is keyed by the caller's signal and its entry goes with the signal: nothing is
 * shared between runs that do not share a signal.
 */

const subscribers = new WeakMap<AbortSignal, Set<() => void>>();

/**
 * Calls `listener` once when `signal` aborts (in a microtask if it already has). Returns the
 * unsubscribe function; call it when the work finishes so the set does not grow.
 */
export function subscribeAbort(signal: AbortSignal, listener: () => void): () => void {
  if (signal.aborted) {
    queueMicrotask(listener);
    return () => {};
  }
  let set = subscribers.get(signal);
  if (!set) {
    const created = new Set<() => void>();
    set = created;
    subscribers.set(signal, created);
    signal.addEventListener(
      'abort',
      () => {
        subscribers.delete(signal);
        // A listener may unsubscribe others (or itself) while we loop: iterate over a copy.
        for (const fn of [...created]) fn();
        created.clear();
      },
      { once: true },
    );
  }
  set.add(listener);
  const owned = set;
  return () => {
    owned.delete(listener);
  };
}
