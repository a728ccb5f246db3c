const NUMBER = String.raw`[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?`;
// "96.3 ± 2.6", "96.3 +/- 2.6", "96.3+-2.6", "96.3% ± 2.6%"; the optional
// percent signs stay in the text, the numbers are taken as written.
const WITH_UNCERTAINTY = new RegExp(
  String.raw`^(${NUMBER})\s*%?\s*(?:±|\+\s*/\s*-|\+-)\s*(${NUMBER})\s*%?$`,
);
const PLAIN = new RegExp(String.raw`^(${NUMBER})\s*%?$`);

/** A metric value read from a card: number, number ± number, or neither. */
export type ParsedMetricValue =
  | { value: number; uncertainty?: number }
  | { value?: undefined; uncertainty?: undefined };

/** Reads a metric value written as text; empty when it is no number. */
export function parseMetricValue(text: string): ParsedMetricValue {
  const trimmed = text.trim();
  const pair = WITH_UNCERTAINTY.exec(trimmed);
  if (pair) {
    return { value: Number(pair[1]), uncertainty: Math.abs(Number(pair[2])) };
  }
  const plain = PLAIN.exec(trimmed);
  return plain ? { value: Number(plain[1]) } : {};
}
