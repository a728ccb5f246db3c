import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import useAsyncFn from 'react-use/esm/useAsyncFn';
import { useApi } from '@backstage/core-plugin-api';
import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
  Table,
  type TableColumn,
} from '@backstage/core-components';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import type {
  DossierFormat,
  ObligationAssessment,
  ObligationInstrument,
} from '@modelops/plugin-modelops-common';
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { complianceApiRef } from '../../api/complianceApiRef';
import { InstrumentSelect } from './InstrumentSelect';
import { ObligationStatusChip, appliesText } from './ObligationStatusChip';

const columns: TableColumn<ObligationAssessment>[] = [
  { title: 'Obligation', field: 'citation', width: '14em' },
  {
    title: 'What it asks',
    render: row => (
      <>
        <Typography variant="body2">{row.obligation.title}</Typography>
        <Typography variant="caption" color="text.secondary">
          {row.applicability.reason}
        </Typography>
      </>
    ),
  },
  {
    title: 'Applies',
    render: row =>
      row.status === 'not-applicable'
        ? '-'
        : appliesText(
            row.applicability.appliesFrom,
            row.applicability.daysLeft,
          ),
  },
  {
    title: 'Status',
    render: row => <ObligationStatusChip status={row.status} />,
  },
  {
    title: 'Checks',
    render: row =>
      row.checks.length === 0
        ? 'No check evidences it'
        : row.checks.map(c => (
            <Typography key={c.id} variant="body2">
              {c.title}: {c.state}
              {c.message ? ` (${c.message})` : ''}
            </Typography>
          )),
  },
];

/** Saves a downloaded dossier as a file the browser downloads. */
function saveFile(fileName: string, content: string | Uint8Array) {
  const url = URL.createObjectURL(
    typeof content === 'string'
      ? new Blob([content], { type: 'text/markdown;charset=utf-8' })
      : new Blob([content as BlobPart], { type: 'application/pdf' }),
  );
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  URL.revokeObjectURL(url);
}

/**
 * The compliance tab of a model: per obligation whether it applies, from
 * when (with days left), and whether the checks citing it pass; for
 * high-risk models, the Annex IV technical documentation as a download.
 *
 * @public
 */
export function EntityComplianceContent() {
  const { entity } = useEntity();
  const api = useApi(complianceApiRef);
  const entityRef = stringifyEntityRef(entity);
  const [instrument, setInstrument] =
    useState<ObligationInstrument>('eu-ai-act');
  const { value, loading, error } = useAsync(
    () => api.getEntityCompliance({ entityRef, instrument }),
    [api, entityRef, instrument],
  );
  const [download, downloadDossier] = useAsyncFn(
    async (format: DossierFormat) => {
      const dossier =
        format === 'pdf'
          ? await api.getDossier(entityRef, 'pdf')
          : await api.getDossier(entityRef);
      saveFile(dossier.fileName, dossier.content);
    },
    [api, entityRef],
  );
  const highRisk = (entity.spec as any)?.risk?.tier === 'high';
  return (
    <Stack spacing={2}>
      {highRisk && (
        <InfoCard title="Technical documentation (Annex IV)">
          <Typography variant="body2" paragraph>
            Generated for version{' '}
            {String((entity.spec as any)?.version ?? 'unversioned')} from the
            records the portal holds, with the gaps of each section.
          </Typography>
          <Stack direction="row" spacing={1}>
            <Button
              variant="outlined"
              onClick={() => downloadDossier('markdown')}
              disabled={download.loading}
            >
              Download dossier (Markdown)
            </Button>
            <Button
              variant="outlined"
              onClick={() => downloadDossier('pdf')}
              disabled={download.loading}
            >
              Download PDF
            </Button>
          </Stack>
          {download.error && <ResponseErrorPanel error={download.error} />}
        </InfoCard>
      )}
      {error && <ResponseErrorPanel error={error} />}
      {loading && <Progress />}
      {value && (
        <Table<ObligationAssessment>
          title={`Obligations as of ${value.asOf}`}
          options={{ paging: false, search: false, padding: 'dense' }}
          columns={columns}
          data={value.obligations}
          actions={[
            {
              icon: () => (
                <InstrumentSelect value={instrument} onChange={setInstrument} />
              ),
              isFreeAction: true,
              onClick: () => undefined,
            },
          ]}
        />
      )}
    </Stack>
  );
}
