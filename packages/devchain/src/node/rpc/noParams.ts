import type { Handler } from './dispatcher.js';

/** A handler for a method that takes no parameters. */
export function noParams(answer: () => unknown): Handler {
  return (params) => {
    params.atMost(0);
    return answer();
  };
}
