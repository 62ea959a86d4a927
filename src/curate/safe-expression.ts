/**
 * A tiny expression language for domain rules and weight formulas, parsed and evaluated here
 * rather than by `eval`/`Function`, so a config can only read the record it is given:
 *
 *   literals   1  2.5  'text'  "text"  true  false  null  [1, 2]
 *   fields     feedback   persona.age_band   _signals.judge.score   items[0]
 *   arithmetic + - * / %   (+ also joins two strings)
 *   compare    == != < <= > >=   x in [..]   (in also tests a substring)
 *   logic      and or not        (parentheses group)
 *   functions  len words min max log exp sqrt abs contains lower
 *
 * Why it is safe: names resolve only to the record's own properties (never a prototype), the
 * names __proto__/constructor/prototype are refused when the expression is parsed, functions
 * come from a fixed table (not from the data), and nothing can assign. Length and nesting are
 * bounded so a config cannot exhaust the stack.
 */
import { SynthkitError } from '../core/synthkit-error.js';
import { FORBIDDEN_NAMES } from '../core/field-path.js';

export class ExpressionError extends SynthkitError {}

export type Value = number | string | boolean | null | Value[] | { [key: string]: unknown };

type Node =
  | { t: 'lit'; v: Value }
  | { t: 'list'; items: Node[] }
  | { t: 'path'; parts: (string | number)[]; text: string }
  | { t: 'call'; fn: string; args: Node[] }
  | { t: 'un'; op: '-' | 'not'; x: Node }
  | { t: 'bin'; op: string; a: Node; b: Node };

export interface CompiledExpression {
  readonly source: string;
  /** Top-level names the expression reads. */
  readonly references: string[];
  evaluate(scope: Record<string, unknown>): Value;
}

const MAX_LENGTH = 4000;
const MAX_DEPTH = 64;

const FUNCTIONS: Record<string, { arity: [number, number]; fn: (...args: Value[]) => Value }> = {
  len: {
    arity: [1, 1],
    fn: (x) => (typeof x === 'string' ? [...x].length : Array.isArray(x) ? x.length : x === null ? 0 : fail(`len() needs text or a list, got ${kind(x)}`)),
  },
  words: { arity: [1, 1], fn: (x) => (x === null ? 0 : str(x, 'words').split(/\s+/u).filter(Boolean).length) },
  min: { arity: [1, 32], fn: (...xs) => Math.min(...spread(xs, 'min')) },
  max: { arity: [1, 32], fn: (...xs) => Math.max(...spread(xs, 'max')) },
  log: { arity: [1, 1], fn: (x) => Math.log(num(x, 'log')) },
  exp: { arity: [1, 1], fn: (x) => Math.exp(num(x, 'exp')) },
  sqrt: { arity: [1, 1], fn: (x) => Math.sqrt(num(x, 'sqrt')) },
  abs: { arity: [1, 1], fn: (x) => Math.abs(num(x, 'abs')) },
  contains: { arity: [2, 2], fn: (h, n) => contains(h, n) },
  lower: { arity: [1, 1], fn: (x) => str(x, 'lower').toLowerCase() },
};

export function compileExpression(source: string): CompiledExpression {
  if (source.length > MAX_LENGTH) throw new ExpressionError(`expression is longer than ${MAX_LENGTH} characters`);
  const parser = new Parser(source);
  const root = parser.parseAll();
  const references = new Set<string>();
  walk(root, (n) => {
    if (n.t === 'path') references.add(String(n.parts[0]));
  });
  return {
    source,
    references: [...references],
    evaluate(scope) {
      try {
        return evaluate(root, scope);
      } catch (error) {
        if (error instanceof ExpressionError) throw new ExpressionError(`${source}: ${error.message}`);
        throw error;
      }
    },
  };
}

/** Truthiness for rules: false, null, 0, '' and [] are false. */
export function isTruthy(v: Value): boolean {
  if (Array.isArray(v)) return v.length > 0;
  return Boolean(v);
}

// ---------------------------------------------------------------- tokens and parser

