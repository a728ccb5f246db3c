/*
 * entityRefEncoding: entity refs written where `:` and `/` are not allowed.
 *
 * A full ref `mlmodel:default/fraud-detector` fits AWS tags (values up to
 * 256 characters of letters, digits, spaces and `_ . : / = + - @`) and Azure
 * tag values, but not Kubernetes label values (at most 63 characters of
 * letters, digits, `-`, `_` and `.`, starting and ending alphanumeric) nor
 * Google Cloud label values (at most 63 characters of lower-case letters,
 * digits, `_` and `-`). Two encodings cover those:
 *
 * - dotted, `mlmodel.default.fraud-detector`: for Kubernetes labels and
 *   AWS/Azure tags;
 * - dashed, `mlmodel--default--fraud-detector`: also for Google Cloud labels,
 *   which allow no dots.
 *
 * Both decode without ambiguity, because a kind holds only letters and
 * digits and a namespace only lower-case letters, digits and single dashes:
 * the first two separators end the kind and the namespace, and the rest is
 * the name, which may itself hold dots or dashes. Refs compare without case,
 * so encoded refs are lower case. The limits: an encoded ref longer than 63
 * characters fits no label (the kind and namespace take part of the 63), and
 * a name with dots or upper-case letters cannot be a Google Cloud label
 * value; tag such resources with the bare entity name instead.
 */

/** The two encodings of an entity ref for labels and tags. */
export type EntityRefEncoding = 'dotted' | 'dashed';

/** The longest label value Kubernetes and Google Cloud accept. */
export const MAX_LABEL_VALUE_LENGTH = 63;

const SEPARATOR: Record<EntityRefEncoding, string> = {
  dotted: '.',
  dashed: '--',
};

const FULL_REF = /^([a-z][a-z0-9]*):(?:([a-z0-9]+(?:-[a-z0-9]+)*)\/)?(.+)$/i;
const DOTTED = /^([a-z][a-z0-9]*)\.([a-z0-9]+(?:-[a-z0-9]+)*)\.(.+)$/i;
const DASHED = /^([a-z][a-z0-9]*)--([a-z0-9]+(?:-[a-z0-9]+)*)--(.+)$/i;

/** A ref split into its parts, lower case. */
export interface EntityRefParts {
  kind: string;
  namespace: string;
  name: string;
}

function parts(match: RegExpExecArray | null): EntityRefParts | undefined {
  if (!match) return undefined;
  return {
    kind: match[1].toLowerCase(),
    namespace: (match[2] ?? 'default').toLowerCase(),
    name: match[3].toLowerCase(),
  };
}

/** `kind:namespace/name` of parts, lower case. */
export function formatEntityRef(ref: EntityRefParts): string {
  return `${ref.kind}:${ref.namespace}/${ref.name}`;
}

/** Reads a full ref (`kind:namespace/name`, or `kind:name` in `default`). */
export function parseFullRef(value: string): EntityRefParts | undefined {
  return parts(FULL_REF.exec(value.trim()));
}

/** Reads an encoded ref in either encoding. */
export function decodeEntityRef(value: string): EntityRefParts | undefined {
  const text = value.trim();
  return parts(DASHED.exec(text)) ?? parts(DOTTED.exec(text));
}

/**
 * Encodes a full ref for labels and tags.
 *
 * @throws RangeError for text that is not a full entity ref
 */
export function encodeEntityRef(
  entityRef: string,
  encoding: EntityRefEncoding,
): string {
  const ref = parseFullRef(entityRef);
  if (!ref) {
    throw new RangeError(`not a full entity ref: ${entityRef}`);
  }
  const separator = SEPARATOR[encoding];
  return `${ref.kind}${separator}${ref.namespace}${separator}${ref.name}`;
}
