import { useApiHolder } from '@backstage/core-plugin-api';
import {
  defaultEntityPresentation,
  entityPresentationApiRef,
} from '@backstage/plugin-catalog-react';
import useAsync from 'react-use/esm/useAsync';

/**
 * Display titles of entities named by refs, for places that need text
 * rather than a link (chart legends, axis labels). Falls back to the short
 * form of the ref ("risk-ml") until the catalog answers, or when the app has
 * no entity presentation API; a ref that is not an entity (e.g. `unowned`)
 * is shown as is.
 */
export function useEntityTitles(refs: string[]): Map<string, string> {
  const presentationApi = useApiHolder().get(entityPresentationApiRef);
  const key = [...new Set(refs)].sort().join('\n');
  const fallback = new Map(refs.map(ref => [ref, shortTitle(ref)]));
  const { value } = useAsync(async () => {
    if (!presentationApi || key === '') {
      return undefined;
    }
    const unique = key.split('\n');
    const titles = await Promise.all(
      unique.map(ref =>
        presentationApi
          .forEntity(ref)
          .promise.then(s => s.primaryTitle)
          .catch(() => shortTitle(ref)),
      ),
    );
    return new Map(unique.map((ref, i) => [ref, titles[i]]));
  }, [presentationApi, key]);
  return value ?? fallback;
}

function shortTitle(ref: string): string {
  if (!ref.includes(':')) {
    return ref;
  }
  try {
    return defaultEntityPresentation(ref).primaryTitle;
  } catch {
    return ref;
  }
}
