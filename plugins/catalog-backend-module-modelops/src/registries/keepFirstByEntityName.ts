import type {
  MLModelEntity,
  SourceObjectReport,
} from '@modelops/plugin-modelops-common';

/** One source object mapped to an entity, with its report. */
export interface MappedObject {
  /** The object's name in its registry, for the clash note. */
  sourceName: string;
  entity: MLModelEntity;
  report: SourceObjectReport;
}

/**
 * Two registry names that differ only in case or punctuation map to one
 * entity name and would make the whole mutation fail: the first keeps the
 * name, each later one is not imported and says so in its report.
 */
export function keepFirstByEntityName(
  mapped: MappedObject[],
  objectLabel: string,
): { entities: MLModelEntity[]; reports: SourceObjectReport[] } {
  const byName = new Map<string, MappedObject>();
  const reports: SourceObjectReport[] = [];
  for (const object of mapped) {
    const name = object.entity.metadata.name;
    const clash = byName.get(name);
    if (clash) {
      reports.push({
        sourceObject: object.report.sourceObject,
        notes: [
          {
            field: 'name',
            value: object.sourceName,
            reason: `maps to the entity name ${name}, which ${objectLabel} ${JSON.stringify(
              clash.sourceName,
            )} already took; not imported`,
          },
        ],
      });
      continue;
    }
    byName.set(name, object);
    reports.push(object.report);
  }
  return { entities: [...byName.values()].map(o => o.entity), reports };
}