type Token =
  | { k: 'num'; v: number; at: number }
  | { k: 'str'; v: string; at: number }
  | { k: 'id'; v: string; at: number }
  | { k: 'op'; v: string; at: number }
  | { k: 'end'; at: number };

function tokenize(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i];
    if (/\s/u.test(c)) {
      i++;
      continue;
    }
    const rest = src.slice(i);
    const number = /^(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?/u.exec(rest);
    if (number) {
      out.push({ k: 'num', v: Number(number[0]), at: i });
      i += number[0].length;
      continue;
    }
    const ident = /^[A-Za-z_][A-Za-z0-9_]*/u.exec(rest);
    if (ident) {
      out.push({ k: 'id', v: ident[0], at: i });
      i += ident[0].length;
      continue;
    }
    if (c === '"' || c === "'") {
      let j = i + 1;
      let text = '';
      while (j < src.length && src[j] !== c) {
        if (src[j] === '\\' && j + 1 < src.length) {
          const e = src[j + 1];
          text += e === 'n' ? '\n' : e === 't' ? '\t' : e;
          j += 2;
        } else text += src[j++];
      }
      if (j >= src.length) throw new ExpressionError(`unterminated string starting at column ${i + 1}`);
      out.push({ k: 'str', v: text, at: i });
      i = j + 1;
      continue;
    }
    const op = ['==', '!=', '<=', '>=', '&&', '||'].find((o) => rest.startsWith(o)) ?? ('+-*/%<>()[],.!'.includes(c) ? c : undefined);
    if (!op) throw new ExpressionError(`unexpected character '${c}' at column ${i + 1}`);
    out.push({ k: 'op', v: op, at: i });
    i += op.length;
  }
  out.push({ k: 'end', at: src.length });
  return out;
}

class Parser {
  private readonly tokens: Token[];
  private pos = 0;
  private depth = 0;
  constructor(src: string) {
    this.tokens = tokenize(src);
  }

  parseAll(): Node {
    if (this.peek().k === 'end') throw new ExpressionError('empty expression');
    const node = this.or();
    const t = this.peek();
    if (t.k !== 'end') throw this.error(t, 'unexpected');
    return node;
  }

  private peek(): Token {
    return this.tokens[this.pos];
  }
  private next(): Token {
    return this.tokens[this.pos++];
  }
  private isOp(v: string): boolean {
    const t = this.peek();
    return t.k === 'op' && t.v === v;
  }
  private isWord(v: string): boolean {
    const t = this.peek();
    return t.k === 'id' && t.v === v;
  }
  private expect(v: string): void {
    const t = this.next();
    if (t.k !== 'op' || t.v !== v) throw this.error(t, `expected '${v}' but found`);
  }
  private error(t: Token, what: string): ExpressionError {
    const shown = t.k === 'end' ? 'the end' : `'${t.k === 'str' ? JSON.stringify(t.v) : t.v}'`;
    return new ExpressionError(`${what} ${shown} at column ${t.at + 1}`);
  }
  private enter<T>(f: () => T): T {
    if (++this.depth > MAX_DEPTH) throw new ExpressionError(`expression nests deeper than ${MAX_DEPTH} levels`);
    try {
      return f();
    } finally {
      this.depth--;
    }
  }

