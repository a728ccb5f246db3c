/**
 * Turns a registered model name (which may hold dots, slashes, spaces or
 * upper case, e.g. Unity Catalog's catalog.schema.model) into a valid
 * entity name; the original stays in the annotation and the title.
 */
export function toEntityName(registryName: string): string {
  const name = registryName
    .toLocaleLowerCase('en-US')
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/^[^a-z0-9]+|[^a-z0-9]+$/g, '')
    .slice(0, 63)
    .replace(/[^a-z0-9]+$/, '');
  return name || 'unnamed-model';
}
