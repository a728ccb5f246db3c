import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { SWRConfig } from 'swr';
import type { Entity } from '@backstage/catalog-model';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import {
  formatCitation,
  getObligation,
  type ComplianceApi,
  type ScorecardApi,
  type ObligationAssessment,
  type PortfolioObligation,
} from '@modelops/plugin-modelops-common';
import { scorecardApiRef } from '../../api/scorecardApiRef';
import { complianceApiRef } from '../../api/complianceApiRef';
import { CompliancePage } from './CompliancePage';
import { EntityComplianceContent } from './EntityComplianceContent';

jest.setTimeout(60_000);

const assistant: Entity = {
  apiVersion: 'modelops.dev/v1alpha1',
  kind: 'MLModel',
  metadata: { name: 'support-assistant-llm', namespace: 'default' },
  spec: {
    owner: 'group:default/genai-platform',
    lifecycle: 'production',
    risk: { tier: 'limited' },
  },
};

function row(
  id: string,
  rest: Omit<ObligationAssessment, 'obligation' | 'citation'>,
): ObligationAssessment {
  const obligation = getObligation(id)!;
  return { obligation, citation: formatCitation(obligation), ...rest };
}

const api = {
  getObligations: jest.fn(),
  getEntityCompliance: jest.fn(async () => ({
    entityRef: 'mlmodel:default/support-assistant-llm',
    asOf: '2026-12-02',
    obligations: [
      row('eu-ai-act.art-50-1', {
        checkIds: ['responsible-ai.ai-interaction-disclosed'],
        applicability: {
          state: 'applies',
          reason: 'spec.risk.transparency.interaction is declared.',
          appliesFrom: '2026-08-02',
          inForce: true,
          daysLeft: 0,
        },
        status: 'met',
        checks: [
          {
            id: 'responsible-ai.ai-interaction-disclosed',
            title: 'People told they talk to an AI',
            state: 'pass',
          },
        ],
      }),
      row('eu-ai-act.art-27-1', {
        checkIds: [],
        applicability: {
          state: 'not-applicable',
          reason: 'Applies to high risk; spec.risk.tier is limited.',
          appliesFrom: '2027-12-02',
          inForce: false,
          daysLeft: 365,
        },
        status: 'not-applicable',
        checks: [],
      }),
    ],
  })),
  getPortfolioCompliance: jest.fn(async () => ({
    asOf: '2026-12-02',
    modelCount: 3,
    obligations: [
      {
        obligation: getObligation('iso-42001.a.6.2.8')!,
        citation: 'ISO/IEC 42001 A.6.2.8',
        checkIds: ['responsible-ai.automatic-logs'],
        models: { met: 1, failing: 1, 'not-evidenced': 0, 'not-applicable': 1 },
        failingModels: ['mlmodel:default/credit-risk-scorer'],
      },
      {
        obligation: getObligation('iso-42001.a.2.2')!,
        citation: 'ISO/IEC 42001 A.2.2',
        checkIds: [],
        models: { met: 0, failing: 0, 'not-evidenced': 0, 'not-applicable': 3 },
        failingModels: [],
      },
    ] satisfies PortfolioObligation[],
  })),
  getDossier: jest.fn(async (_entityRef: string, format?: string) =>
    format === 'pdf'
      ? {
          fileName: 'support-assistant-llm-4.2.0-annex-iv.pdf',
          content: new Uint8Array([0x25, 0x50, 0x44, 0x46]),
        }
      : {
          fileName: 'support-assistant-llm-4.2.0-annex-iv.md',
          content: '# Technical documentation',
        },
  ),
} as unknown as jest.Mocked<ComplianceApi>;

