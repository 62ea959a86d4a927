/**
 * A suffix automaton (Blumer et al. 1985, "The smallest automaton recognizing the subwords of a
 * text") over integer token ids: it accepts exactly the contiguous token spans of the indexed
 * sequence, is built in linear time, and lets one walk over a query compute, for every query
 * position, the longest span ending there that occurs in the index ("matching statistics").
 *
 * Several documents are indexed as one sequence joined by the separator id 0, which no query
 * contains, so no match can cross two documents. Token ids must be positive integers below 2^24.
 *
 * Transitions live in one Map keyed by state * 2^24 + token (cheaper than a Map per state); each
 * state also keeps the list of its outgoing tokens, needed when a state is cloned.
 */
const TOKEN_LIMIT = 2 ** 24;
export const SEPARATOR = 0;

export class SuffixAutomaton {
  private readonly length: number[] = [0];
  private readonly link: number[] = [-1];
  /** End position (inclusive) in the indexed sequence of the state's first occurrence. */
  private readonly firstEnd: number[] = [-1];
  private readonly outgoing: number[][] = [[]];
  private readonly transitions = new Map<number, number>();
  private last = 0;
  private position = -1;

  /** Appends one token id to the indexed sequence. */
  extend(token: number): void {
    if (!Number.isInteger(token) || token < 0 || token >= TOKEN_LIMIT) throw new RangeError(`SuffixAutomaton: token id ${token} out of range`);
    this.position++;
    const current = this.newState(this.length[this.last] + 1, this.position, -1);
    let p = this.last;
    while (p !== -1 && !this.transitions.has(p * TOKEN_LIMIT + token)) {
      this.setTransition(p, token, current);
      p = this.link[p];
    }
    if (p === -1) this.link[current] = 0;
    else {
      const q = this.transitions.get(p * TOKEN_LIMIT + token)!;
      if (this.length[p] + 1 === this.length[q]) this.link[current] = q;
      else {
        const clone = this.newState(this.length[p] + 1, this.firstEnd[q], this.link[q]);
        for (const t of this.outgoing[q]) this.setTransition(clone, t, this.transitions.get(q * TOKEN_LIMIT + t)!);
        while (p !== -1 && this.transitions.get(p * TOKEN_LIMIT + token) === q) {
          this.transitions.set(p * TOKEN_LIMIT + token, clone);
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
      while (state !== 0 && !this.transitions.has(state * TOKEN_LIMIT + token)) {
        state = this.link[state];
        matched = this.length[state];
      }
      const next = this.transitions.get(state * TOKEN_LIMIT + token);
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
    const key = state * TOKEN_LIMIT + token;
    if (!this.transitions.has(key)) this.outgoing[state].push(token);
    this.transitions.set(key, target);
  }
}