  private or(): Node {
    return this.enter(() => {
      let a = this.and();
      while (this.isWord('or') || this.isOp('||')) {
        this.next();
        a = { t: 'bin', op: 'or', a, b: this.and() };
      }
      return a;
    });
  }
  private and(): Node {
    let a = this.not();
    while (this.isWord('and') || this.isOp('&&')) {
      this.next();
      a = { t: 'bin', op: 'and', a, b: this.not() };
    }
    return a;
  }
  private not(): Node {
    if (this.isWord('not') || this.isOp('!')) {
      this.next();
      return this.enter(() => ({ t: 'un', op: 'not', x: this.not() }));
    }
    return this.compare();
  }
  private compare(): Node {
    const a = this.add();
    const t = this.peek();
    if (t.k === 'op' && ['==', '!=', '<', '<=', '>', '>='].includes(t.v)) {
      this.next();
      return { t: 'bin', op: t.v, a, b: this.add() };
    }
    if (this.isWord('in')) {
      this.next();
      return { t: 'bin', op: 'in', a, b: this.add() };
    }
    return a;
  }
  private add(): Node {
    let a = this.mul();
    for (let t = this.peek(); t.k === 'op' && (t.v === '+' || t.v === '-'); t = this.peek()) {
      this.next();
      a = { t: 'bin', op: t.v, a, b: this.mul() };
    }
    return a;
  }
  private mul(): Node {
    let a = this.unary();
    for (let t = this.peek(); t.k === 'op' && (t.v === '*' || t.v === '/' || t.v === '%'); t = this.peek()) {
      this.next();
      a = { t: 'bin', op: t.v, a, b: this.unary() };
    }
    return a;
  }
  private unary(): Node {
    if (this.isOp('-')) {
      this.next();
      return this.enter(() => ({ t: 'un', op: '-', x: this.unary() }));
    }
    return this.primary();
  }
  private primary(): Node {
    const t = this.next();
    if (t.k === 'num') return { t: 'lit', v: t.v };
    if (t.k === 'str') return { t: 'lit', v: t.v };
    if (t.k === 'op' && t.v === '(') {
      const inner = this.or();
      this.expect(')');
      return inner;
    }
    if (t.k === 'op' && t.v === '[') {
      const items: Node[] = [];
      if (!this.isOp(']')) {
        do items.push(this.or());
        while (this.isOp(',') && this.next());
      }
      this.expect(']');
      return { t: 'list', items };
    }
    if (t.k !== 'id') throw this.error(t, 'unexpected');
    if (t.v === 'true' || t.v === 'false') return { t: 'lit', v: t.v === 'true' };
    if (t.v === 'null') return { t: 'lit', v: null };
    if (['and', 'or', 'not', 'in'].includes(t.v)) throw this.error(t, 'unexpected');
    if (this.isOp('(')) {
      const f = FUNCTIONS[t.v];
      if (!Object.hasOwn(FUNCTIONS, t.v) || !f)
        throw new ExpressionError(`unknown function '${t.v}' at column ${t.at + 1} (known: ${Object.keys(FUNCTIONS).join(', ')})`);
      this.next();
      const args: Node[] = [];
      if (!this.isOp(')')) {
        do args.push(this.or());
        while (this.isOp(',') && this.next());
      }
      this.expect(')');
      if (args.length < f.arity[0] || args.length > f.arity[1]) {
        throw new ExpressionError(
          `${t.v}() takes ${f.arity[0] === f.arity[1] ? f.arity[0] : `${f.arity[0]} to ${f.arity[1]}`} argument(s), got ${args.length}`,
        );
      }
      return { t: 'call', fn: t.v, args };
    }
    const parts: (string | number)[] = [this.checkName(t.v, t.at)];
    for (;;) {
      if (this.isOp('.')) {
        this.next();
        const n = this.next();
        if (n.k !== 'id' && n.k !== 'num') throw this.error(n, 'expected a field name after "." but found');
        parts.push(n.k === 'num' ? n.v : this.checkName(n.v, n.at));
      } else if (this.isOp('[')) {
        this.next();
        const n = this.next();
        if (n.k !== 'num' && n.k !== 'str') throw this.error(n, 'expected a number or a quoted name inside [] but found');
        parts.push(n.k === 'num' ? n.v : this.checkName(n.v, n.at));
        this.expect(']');
      } else break;
    }
    return { t: 'path', parts, text: parts.join('.') };
  }
  private checkName(name: string, at: number): string {
    if (FORBIDDEN_NAMES.has(name)) throw new ExpressionError(`'${name}' is not allowed (column ${at + 1}): expressions read only the record's own fields`);
    return name;
  }
}

function walk(node: Node, visit: (n: Node) => void): void {
  visit(node);
  if (node.t === 'list') for (const n of node.items) walk(n, visit);
  else if (node.t === 'call') for (const n of node.args) walk(n, visit);
  else if (node.t === 'un') walk(node.x, visit);
  else if (node.t === 'bin') {
    walk(node.a, visit);
    walk(node.b, visit);
  }
}

