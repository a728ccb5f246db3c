/**
 * For list rows that hold sentences: the portal's theme sets list item
 * text to one line with overflow hidden, which cut names, dates and
 * reasons off at the card's edge instead of wrapping them.
 */
export const wrapText = {
  whiteSpace: 'normal',
  overflowWrap: 'anywhere',
  minWidth: 0,
} as const;
