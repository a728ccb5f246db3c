/*
 * pageOf: answers of list actions are bounded so that an assistant's context
 * is not flooded. Every list comes as one page with the total it was cut
 * from, so the assistant can tell "5 of 212" from "all 5".
 */
import type { z as zod } from 'zod/v3';

/** Largest page an action returns. */
export const MAX_PAGE_SIZE = 100;

/** The paging fields of a list action's input. */
export function pageInput(z: typeof zod, defaultLimit = 20) {
  return {
    offset: z
      .number()
      .int()
      .min(0)
      .default(0)
      .describe('How many items to skip, for the next page.'),
    limit: z
      .number()
      .int()
      .min(1)
      .max(MAX_PAGE_SIZE)
      .default(defaultLimit)
      .describe(`Items per page, at most ${MAX_PAGE_SIZE}.`),
  };
}

/** The paging fields of a list action's output. */
export function pageOutput(z: typeof zod) {
  return {
    total: z.number().describe('Items matching, before paging.'),
    offset: z.number(),
    limit: z.number(),
  };
}

/** One page of `items` with the total it was cut from. */
export function pageOf<T>(
  items: T[],
  page: { offset: number; limit: number },
): { total: number; offset: number; limit: number; items: T[] } {
  return {
    total: items.length,
    offset: page.offset,
    limit: page.limit,
    items: items.slice(page.offset, page.offset + page.limit),
  };
}