// ---------------------------------------------------------------- evaluation

function evaluate(node: Node, scope: Record<string, unknown>): Value {
  switch (node.t) {
    case 'lit':
      return node.v;
    case 'list':
      return node.items.map((n) => evaluate(n, scope));
    case 'path':
      return lookup(scope, node.parts);
    case 'call':
      return FUNCTIONS[node.fn].fn(...node.args.map((a) => evaluate(a, scope)));
    case 'un': {
      const x = evaluate(node.x, scope);
      return node.op === 'not' ? !isTruthy(x) : -num(x, 'unary -');
    }
    case 'bin': {
      if (node.op === 'and') return isTruthy(evaluate(node.a, scope)) && isTruthy(evaluate(node.b, scope));
      if (node.op === 'or') return isTruthy(evaluate(node.a, scope)) || isTruthy(evaluate(node.b, scope));
      return binary(node.op, evaluate(node.a, scope), evaluate(node.b, scope));
    }
  }
}

/** Own properties only; anything that is not plain data reads as null. */
function lookup(scope: Record<string, unknown>, parts: (string | number)[]): Value {
  let v: unknown = scope;
  for (const part of parts) {
    if (v === null || typeof v !== 'object') return null;
    const key = String(part);
    if (FORBIDDEN_NAMES.has(key) || !Object.hasOwn(v, key)) return null;
    v = (v as Record<string, unknown>)[key];
  }
  if (v === undefined || typeof v === 'function' || typeof v === 'symbol' || typeof v === 'bigint') return null;
  return v as Value;
}

function binary(op: string, a: Value, b: Value): Value {
  switch (op) {
    case '+':
      if (typeof a === 'string' && typeof b === 'string') return a + b;
      return num(a, '+') + num(b, '+');
    case '-':
      return num(a, '-') - num(b, '-');
    case '*':
      return num(a, '*') * num(b, '*');
    case '/':
      return num(a, '/') / num(b, '/');
    case '%':
      return num(a, '%') % num(b, '%');
    case '==':
      return equal(a, b);
    case '!=':
      return !equal(a, b);
    case 'in':
      return contains(b, a);
    default: {
      if (typeof a === 'number' && typeof b === 'number') return op === '<' ? a < b : op === '<=' ? a <= b : op === '>' ? a > b : a >= b;
      if (typeof a === 'string' && typeof b === 'string') return op === '<' ? a < b : op === '<=' ? a <= b : op === '>' ? a > b : a >= b;
      return fail(`cannot compare ${kind(a)} ${op} ${kind(b)}`);
    }
  }
}

function equal(a: Value, b: Value): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  return JSON.stringify(a) === JSON.stringify(b);
}

function contains(haystack: Value, needle: Value): boolean {
  if (typeof haystack === 'string') return haystack.includes(str(needle, 'contains'));
  if (Array.isArray(haystack)) return haystack.some((x) => equal(x, needle));
  if (haystack === null) return false;
  return fail(`contains/in needs text or a list, got ${kind(haystack)}`);
}

function spread(xs: Value[], name: string): number[] {
  const flat = xs.length === 1 && Array.isArray(xs[0]) ? xs[0] : xs;
  if (flat.length === 0) fail(`${name}() of an empty list`);
  return flat.map((x) => num(x, name));
}

function num(x: Value, where: string): number {
  if (typeof x === 'number') return x;
  if (typeof x === 'boolean') return x ? 1 : 0;
  return fail(`${where} needs a number, got ${kind(x)}`);
}

function str(x: Value, where: string): string {
  if (typeof x === 'string') return x;
  if (typeof x === 'number' || typeof x === 'boolean') return String(x);
  return fail(`${where} needs text, got ${kind(x)}`);
}

function kind(x: Value): string {
  return x === null ? 'null (a missing field?)' : Array.isArray(x) ? 'a list' : typeof x === 'object' ? 'an object' : `${typeof x} ${JSON.stringify(x)}`;
}

function fail(message: string): never {
  throw new ExpressionError(message);
}
