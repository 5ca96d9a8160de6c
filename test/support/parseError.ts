// The ParseError a call must end in; anything else (another error, or no error) fails the test.

import { ParseError } from '../../src/model/errors';

export async function parseErrorOf(run: () => Promise<unknown>, what: string): Promise<ParseError> {
  try {
    await run();
  } catch (e) {
    if (e instanceof ParseError) return e;
    throw new Error(`expected a ParseError, got ${String(e)}`);
  }
  throw new Error(`expected ${what} to throw`);
}
