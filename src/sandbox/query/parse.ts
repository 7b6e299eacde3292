// liqe reads the query; this file turns its failures into QuerySyntaxErrors a person can act on:
// what is wrong and at which character (0-based, as `position`).
import { LiqeError, SyntaxError as LiqeSyntaxError, parse, type LiqeQuery } from 'liqe';
import { QuerySyntaxError } from '../contracts';

const QUOTING_HINT = 'put values with spaces or special characters in double quotes, e.g. from:"+18005551212"';

export function parseQuery(query: string): LiqeQuery {
  try {
    return parse(query);
  } catch (error) {
    if (error instanceof LiqeSyntaxError) {
      throw unexpectedCharacter(query, error.offset);
    }
    if (error instanceof LiqeError) {
      throw new QuerySyntaxError(`Cannot read the query: ${error.message}`);
    }
    if (error instanceof Error && error.message === 'Found no parsings.') {
      // liqe's way of saying the input stopped before the expression was complete.
      throw incompleteQuery(query);
    }
    throw error;
  }
}

function unexpectedCharacter(query: string, offset: number): QuerySyntaxError {
  const character = query.charAt(offset);
  if (character === ')') {
    return new QuerySyntaxError(`Unexpected ")" at position ${offset}: there is no "(" for it to close`, offset);
  }
  const shown = character === '' ? 'end of query' : /\s/.test(character) ? 'space' : `"${character}"`;
  const before = query.slice(0, offset).trimEnd().split(/\s+/).pop() ?? '';
  const after = before === '' ? '' : ` after "${before}"`;
  return new QuerySyntaxError(`Unexpected ${shown} at position ${offset}${after}; ${QUOTING_HINT}`, offset);
}

function incompleteQuery(query: string): QuerySyntaxError {
  let quote: { char: string; at: number } | undefined;
  const openParens: number[] = [];
  for (let i = 0; i < query.length; i++) {
    const char = query[i];
    if (quote) {
      if (char === '\\') {
        i++;
      } else if (char === quote.char) {
        quote = undefined;
      }
    } else if (char === '"' || char === "'") {
      quote = { char, at: i };
    } else if (char === '(') {
      openParens.push(i);
    } else if (char === ')') {
      openParens.pop();
    }
  }
  if (quote) {
    return new QuerySyntaxError(`Unterminated quote: the ${quote.char} at position ${quote.at} is never closed`, quote.at);
  }
  const open = openParens.pop();
  if (open !== undefined) {
    return new QuerySyntaxError(`Missing ")": the "(" at position ${open} is never closed`, open);
  }
  const tail = query.trimEnd();
  return new QuerySyntaxError(
    `The query ends too early at position ${tail.length}: "${tail.slice(-12).trimStart()}" needs something after it`,
    tail.length,
  );
}
