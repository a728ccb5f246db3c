import {
  Entity,
  getCompoundEntityRef,
  parseEntityRef,
  CompoundEntityRef,
} from '@backstage/catalog-model';
import {
  EntityRefLink,
  EntityRefLinks,
  getEntityRelations,
} from '@backstage/plugin-catalog-react';

/**
 * The entities at the other end of a relation. The processor's relations are
 * preferred because they are resolved; the spec's refs are the fallback for
 * catalogs where the ModelOps processor is not installed yet.
 */
export function relatedRefs(
  entity: Entity,
  relation: string,
  specRefs: string[] | string | undefined,
  defaultKind: string,
): CompoundEntityRef[] {
  const fromRelations = getEntityRelations(entity, relation);
  if (fromRelations.length > 0) {
    return fromRelations;
  }
  const refs = specRefs === undefined ? [] : [specRefs].flat();
  const { namespace } = getCompoundEntityRef(entity);
  return refs.flatMap(ref => {
    try {
      return [
        parseEntityRef(ref, { defaultKind, defaultNamespace: namespace }),
      ];
    } catch {
      // A malformed ref is reported by the catalog processor; skip it here.
      return [];
    }
  });
}

/** Links to related entities, or `undefined` when there are none. */
export function RelatedLinks(props: { refs: CompoundEntityRef[] }) {
  if (props.refs.length === 0) {
    return null;
  }
  return <EntityRefLinks entityRefs={props.refs} />;
}

/**
 * A link to an entity named by a possibly short ref (`risk-ml` rather than
 * `group:default/risk-ml`), as kinds allow in YAML. The catalog's link needs
 * a full ref, so the short ref is completed here; a ref that cannot be parsed
 * is shown as text rather than breaking the page.
 */
export function RefLink(props: { entityRef: string; defaultKind: string }) {
  const { entityRef, defaultKind } = props;
  try {
    const ref = parseEntityRef(entityRef, {
      defaultKind,
      defaultNamespace: 'default',
    });
    return <EntityRefLink entityRef={ref} />;
  } catch {
    return <>{entityRef}</>;
  }
}

/** Links to several entities named by possibly short refs. */
export function RefLinks(props: { entityRefs: string[]; defaultKind: string }) {
  return (
    <>
      {props.entityRefs.map((ref, index) => (
        <span key={ref}>
          {index > 0 && ', '}
          <RefLink entityRef={ref} defaultKind={props.defaultKind} />
        </span>
      ))}
    </>
  );
}
