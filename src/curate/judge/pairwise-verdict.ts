/**
 * Position-bias cancellation for pairwise judging (Zheng et al. 2023, "Judging LLM-as-a-Judge
 * with MT-Bench and Chatbot Arena", section 3.4 "swapping positions"): each pair is judged twice,
 * A/B and B/A. A verdict counts only when both orders pick the same candidate; when they
 * disagree (a judge that always prefers whichever it saw first), the pair is a tie.
 */
export type Verdict = 'A' | 'B' | 'tie';
/** Which field won: a (field_a), b (field_b) or neither. */
export type Winner = 'a' | 'b' | 'tie';

/** `inOrder`: field_a shown as A; `swapped`: field_b shown as A. */
export function combineOrders(inOrder: Verdict, swapped: Verdict): { winner: Winner; consistent: boolean } {
  const first: Winner = inOrder === 'A' ? 'a' : inOrder === 'B' ? 'b' : 'tie';
  const second: Winner = swapped === 'A' ? 'b' : swapped === 'B' ? 'a' : 'tie';
  return first === second ? { winner: first, consistent: true } : { winner: 'tie', consistent: false };
}

/** Majority over raters' winners; equal votes are a tie. */
export function majorityWinner(winners: Winner[]): Winner {
  const a = winners.filter((w) => w === 'a').length;
  const b = winners.filter((w) => w === 'b').length;
  return a > b ? 'a' : b > a ? 'b' : 'tie';
}
