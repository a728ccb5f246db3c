import useAsync from 'react-use/esm/useAsync';
import { useApi } from '@backstage/core-plugin-api';
import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import type {
  ImportNote,
  StoredSourceObjectReport,
} from '@modelops/plugin-modelops-common';
import { observationApiRef } from '../../api/observationApiRef';

/** A readiness the cluster reported, in words. */
function readiness(ready: boolean) {
  return ready ? 'ready' : 'not ready';
}

function NoteList(props: { notes: ImportNote[] }) {
  return (
    <ul>
      {props.notes.map((note, i) => (
        <li key={i}>
          <code>{note.field}</code>
          {note.value !== undefined && (
            <>
              {' = '}
              <code>{note.value}</code>
            </>
          )}
          {`: ${note.reason}`}
        </li>
      ))}
    </ul>
  );
}

function ServingSummary(props: { report: StoredSourceObjectReport }) {
  const s = props.report.serving!;
  const parts = [
    s.modelFormat && `format ${s.modelFormat}`,
    s.runtime && `runtime ${s.runtime}`,
    s.canaryTrafficPercent !== undefined
      ? `canary ${s.canaryTrafficPercent} %`
      : 'no canary',
    `replicas ${s.minReplicas ?? 'default'} to ${s.maxReplicas ?? 'default'}`,
    s.ready === undefined ? undefined : readiness(s.ready),
  ].filter(Boolean);
  return (
    <p>
      InferenceService {s.namespace}/{s.name} on cluster {s.cluster}:{' '}
      {parts.join(', ')}
    </p>
  );
}

/**
 * What the registries and clusters that feed this model reported: the
 * fields they could not map (import notes), what is observed where the
 * model is served, and where the YAML and the cluster disagree. Text is
 * rendered as text, never as HTML.
 *
 * @public
 */
export function EntityImportNotesCard() {
  const { entity } = useEntity();
  const api = useApi(observationApiRef);
  const entityRef = stringifyEntityRef(entity);
  const { value, loading, error } = useAsync(
    () => api.getObservations(entityRef),
    [api, entityRef],
  );
  const noted = value?.reports.filter(r => r.notes.length > 0) ?? [];
  const served = value?.reports.filter(r => r.serving) ?? [];
  return (
    <InfoCard
      title="Import notes"
      subheader="What registries and clusters report that the catalog could not take"
    >
      {loading && <Progress />}
      {error && <ResponseErrorPanel error={error} />}
      {value && (
        <>
          {value.disagreements.length > 0 && (
            <section aria-label="YAML and cluster disagree">
              <strong>The YAML and the cluster disagree</strong>
              <NoteList notes={value.disagreements} />
            </section>
          )}
          {noted.map(report => (
            <section
              key={`${report.source}:${report.sourceObject}`}
              aria-label={`Notes from ${report.source}`}
            >
              <strong>
                {report.source}: {report.sourceObject}
              </strong>
              <NoteList notes={report.notes} />
            </section>
          ))}
          {served.map(report => (
            <ServingSummary
              key={`${report.source}:${report.sourceObject}`}
              report={report}
            />
          ))}
          {value.reports.length === 0 && (
            <p>No registry or cluster reports on this model.</p>
          )}
          {value.reports.length > 0 &&
            noted.length === 0 &&
            value.disagreements.length === 0 && (
              <p>Every field the sources sent was mapped.</p>
            )}
        </>
      )}
    </InfoCard>
  );
}
