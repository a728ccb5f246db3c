/*
 * CostImportSources: which source an import's records are stored under.
 * A configured source (`modelops.cost.sources.<name>`) fixes the format, the
 * cost measure and the default category; without one, each format has a
 * default source named after it (the simple CSV format's is
 * `modelops.cost.csv.source`). An import replaces its source's records of
 * the days it covers, so two exports of the same spend belong in the same
 * source, and exports of different accounts in different ones.
 */
import { InputError } from '@backstage/errors';
import type { CostImportSourcesResponse } from '@modelops/plugin-modelops-common';
import type { CostExportFormat } from '@modelops/plugin-modelops-node';
import type { CostSettings, CostSourceSettings } from '../CostConfig';
import { SIMPLE_CSV_FORMAT_ID } from './shippedCostFormats';

/** Resolves source names and formats of imports. */
export class CostImportSources {
  private constructor(
    private readonly settings: CostSettings,
    readonly formats: CostExportFormat[],
  ) {}

  /**
   * @throws Error when two formats share an id, or a configured source
   *   names a format or cost measure that does not exist
   */
  static create(
    settings: CostSettings,
    formats: CostExportFormat[],
  ): CostImportSources {
    const ids = new Set<string>();
    for (const format of formats) {
      if (ids.has(format.id)) {
        throw new Error(`Two cost export formats have the id ${format.id}`);
      }
      ids.add(format.id);
    }
    for (const source of settings.sources.values()) {
      const key = `modelops.cost.sources.${source.name}`;
      const format = formats.find(candidate => candidate.id === source.format);
      if (source.format && !format) {
        throw new InputError(
          `${key}.format: unknown format '${source.format}'; use one of ${[
            ...ids,
          ].join(', ')}`,
        );
      }
      if (source.amount && format && !(source.amount in format.amounts)) {
        throw new InputError(
          `${key}.amount: ${format.title} has no cost measure '${
            source.amount
          }'; use one of ${Object.keys(format.amounts).join(', ')}`,
        );
      }
    }
    return new CostImportSources(settings, formats);
  }

  /**
   * The format a named source fixes, when it fixes one: a configured
   * source's format, or the format whose default source the name is.
   */
  formatOf(name: string | undefined): string | undefined {
    if (name === undefined) return undefined;
    const configured = this.settings.sources.get(name);
    if (configured) return configured.format;
    if (name === this.settings.csv.source) return SIMPLE_CSV_FORMAT_ID;
    return this.formats.find(format => format.id === name)?.id;
  }

  /**
   * Checks a source name before the file is read.
   *
   * @throws InputError naming the known sources
   */
  check(name: string | undefined): void {
    if (name === undefined || this.known(name)) return;
    throw new InputError(
      `source: unknown source '${name}'; use a configured source${
        this.settings.sources.size
          ? ` (${[...this.settings.sources.keys()].join(', ')})`
          : ''
      } or a format id (${this.formats.map(format => format.id).join(', ')})`,
    );
  }

  private known(name: string): boolean {
    return (
      this.settings.sources.has(name) ||
      name === this.settings.csv.source ||
      this.formats.some(format => format.id === name)
    );
  }

  /** The source of a file in `format`, by name when one is given. */
  resolve(
    name: string | undefined,
    format: CostExportFormat,
  ): CostSourceSettings {
    this.check(name);
    const configured =
      name === undefined
        ? this.configuredFor(format)
        : this.settings.sources.get(name);
    if (configured) {
      if (configured.format && configured.format !== format.id) {
        throw new InputError(
          `format: source ${configured.name} reads ${configured.format} files, not ${format.id}`,
        );
      }
      return configured;
    }
    const simple = format.id === SIMPLE_CSV_FORMAT_ID;
    return {
      name: name ?? (simple ? this.settings.csv.source : format.id),
      format: format.id,
      defaultCategory: simple ? this.settings.csv.defaultCategory : 'other',
    };
  }

  // The one configured source reading this format, when exactly one does.
  private configuredFor(
    format: CostExportFormat,
  ): CostSourceSettings | undefined {
    const matching = [...this.settings.sources.values()].filter(
      source => source.format === format.id,
    );
    return matching.length === 1 ? matching[0] : undefined;
  }

  /** The sources and formats an uploader can choose from. */
  describe(): Pick<CostImportSourcesResponse, 'formats' | 'sources'> {
    return {
      formats: this.formats.map(format => ({
        id: format.id,
        title: format.title,
        defaultAmount: format.defaultAmount,
        amounts: Object.entries(format.amounts).map(
          ([measure, description]) => ({ measure, description }),
        ),
      })),
      sources: [
        ...[...this.settings.sources.values()].map(source => ({
          name: source.name,
          format: source.format,
          amount: source.amount,
          configured: true,
        })),
        ...this.formats
          .map(format => ({
            name:
              format.id === SIMPLE_CSV_FORMAT_ID
                ? this.settings.csv.source
                : format.id,
            format: format.id,
            configured: false,
          }))
          .filter(source => !this.settings.sources.has(source.name)),
      ],
    };
  }
}
