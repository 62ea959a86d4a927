/**
 * A suffix automaton (Blumer et al. 1985, "The smallest automaton recognizing the subwords of a
 * text") over integer token ids: it accepts exactly the contiguous token spans of the indexed
 * sequence, is built in linear time, and lets one walk over a query compute, for every query
 * position, the longest span ending there that occurs in the index ("matching statistics").
 *
 * Several documents are indexed as one sequence joined by the separator id 0, which no query
 * contains, so no match can cross two documents. Token ids must be positive integers below 2^24.
 *
 * Transitions live in one open-addressing hash table of (state, token) -> target in an
 * Int32Array (a JavaScript Map keyed by state * 2^24 + token was several times slower, its keys
 * being heap numbers); each state also keeps the list of its outgoing tokens, needed when a state
 * is cloned.
 */
const TOKEN_LIMIT = 2 ** 24;
export const SEPARATOR = 0;
const EMPTY = -1;

/** (state, token) -> target, linear probing, grown at half load. */
class TransitionTable {
  private slots = new Int32Array(3 * 1024).fill(EMPTY);
  private mask = 1023;
  private count = 0;

  get(state: number, token: number): number | undefined {
    let index = this.slotOf(state, token);
    for (;;) {
      const s = this.slots[index * 3];
      if (s === EMPTY) return undefined;
      if (s === state && this.slots[index * 3 + 1] === token) return this.slots[index * 3 + 2];
      index = (index + 1) & this.mask;
    }
  }

  has(state: number, token: number): boolean {
    return this.get(state, token) !== undefined;
  }

  /** Sets the target; true when the pair was new. */
  set(state: number, token: number, target: number): boolean {
    let index = this.slotOf(state, token);
    for (;;) {
      const s = this.slots[index * 3];
      if (s === EMPTY) break;
      if (s === state && this.slots[index * 3 + 1] === token) {
        this.slots[index * 3 + 2] = target;
        return false;
      }
      index = (index + 1) & this.mask;
    }
    this.slots[index * 3] = state;
    this.slots[index * 3 + 1] = token;
    this.slots[index * 3 + 2] = target;
    if (++this.count * 2 > this.mask + 1) this.grow();
    return true;
  }

  private slotOf(state: number, token: number): number {
    let h = Math.imul(state, 0x9e3779b1) ^ Math.imul(token, 0x85ebca6b);
    h ^= h >>> 15;
    return h & this.mask;
  }

  private grow(): void {
    const old = this.slots;
    this.mask = this.mask * 2 + 1;
    this.slots = new Int32Array(3 * (this.mask + 1)).fill(EMPTY);
    this.count = 0;
    for (let i = 0; i < old.length; i += 3) if (old[i] !== EMPTY) this.set(old[i], old[i + 1], old[i + 2]);
  }
}

export class SuffixAutomaton {
  private readonly length: number[] = [0];
  private readonly link: number[] = [-1];
  /** End position (inclusive) in the indexed sequence of the state's first occurrence. */
  private readonly firstEnd: number[] = [-1];
  private readonly outgoing: number[][] = [[]];
  private readonly transitions = new TransitionTable();
  private last = 0;
  private position = -1;

  /** Appends one token id to the indexed sequence. */
  extend(token: number): void {
    if (!Number.isInteger(token) || token < 0 || token >= TOKEN_LIMIT) throw new RangeError(`SuffixAutomaton: token id ${token} out of range`);
    this.position++;
    const current = this.newState(this.length[this.last] + 1, this.position, -1);
    let p = this.last;
    while (p !== -1 && !this.transitions.has(p, token)) {
      this.setTransition(p, token, current);
      p = this.link[p];
    }
    if (p === -1) this.link[current] = 0;
    else {
      const q = this.transitions.get(p, token)!;
      if (this.length[p] + 1 === this.length[q]) this.link[current] = q;
      else {
        const clone = this.newState(this.length[p] + 1, this.firstEnd[q], this.link[q]);
        for (const t of this.outgoing[q]) this.setTransition(clone, t, this.transitions.get(q, t)!);
        while (p !== -1 && this.transitions.get(p, token) === q) {
          this.transitions.set(p, token, clone);
          p = this.link[p];
        }
        this.link[q] = clone;
        this.link[current] = clone;
      }
    }
    this.last = current;
  }

  /**
   * For each query position i, the length of the longest span ending at i that occurs in the
   * index, and for the longest overall its end position in the indexed sequence.
   * Ids of 0 or below (unknown words) match nothing.
   */
  match(query: readonly number[]): { lengths: Int32Array; longest: number; queryEnd: number; indexEnd: number } {
    const lengths = new Int32Array(query.length);
    let state = 0;
    let matched = 0;
    let longest = 0;
    let queryEnd = -1;
    let indexEnd = -1;
    for (let i = 0; i < query.length; i++) {
      const token = query[i];
      if (token <= 0) {
        state = 0;
        matched = 0;
        continue;
      }
      while (state !== 0 && !this.transitions.has(state, token)) {
        state = this.link[state];
        matched = this.length[state];
      }
      const next = this.transitions.get(state, token);
      if (next === undefined) {
        state = 0;
        matched = 0;
      } else {
        state = next;
        matched++;
      }
      lengths[i] = matched;
      if (matched > longest) {
        longest = matched;
        queryEnd = i;
        indexEnd = this.firstEnd[state];
      }
    }
    return { lengths, longest, queryEnd, indexEnd };
  }

  private newState(length: number, firstEnd: number, link: number): number {
    this.length.push(length);
    this.link.push(link);
    this.firstEnd.push(firstEnd);
    this.outgoing.push([]);
    return this.length.length - 1;
  }

  private setTransition(state: number, token: number, target: number): void {
    if (this.transitions.set(state, token, target)) this.outgoing[state].push(token);
  }
}
