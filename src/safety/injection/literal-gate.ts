/**
 * Gates for the costlier heuristics (HeuristicRule.gates): a RegExp that finds any of a list of
 * literal words. A flat alternation of a few hundred words makes the regex engine try every word
 * at every position; the same words as a trie ("ignor(?:a|e|...)|olvid(?:...)") branch on one
 * character at a time, which runs about twice as fast on our texts. An apostrophe in a word
 * matches both ' and ’.
 */

const SPECIAL = /[.*+?^${}()|[\]\\]/g;

interface Node {
  end: boolean;
  next: Map<string, Node>;
}

/** One atom per character; the apostrophe is the class of both apostrophes. */
const atoms = (word: string) => [...word].map((ch) => (ch === "'" || ch === '’' ? "['’]" : ch.replace(SPECIAL, '\\$&')));

/** A word that is a prefix of another already opens the gate, so a node where a word ends needs no children. */
function source(node: Node): string {
  const branches = [...node.next].map(([atom, child]) => {
    if (child.end || !child.next.size) return atom;
    const rest = source(child);
    return child.next.size > 1 ? `${atom}(?:${rest})` : atom + rest;
  });
  return branches.join('|');
}

/** A RegExp (no flags) that matches where any of `words` occurs; words are literal text. */
export function anyOf(words: readonly string[]): RegExp {
  const root: Node = { end: false, next: new Map() };
  for (const word of words) {
    if (!word) continue;
    let node = root;
    for (const atom of atoms(word)) {
      let child = node.next.get(atom);
      if (!child) node.next.set(atom, (child = { end: false, next: new Map() }));
      node = child;
    }
    node.end = true;
  }
  return new RegExp(source(root));
}
