/*
 * normalizeRef: the one ref normalisation behind every two-person rule
 * (waiver approvals, change approvals) and every configured owner list. Refs
 * arrive from tokens, request bodies, YAML and stored rows with different
 * case, surrounding whitespace and short forms (`jane` for
 * `user:default/jane`); comparing them as sent lets a requester approve
 * their own request by sending a variant of their ref.
 */
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';

/** Options of {@link normalizeRef}. */
export interface NormalizeRefOptions {
  /** Kind of a ref given without one. Default `user`. */
  defaultKind?: string;
  /** Namespace of a ref given without one. Default `default`. */
  defaultNamespace?: string;
}

/**
 * The full, lower-case form `kind:namespace/name` of a ref, trimmed. A value
 * that is not a ref at all is trimmed and lower-cased, so two such values
 * still compare as the same text.
 */
export function normalizeRef(
  ref: string,
  options: NormalizeRefOptions = {},
): string {
  const trimmed = ref.trim();
  try {
    return stringifyEntityRef(
      parseEntityRef(trimmed, {
        defaultKind: options.defaultKind ?? 'user',
        defaultNamespace: options.defaultNamespace ?? 'default',
      }),
    ).toLowerCase();
  } catch {
    return trimmed.toLowerCase();
  }
}

/** Whether two refs name the same entity (or principal). */
export function isSameRef(
  a: string,
  b: string,
  options?: NormalizeRefOptions,
): boolean {
  return normalizeRef(a, options) === normalizeRef(b, options);
}
