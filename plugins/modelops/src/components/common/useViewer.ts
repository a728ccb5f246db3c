import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { identityApiRef, useApi } from '@backstage/core-plugin-api';
import useAsync from 'react-use/esm/useAsync';

/** The signed-in user as the pages' action rules need them. */
export interface Viewer {
  /** The user's ref, lower case. */
  userRef: string;
  /** True when the ref names the viewer, however it is spelled. */
  isMe(ref: string | undefined): boolean;
  /**
   * True when the viewer is the ref or a member of it (the user and the
   * groups of their memberOf, as sign-in resolved them).
   */
  belongsTo(ref: string | undefined): boolean;
}

/** A ref in one spelling: kind and namespace filled in, lower case. */
export function normalizeRef(ref: string, defaultKind = 'group'): string {
  try {
    return stringifyEntityRef(
      parseEntityRef(ref, { defaultKind, defaultNamespace: 'default' }),
    ).toLocaleLowerCase('en-US');
  } catch {
    return ref.toLocaleLowerCase('en-US');
  }
}

/**
 * Who is signed in, to offer an action only to those the backend lets take
 * it (the requester may not approve their own request, members of the
 * owning group attest, ...). Undefined until the identity is known; the
 * backend checks every action again.
 */
export function useViewer(): Viewer | undefined {
  const identityApi = useApi(identityApiRef);
  const { value } = useAsync(async () => {
    const identity = await identityApi.getBackstageIdentity();
    const userRef = normalizeRef(identity.userEntityRef, 'user');
    const refs = new Set([
      userRef,
      ...identity.ownershipEntityRefs.map(ref => normalizeRef(ref)),
    ]);
    const viewer: Viewer = {
      userRef,
      isMe: ref => ref !== undefined && normalizeRef(ref, 'user') === userRef,
      belongsTo: ref => ref !== undefined && refs.has(normalizeRef(ref)),
    };
    return viewer;
  }, [identityApi]);
  return value;
}
