let counter = 0;

/** Increasing numbers that order the sends of a page: a row shows the outcome of whichever came last. */
export function nextSeq(): number {
  counter += 1;
  return counter;
}
