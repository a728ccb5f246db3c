import type { LoggerService } from '@backstage/backend-plugin-api';
import type { SourceObjectReport } from '@modelops/plugin-modelops-common';

/**
 * Logs the import notes of a provider once per change: an object's notes
 * are logged when they first appear or differ from the previous run, and
 * their clearing is logged once; unchanged notes stay quiet, so a registry
 * read every few minutes does not repeat the same warnings.
 */
export class ImportNotesLog {
  private previous = new Map<string, string>();

  constructor(private readonly logger: LoggerService) {}

  /** Logs what changed since the last call; returns the number of objects logged. */
  logChanges(reports: SourceObjectReport[]): number {
    const next = new Map<string, string>();
    let logged = 0;
    for (const report of reports) {
      if (report.notes.length === 0) continue;
      const digest = JSON.stringify([report.entityRef, report.notes]);
      next.set(report.sourceObject, digest);
      if (this.previous.get(report.sourceObject) === digest) continue;
      logged++;
      this.logger.warn(
        `${JSON.stringify(report.sourceObject)}${
          report.entityRef ? ` (${report.entityRef})` : ' (no entity)'
        } could not be fully mapped:\n${report.notes
          .map(
            n =>
              `${n.field}${
                n.value === undefined ? '' : ` = ${JSON.stringify(n.value)}`
              }: ${n.reason}`,
          )
          .join('\n')}`,
      );
    }
    for (const object of this.previous.keys()) {
      if (!next.has(object)) {
        logged++;
        this.logger.info(
          `${JSON.stringify(object)} has no import notes any more`,
        );
      }
    }
    this.previous = next;
    return logged;
  }
}
