const MAX_LENGTH = 60;

/**
 * Renders a found value for a validation message: JSON for data, `nothing`
 * for a missing field, shortened so that one message stays on one line.
 */
export function describeValue(value: unknown): string {
  if (value === undefined) {
    return 'nothing';
  }
  let rendered: string;
  try {
    rendered = JSON.stringify(value) ?? String(value);
  } catch {
    rendered = String(value);
  }
  return rendered.length > MAX_LENGTH
    ? `${rendered.slice(0, MAX_LENGTH - 3)}...`
    : rendered;
}

/** Formats an issue path the way authors write it: `spec.metrics[0].name`. */
export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') {
      out += `[${segment}]`;
    } else {
      const key = String(segment);
      if (/^[A-Za-z_$][\w$-]*$/.test(key)) {
        out += out ? `.${key}` : key;
      } else {
        out += `[${JSON.stringify(key)}]`;
      }
    }
  }
  return out || 'entity';
}

/** Reads the value at a path of a parsed document, undefined when absent. */
export function valueAt(
  root: unknown,
  path: ReadonlyArray<PropertyKey>,
): unknown {
  let current: unknown = root;
  for (const segment of path) {
    if (current === null || typeof current !== 'object') {
      return undefined;
    }
    current = (current as Record<PropertyKey, unknown>)[segment];
  }
  return current;
}
