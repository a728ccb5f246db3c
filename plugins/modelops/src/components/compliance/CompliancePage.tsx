import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { useApi } from '@backstage/core-plugin-api';
import {
  Content,
  Header,
  Page,
  Progress,
  ResponseErrorPanel,
  Table,
  type TableColumn,
} from '@backstage/core-components';
import type {
  ObligationInstrument,
  PortfolioObligation,
} from '@modelops/plugin-modelops-common';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { CampaignFromDateButton } from './CampaignFromDateButton';
import { complianceApiRef } from '../../api/complianceApiRef';
import { INSTRUMENT_LABELS, InstrumentSelect } from './InstrumentSelect';
import { appliesText } from './ObligationStatusChip';
import { ML_PAGE_THEME } from '../common/PageFrame';

const columns: TableColumn<PortfolioObligation>[] = [
  { title: 'Obligation or control', field: 'citation', width: '14em' },
  { title: 'What it asks', render: row => row.obligation.title },
  {
    title: 'Applies',
    render: row => appliesText(row.obligation.appliesFrom, row.daysLeft),
  },
  {
    title: 'Checks mapped',
    render: row =>
      row.checkIds.length === 0
        ? 'None (no coverage)'
        : row.checkIds.join(', '),
  },
  { title: 'Met', render: row => row.models.met },
  { title: 'Failing', render: row => row.models.failing },
  { title: 'Not evidenced', render: row => row.models['not-evidenced'] },
  { title: 'Not applicable', render: row => row.models['not-applicable'] },
];

/**
 * The portfolio compliance page: per obligation of the EU AI Act, or per
 * ISO/IEC 42001 Annex A control or NIST AI RMF subcategory, the checks
 * mapped to it and how many models meet it, fail it or are out of scope.
 *
 * @public
 */
export function CompliancePage() {
  const api = useApi(complianceApiRef);
  const [instrument, setInstrument] =
    useState<ObligationInstrument>('eu-ai-act');
  const { value, loading, error } = useAsync(
    () => api.getPortfolioCompliance({ instrument }),
    [api, instrument],
  );
  const covered = value?.obligations.filter(o => o.checkIds.length > 0).length;
  return (
    <Page themeId={ML_PAGE_THEME}>
      <Header
        title="Compliance"
        subtitle="What applies when, and the coverage of each obligation or control across the portfolio"
      />
      <Content>
        <Stack spacing={2}>
          <Stack direction="row" spacing={2} alignItems="center">
            <InstrumentSelect value={instrument} onChange={setInstrument} />
            {value && (
              <Typography variant="body2" sx={{ flexGrow: 1 }}>
                {value.modelCount} models as of {value.asOf};{' '}
                {INSTRUMENT_LABELS[instrument]}: checks cover {covered} of{' '}
                {value.obligations.length} tracked items.
              </Typography>
            )}
            <CampaignFromDateButton />
          </Stack>
          {error && <ResponseErrorPanel error={error} />}
          {loading && <Progress />}
          {value && (
            <Table<PortfolioObligation>
              options={{ paging: false, search: true, padding: 'dense' }}
              columns={columns}
              data={value.obligations}
            />
          )}
        </Stack>
      </Content>
    </Page>
  );
}
