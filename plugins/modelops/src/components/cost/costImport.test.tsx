import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { ResponseError } from '@backstage/errors';
import type {
  CostApi,
  CostImportJob,
  CostImportReport,
  CostImportSourcesResponse,
} from '@modelops/plugin-modelops-common';
import { costApiRef } from '../../api/costApiRef';
import { CostImportCard } from './CostImportCard';

const sources: CostImportSourcesResponse = {
  currency: 'USD',
  scope: 'all',
  maxFileBytes: 4 * 1024 ** 3,
  formats: [
    {
      id: 'aws-cur',
      title: 'AWS Cost and Usage Report',
      defaultAmount: 'amortized',
      amounts: [{ measure: 'amortized', description: 'amortised' }],
    },
  ],
  sources: [{ name: 'aws-cur', format: 'aws-cur', configured: false }],
};

const report: CostImportReport = {
  source: 'aws-cur',
  format: {
    id: 'aws-cur',
    title: 'AWS Cost and Usage Report',
    version: 'CUR (legacy)',
  },
  amount: { measure: 'amortized', column: 'amortized' },
  currency: 'USD',
  dryRun: true,
  rows: { read: 18, mapped: 11, unmapped: 7, rejected: 1, skipped: 0 },
  total: 88.16,
  mapped: {
    total: 38.3,
    count: 2,
    byEntity: [
      {
        entityRef: 'mlmodel:default/fraud-detector',
        owner: 'group:default/risk-ml',
        category: 'training',
        rows: 1,
        amount: 30.6,
        inferences: 0,
      },
      {
        entityRef: 'mlmodel:default/search-ranker',
        owner: 'group:default/search',
        category: 'inference',
        rows: 3,
        amount: 7.7,
        inferences: 1200,
      },
    ],
  },
  unmapped: {
    total: 49.86,
    count: 2,
    byTagValue: [
      {
        entityRef: 'unmapped:default/untagged',
        rows: 6,
        amount: 43.2,
        firstRows: [6, 7, 8],
      },
      {
        tagKey: 'modelops.dev/entity',
        tagValue: 'mlmodel:default/retired-model',
        entityRef: 'unmapped:default/mlmodel-default-retired-model',
        unknownEntityRef: 'mlmodel:default/retired-model',
        rows: 1,
        amount: 6.66,
        firstRows: [15],
      },
    ],
    rows: [],
  },
  unknownEntities: ['mlmodel:default/retired-model'],
  rejected: [
    {
      row: 12,
      column: 'lineItem/CurrencyCode',
      reason: "expected USD (modelops.cost.currency), got 'EUR'",
    },
  ],
  days: { count: 31, from: '2026-10-01', to: '2026-10-31' },
  records: 120,
  replacedRecords: 0,
  commit: { allowed: false, reason: '1 rejected row(s)' },
};

function job(overrides: Partial<CostImportJob>): CostImportJob {
  return {
    id: 'dry-1',
    status: 'succeeded',
    dryRun: true,
    sha256: 'a'.repeat(64),
    progress: { rows: 18, bytes: 6772, totalBytes: 6772, percent: 100 },
    createdAt: '2026-11-02T10:00:00.000Z',
    updatedAt: '2026-11-02T10:00:00.000Z',
    ...overrides,
  };
}

async function failing(status: number, message: string): Promise<never> {
  throw await ResponseError.fromResponse(
    new Response(
      JSON.stringify({
        error: { name: 'Error', message },
        response: { statusCode: status },
      }),
      {
        status,
        headers: { 'content-type': 'application/json' },
      },
    ),
  );
}

function fakeApi(overrides: Partial<CostApi>): CostApi {
  return {
    getEntityCost: jest.fn(),
    getTeamCosts: jest.fn(),
    getModelCosts: jest.fn(),
    getIdleModels: jest.fn(),
    ingestRecords: jest.fn(),
    importCsv: jest.fn(),
    getCostImportSources: async () => sources,
    startCostImport: jest.fn(),
    getCostImport: jest.fn(),
    ...overrides,
  };
}