describe('compliance views', () => {
  it('shows Art. 50(1) applying now to the support assistant, and no dossier for a limited-risk model', async () => {
    await renderInTestApp(
      <TestApiProvider apis={[[complianceApiRef, api]]}>
        <EntityProvider entity={assistant}>
          <EntityComplianceContent />
        </EntityProvider>
      </TestApiProvider>,
    );
    expect(await screen.findByText('EU AI Act Art. 50(1)')).toBeInTheDocument();
    expect(screen.getByText('Applies now')).toBeInTheDocument();
    expect(screen.getByText('Met')).toBeInTheDocument();
    expect(screen.getByText('Not applicable')).toBeInTheDocument();
    expect(
      screen.getByText('Applies to high risk; spec.risk.tier is limited.'),
    ).toBeInTheDocument();
    expect(screen.queryByText(/Download dossier/)).not.toBeInTheDocument();
    expect(api.getEntityCompliance).toHaveBeenCalledWith({
      entityRef: 'mlmodel:default/support-assistant-llm',
      instrument: 'eu-ai-act',
    });
  });

  it('offers the Annex IV dossier on a high-risk model, as Markdown and as PDF', async () => {
    // jsdom has no object URLs; record what would be saved instead.
    const saved: Blob[] = [];
    URL.createObjectURL = jest.fn((blob: Blob) => {
      saved.push(blob);
      return 'blob:dossier';
    });
    URL.revokeObjectURL = jest.fn();
    const click = jest
      .spyOn(HTMLAnchorElement.prototype, 'click')
      .mockImplementation(() => undefined);
    await renderInTestApp(
      <TestApiProvider apis={[[complianceApiRef, api]]}>
        <EntityProvider
          entity={{
            ...assistant,
            spec: {
              ...assistant.spec,
              version: '4.2.0',
              risk: { tier: 'high' },
            },
          }}
        >
          <EntityComplianceContent />
        </EntityProvider>
      </TestApiProvider>,
    );
    expect(
      await screen.findByRole('button', {
        name: 'Download dossier (Markdown)',
      }),
    ).toBeInTheDocument();
    expect(screen.getByText(/Generated for version 4.2.0/)).toBeInTheDocument();

    fireEvent.click(screen.getByRole('button', { name: 'Download PDF' }));
    await waitFor(() => expect(saved).toHaveLength(1));
    expect(api.getDossier).toHaveBeenLastCalledWith(
      'mlmodel:default/support-assistant-llm',
      'pdf',
    );
    expect(saved[0].type).toBe('application/pdf');
    fireEvent.click(
      screen.getByRole('button', { name: 'Download dossier (Markdown)' }),
    );
    await waitFor(() => expect(saved).toHaveLength(2));
    expect(api.getDossier).toHaveBeenLastCalledWith(
      'mlmodel:default/support-assistant-llm',
    );
    expect(saved[1].type).toBe('text/markdown;charset=utf-8');
    expect(click).toHaveBeenCalledTimes(2);
    click.mockRestore();
  });

  function renderPage(
    permission = mockApis.permission(),
    scorecards: Partial<ScorecardApi> = {},
  ) {
    // usePermission caches answers in SWR's global cache; a fresh cache
    // per render keeps one test's ALLOW out of the next test's DENY.
    return renderInTestApp(
      <SWRConfig value={{ provider: () => new Map() }}>
        <TestApiProvider
          apis={
            [
              [complianceApiRef, api],
              [scorecardApiRef, scorecards],
              [permissionApiRef, permission],
            ] as any
          }
        >
          <CompliancePage />
        </TestApiProvider>
      </SWRConfig>,
    );
  }

  it('creates a campaign of the obligations that apply from a date, for campaign managers', async () => {
    const createCampaign = jest.fn(async (body: any) => ({
      id: 'c1',
      title: body.title,
      checkIds: [
        'responsible-ai.risk-management-system',
        'responsible-ai.serious-incidents-reported',
      ],
      entityFilter: {},
      dueDate: `${body.dueDate}T00:00:00.000Z`,
      owner: body.owner,
      status: 'open' as const,
      createdBy: 'user:default/priya.raman',
      createdAt: '2026-12-02T09:00:00.000Z',
    }));
    await renderPage(mockApis.permission(), { createCampaign });
    fireEvent.click(
      await screen.findByRole('button', {
        name: 'Create campaign from a date',
      }),
    );
    const dialog = await screen.findByRole('dialog');
    // The Annex III date is offered with the number of obligations applying from it.
    fireEvent.mouseDown(
      within(dialog).getByRole('combobox', {
        name: 'Obligations that apply from',
      }),
    );
    fireEvent.click(
      await screen.findByRole('option', {
        name: /^2 December 2027 \(\d+ obligations\)$/,
      }),
    );
    expect(within(dialog).getByLabelText('Title')).toHaveValue(
      'Ready for the obligations that apply from 2 December 2027',
    );
    expect(within(dialog).getByLabelText('Due date')).toHaveValue('2027-12-02');
    const start = within(dialog).getByRole('button', {
      name: 'Start campaign',
    });
    expect(start).toBeDisabled();
    fireEvent.change(within(dialog).getByLabelText('Owner group'), {
      target: { value: 'group:default/ai-review-board' },
    });
    fireEvent.click(start);
    expect(
      await screen.findByText(
        /Campaign “Ready for the obligations that apply from 2 December 2027” started with 2 checks, due 2027-12-02/,
      ),
    ).toBeInTheDocument();
    expect(createCampaign).toHaveBeenCalledWith({
      title: 'Ready for the obligations that apply from 2 December 2027',
      obligationsApplyingFrom: '2027-12-02',
      dueDate: '2027-12-02',
      owner: 'group:default/ai-review-board',
    });
  });

  it('offers no campaign to callers who may not manage campaigns', async () => {
    await renderPage(mockApis.permission({ authorize: 'DENY' as any }));
    expect(
      await screen.findByText('ISO/IEC 42001 A.6.2.8'),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Create campaign from a date' }),
    ).not.toBeInTheDocument();
  });

  it('lists coverage per ISO/IEC 42001 Annex A control', async () => {
    await renderPage();
    expect(
      await screen.findByText('ISO/IEC 42001 A.6.2.8'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('responsible-ai.automatic-logs'),
    ).toBeInTheDocument();
    expect(screen.getByText('None (no coverage)')).toBeInTheDocument();
    await waitFor(() =>
      expect(screen.getByText(/3 models as of 2026-12-02/)).toBeInTheDocument(),
    );
  });
});
