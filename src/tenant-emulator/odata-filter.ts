import { GraphRequestError } from './graph-error.js';

// A parser for the OData `$filter` subset the bot sends: comparisons,
// startswith/contains/endswith, `collection/any(x:x eq '…')`, and/or and
// parentheses. String literals use single quotes with `''` for a quote.

export type FilterOperator = 'eq' | 'ne' | 'startswith' | 'contains' | 'endswith';
export type FilterLiteral = string | boolean | null;

export type FilterNode =
  | { kind: 'compare'; operator: FilterOperator; property: string; value: FilterLiteral }
  | { kind: 'any'; property: string; operator: FilterOperator; value: FilterLiteral }
  | { kind: 'logical'; operator: 'and' | 'or'; left: FilterNode; right: FilterNode };

type Token =
  | { type: 'name'; text: string; position: number }
  | { type: 'string'; text: string; position: number }
  | { type: 'punctuation'; text: string; position: number };

const FUNCTIONS = new Set<FilterOperator>(['startswith', 'contains', 'endswith']);

export function invalidFilter(reason: string): GraphRequestError {
  return new GraphRequestError(400, 'BadRequest', `Invalid filter clause: ${reason}`);
}

function readString(text: string, start: number): { value: string; end: number } {
  let value = '';
  let index = start + 1;
  while (index < text.length) {
    const char = text[index];
    if (char === "'") {
      if (text[index + 1] === "'") {
        value += "'";
        index += 2;
        continue;
      }
      return { value, end: index + 1 };
    }
    value += char;
    index += 1;
  }
  throw invalidFilter(`unterminated string literal at position ${start} in '${text}'.`);
}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let index = 0;
  while (index < text.length) {
    const char = text[index] as string;
    if (/\s/.test(char)) {
      index += 1;
    } else if (char === "'") {
      const { value, end } = readString(text, index);
      tokens.push({ type: 'string', text: value, position: index });
      index = end;
    } else if ('(),:'.includes(char)) {
      tokens.push({ type: 'punctuation', text: char, position: index });
      index += 1;
    } else {
      const match = /^[A-Za-z0-9_.\-/$@]+/.exec(text.slice(index));
      if (match === null) {
        throw invalidFilter(`unexpected character '${char}' at position ${index}.`);
      }
      tokens.push({ type: 'name', text: match[0], position: index });
      index += match[0].length;
    }
  }
  return tokens;
}

class FilterParser {
  private index = 0;

  constructor(private readonly tokens: Token[]) {}

  parse(): FilterNode {
    const node = this.parseOr();
    const extra = this.tokens[this.index];
    if (extra !== undefined) {
      throw invalidFilter(`unexpected '${extra.text}' at position ${extra.position}.`);
    }
    return node;
  }

  private parseOr(): FilterNode {
    let left = this.parseAnd();
    while (this.acceptName('or')) {
      left = { kind: 'logical', operator: 'or', left, right: this.parseAnd() };
    }
    return left;
  }

  private parseAnd(): FilterNode {
    let left = this.parsePrimary();
    while (this.acceptName('and')) {
      left = { kind: 'logical', operator: 'and', left, right: this.parsePrimary() };
    }
    return left;
  }

  private parsePrimary(): FilterNode {
    if (this.acceptPunctuation('(')) {
      const node = this.parseOr();
      this.expectPunctuation(')');
      return node;
    }
    const name = this.expectName();
    const lowered = name.toLowerCase() as FilterOperator;
    if (FUNCTIONS.has(lowered) && this.acceptPunctuation('(')) {
      const property = this.expectName();
      this.expectPunctuation(',');
      const value = this.expectLiteral();
      this.expectPunctuation(')');
      return { kind: 'compare', operator: lowered, property, value };
    }
    if (name.toLowerCase().endsWith('/any')) {
      return this.parseAny(name.slice(0, -4));
    }
    const operator = this.expectName().toLowerCase();
    if (operator !== 'eq' && operator !== 'ne') {
      throw new GraphRequestError(400, 'Request_UnsupportedQuery', `Unsupported query operator '${operator}'.`);
    }
    return { kind: 'compare', operator, property: name, value: this.expectLiteral() };
  }

  private parseAny(property: string): FilterNode {
    this.expectPunctuation('(');
    const variable = this.expectName();
    this.expectPunctuation(':');
    const first = this.expectName();
    let node: FilterNode;
    if (first === variable) {
      const operator = this.expectName().toLowerCase();
      if (operator !== 'eq' && operator !== 'ne') {
        throw invalidFilter(`unsupported lambda operator '${operator}'.`);
      }
      node = { kind: 'any', property, operator, value: this.expectLiteral() };
    } else if (FUNCTIONS.has(first.toLowerCase() as FilterOperator)) {
      this.expectPunctuation('(');
      if (this.expectName() !== variable) {
        throw invalidFilter(`the lambda variable '${variable}' must be the function's first argument.`);
      }
      this.expectPunctuation(',');
      node = { kind: 'any', property, operator: first.toLowerCase() as FilterOperator, value: this.expectLiteral() };
      this.expectPunctuation(')');
    } else {
      throw invalidFilter(`unexpected '${first}' inside any().`);
    }
    this.expectPunctuation(')');
    return node;
  }

  private peek(): Token | undefined {
    return this.tokens[this.index];
  }

  private acceptName(text: string): boolean {
    const token = this.peek();
    if (token?.type === 'name' && token.text.toLowerCase() === text) {
      this.index += 1;
      return true;
    }
    return false;
  }

  private acceptPunctuation(text: string): boolean {
    const token = this.peek();
    if (token?.type === 'punctuation' && token.text === text) {
      this.index += 1;
      return true;
    }
    return false;
  }

  private expectPunctuation(text: string): void {
    if (!this.acceptPunctuation(text)) {
      throw invalidFilter(`expected '${text}' ${this.where()}.`);
    }
  }

  private expectName(): string {
    const token = this.peek();
    if (token?.type !== 'name') {
      throw invalidFilter(`expected a property or operator ${this.where()}.`);
    }
    this.index += 1;
    return token.text;
  }

  private expectLiteral(): FilterLiteral {
    const token = this.peek();
    this.index += 1;
    if (token?.type === 'string') {
      return token.text;
    }
    if (token?.type === 'name' && ['true', 'false', 'null'].includes(token.text)) {
      return token.text === 'null' ? null : token.text === 'true';
    }
    this.index -= 1;
    throw invalidFilter(`expected a quoted string literal ${this.where()}.`);
  }

  private where(): string {
    const token = this.peek();
    return token === undefined ? 'at the end of the clause' : `at position ${token.position}`;
  }
}

export function parseFilter(text: string): FilterNode {
  const tokens = tokenize(text);
  if (tokens.length === 0) {
    throw invalidFilter('the clause is empty.');
  }
  return new FilterParser(tokens).parse();
}
