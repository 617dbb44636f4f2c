// Where things are in a JSON text, so messages can give a line and a column instead of quoting content:
// the first syntax error (JSON.parse messages quote the input), and the value a JSON pointer names.

export interface JsonPosition {
  line: number;
  column: number;
}

interface Problem {
  offset: number;
  problem: string;
}

// Deeper nesting is legal JSON but no results file has it; give up on positions rather than the stack.
const MAX_DEPTH = 512;

class Stop {
  constructor(
    readonly offset: number | undefined,
    readonly problem?: string,
  ) {}
}

function escapePointer(token: string): string {
  return token.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** A small JSON reader that stops at the first syntax error, or at the value `target` names. */
class Reader {
  private i = 0;

  constructor(
    private readonly text: string,
    private readonly target?: string,
  ) {}

  run(): void {
    this.value('', 0);
    this.space();
    if (this.i < this.text.length) this.fail('more content after the JSON value');
  }

  private fail(problem: string, offset = this.i): never {
    throw new Stop(offset, problem);
  }

  private space(): void {
    while (this.i < this.text.length && ' \t\n\r'.includes(this.text[this.i])) this.i += 1;
  }

  private value(path: string, depth: number): void {
    this.space();
    if (depth > MAX_DEPTH) throw new Stop(undefined);
    if (path === this.target) throw new Stop(this.i);
    const char = this.text[this.i];
    if (char === undefined) this.fail('the JSON ends early');
    if (char === '{') return this.object(path, depth);
    if (char === '[') return this.array(path, depth);
    if (char === '"') {
      this.string();
      return;
    }
    for (const literal of ['true', 'false', 'null']) {
      if (this.text.startsWith(literal, this.i)) {
        this.i += literal.length;
        return;
      }
    }
    const number = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
    number.lastIndex = this.i;
    if (number.exec(this.text)) {
      this.i = number.lastIndex;
      return;
    }
    this.fail('an unexpected character');
  }

  private object(path: string, depth: number): void {
    this.i += 1;
    this.space();
    if (this.text[this.i] === '}') {
      this.i += 1;
      return;
    }
    for (;;) {
      this.space();
      if (this.text[this.i] !== '"') {
        this.fail(this.i >= this.text.length ? 'the JSON ends early' : 'a property name was expected');
      }
      const key = this.string();
      this.space();
      if (this.text[this.i] !== ':') this.fail("':' was expected after a property name");
      this.i += 1;
      this.value(`${path}/${escapePointer(key)}`, depth + 1);
      this.space();
      const next = this.text[this.i];
      this.i += 1;
      if (next === ',') continue;
      if (next === '}') return;
      this.fail(next === undefined ? 'the JSON ends early' : "',' or '}' was expected", this.i - 1);
    }
  }

  private array(path: string, depth: number): void {
    this.i += 1;
    this.space();
    if (this.text[this.i] === ']') {
      this.i += 1;
      return;
    }
    for (let index = 0; ; index += 1) {
      this.value(`${path}/${index}`, depth + 1);
      this.space();
      const next = this.text[this.i];
      this.i += 1;
      if (next === ',') continue;
      if (next === ']') return;
      this.fail(next === undefined ? 'the JSON ends early' : "',' or ']' was expected", this.i - 1);
    }
  }

  /** Reads a string at the opening quote; returns its value (keys are needed for pointers). */
  private string(): string {
    const start = this.i;
    this.i += 1;
    let value = '';
    for (;;) {
      const char = this.text[this.i];
      if (char === undefined) this.fail('a string is not terminated', start);
      if (char === '"') {
        this.i += 1;
        return value;
      }
      if (char.charCodeAt(0) < 0x20) this.fail('a control character inside a string');
      if (char === '\\') {
        const escape = this.text[this.i + 1];
        if (escape === 'u') {
          const hex = this.text.slice(this.i + 2, this.i + 6);
          if (!/^[0-9a-fA-F]{4}$/.test(hex)) this.fail('a bad \\u escape in a string');
          value += String.fromCharCode(parseInt(hex, 16));
          this.i += 6;
          continue;
        }
        const simple: Record<string, string> = {
          '"': '"',
          '\\': '\\',
          '/': '/',
          b: '\b',
          f: '\f',
          n: '\n',
          r: '\r',
          t: '\t',
        };
        if (escape === undefined || !(escape in simple)) this.fail('a bad escape in a string');
        value += simple[escape];
        this.i += 2;
        continue;
      }
      value += char;
      this.i += 1;
    }
  }
}

function run(text: string, target?: string): Stop | undefined {
  try {
    new Reader(text, target).run();
    return undefined;
  } catch (stop) {
    if (stop instanceof Stop) return stop;
    if (stop instanceof RangeError) return undefined; // too deep for the stack: no position
    throw stop;
  }
}

/** The first syntax error in `text` (which JSON.parse refused), without quoting any of it. */
export function findJsonSyntaxError(text: string): Problem | undefined {
  const stop = run(text);
  if (stop?.offset === undefined || stop.problem === undefined) return undefined;
  return { offset: stop.offset, problem: stop.problem };
}

/** Offset of the value at JSON pointer `pointer` ('' = the root) in valid JSON `text`, if found. */
export function locatePointer(text: string, pointer: string): number | undefined {
  const stop = run(text, pointer);
  return stop && stop.problem === undefined ? stop.offset : undefined;
}

/** 1-based line and column (in characters) of `offset`. */
export function lineColumn(text: string, offset: number): JsonPosition {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}