const ROUTES = {
  mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
};

function drop(...files: File[]) {
  fireEvent.change(screen.getByTestId('cost-import-file'), {
    target: { files },
  });
}

// The card, with an API whose uploads answer a finished dry run.
async function renderWithDryRun() {
  const startCostImport = jest.fn(async () => job({ report }));
  await renderInTestApp(
    <TestApiProvider apis={[[costApiRef, fakeApi({ startCostImport })]]}>
      <CostImportCard pollIntervalMs={5} />
    </TestApiProvider>,
    ROUTES,
  );
  return startCostImport;
}

function readText(blob: Blob): Promise<string> {
  return new Promise(resolve => {
    const reader = new FileReader();
    reader.onload = () => resolve(reader.result as string);
    reader.readAsText(blob);
  });
}

describe('CostImportCard', () => {
  const file = new File(['lineItem/UsageStartDate,...'], 'cur-2026-10.csv', {
    type: 'text/csv',
  });

  it('shows nothing to users who may not import cost', async () => {
    const { container } = await renderInTestApp(
      <TestApiProvider
        apis={[
          [
            costApiRef,
            fakeApi({
              getCostImportSources: () => failing(403, 'Not allowed'),
            }),
          ],
        ]}
      >
        <CostImportCard />
      </TestApiProvider>,
    );
    await waitFor(() =>
      expect(screen.queryByText('Import a billing export')).toBeNull(),
    );
    expect(container.textContent).toBe('');
  });

  it('dry-runs a dropped file and shows what maps, what does not and what is rejected', async () => {
    const startCostImport = await renderWithDryRun();
    drop(file);
    expect(
      await screen.findByText(
        'Dry run of cur-2026-10.csv: nothing has been written',
      ),
    ).toBeInTheDocument();
    expect(startCostImport).toHaveBeenCalledWith(file, {
      dryRun: true,
      source: undefined,
      fileName: 'cur-2026-10.csv',
      confirms: undefined,
    });
    expect(screen.getByText('CUR (legacy)')).toBeInTheDocument();
    expect(screen.getByText('$38.30')).toBeInTheDocument();
    expect(screen.getByText('$49.86')).toBeInTheDocument();
    const unmapped = within(
      screen.getByRole('region', { name: 'Unmapped spend by tag value' }),
    );
    expect(unmapped.getByText('no tag')).toBeInTheDocument();
    expect(unmapped.getByText('$43.20')).toBeInTheDocument();
    expect(unmapped.getByText('not in the catalog')).toBeInTheDocument();
    const rejected = within(
      screen.getByRole('region', { name: 'Rejected rows' }),
    );
    expect(
      rejected.getByText("expected USD (modelops.cost.currency), got 'EUR'"),
    ).toBeInTheDocument();
    // Nothing can be confirmed while a row is rejected.
    expect(
      screen.getByText('This file cannot be imported: 1 rejected row(s)'),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Import 120 daily records' }),
    ).toBeDisabled();
  });

  it('imports on confirmation with a progress bar, then links the affected entities and teams', async () => {
    const clean = {
      ...report,
      rows: { ...report.rows, rejected: 0 },
      rejected: [],
      commit: { allowed: true },
    };
    const startCostImport = jest
      .fn()
      .mockResolvedValueOnce(job({ report: clean }))
      .mockResolvedValueOnce(
        job({
          id: 'import-1',
          dryRun: false,
          status: 'queued',
          progress: { rows: 0, bytes: 0, totalBytes: 6772, percent: 0 },
        }),
      );
    let polls = 0;
    const getCostImport = jest.fn(async () => {
      polls += 1;
      return polls < 3
        ? job({
            id: 'import-1',
            dryRun: false,
            status: 'running',
            progress: { rows: 9, bytes: 3386, totalBytes: 6772, percent: 50 },
          })
        : job({
            id: 'import-1',
            dryRun: false,
            report: { ...clean, dryRun: false, commit: undefined },
          });
    });
    await renderInTestApp(
      <TestApiProvider
        apis={[[costApiRef, fakeApi({ startCostImport, getCostImport })]]}
      >
        <CostImportCard pollIntervalMs={20} />
      </TestApiProvider>,
      ROUTES,
    );
    drop(file);
    fireEvent.click(
      await screen.findByRole('button', { name: 'Import 120 daily records' }),
    );
    expect(
      await screen.findByRole('progressbar', {
        name: 'Importing: 9 rows, 50% of 7 kB',
      }),
    ).toHaveAttribute('aria-valuenow', '50');
    expect(startCostImport).toHaveBeenLastCalledWith(file, {
      dryRun: false,
      source: undefined,
      fileName: 'cur-2026-10.csv',
      confirms: 'dry-1',
    });
    expect(
      await screen.findByText(
        'Imported 120 daily records of aws-cur for 1 Oct 2026 to 31 Oct 2026.',
      ),
    ).toBeInTheDocument();
    expect(screen.getByText('Affected entities and teams')).toBeInTheDocument();
    expect(screen.getAllByText('fraud-detector').length).toBeGreaterThan(0);
    expect(screen.getAllByText('risk-ml').length).toBeGreaterThan(0);
  });

  it('says why an upload was refused', async () => {
    await renderInTestApp(
      <TestApiProvider
        apis={[
          [
            costApiRef,
            fakeApi({
              startCostImport: () =>
                failing(
                  400,
                  'body: the header row fits none of the billing export formats',
                ),
            }),
          ],
        ]}
      >
        <CostImportCard />
      </TestApiProvider>,
    );
    drop(file);
    expect(
      await screen.findByText(
        'body: the header row fits none of the billing export formats',
      ),
    ).toBeInTheDocument();
  });

  it('uploads the parts of one export as one file, in part order', async () => {
    const startCostImport = await renderWithDryRun();
    const part = (name: string, text: string) =>
      new File([text], name, { type: 'text/csv' });
    drop(
      part('cur-00010.csv', 'date,cost\n2026-10-03,3\n'),
      part('cur-00002.csv', 'date,cost\n2026-10-02,2'),
      part('cur-00001.csv', 'date,cost\n2026-10-01,1\n'),
    );
    expect(
      await screen.findByText(
        'Dry run of cur-00001.csv and 2 more parts: nothing has been written',
      ),
    ).toBeInTheDocument();
    const [[joined, options]] = startCostImport.mock.calls as unknown as [
      [File, { fileName: string }],
    ];
    expect(options.fileName).toBe('cur-00001.csv and 2 more parts');
    // As `cat` joins them, with the line break the second part lacks; the
    // importer skips the repeated header rows.
    expect(await readText(joined)).toBe(
      'date,cost\n2026-10-01,1\ndate,cost\n2026-10-02,2\ndate,cost\n2026-10-03,3\n',
    );
  });

  it('refuses parts that mix gzip and plain text, naming the plain ones', async () => {
    const startCostImport = jest.fn();
    await renderInTestApp(
      <TestApiProvider apis={[[costApiRef, fakeApi({ startCostImport })]]}>
        <CostImportCard />
      </TestApiProvider>,
    );
    drop(
      new File([new Uint8Array([0x1f, 0x8b, 8, 0])], 'cur-00001.csv.gz'),
      new File(['date,cost\n'], 'cur-00002.csv'),
    );
    expect(
      await screen.findByText(
        'The parts of one export must all be gzip or all plain CSV; cur-00002.csv is plain text.',
      ),
    ).toBeInTheDocument();
    expect(startCostImport).not.toHaveBeenCalled();
  });
});
