import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { catalogApiRef, entityRouteRef } from '@backstage/plugin-catalog-react';
import { convertLegacyRouteRef } from '@backstage/core-compat-api';
import { Entity } from '@backstage/catalog-model';
import { QueryEntitiesRequest } from '@backstage/catalog-client';
import { ModelCatalogContent } from './ModelCatalogPage';

// Rendering MUI tables and autocompletes in jsdom is slow on shared CI machines.
jest.setTimeout(30_000);

const TOTAL = 10_000;

function model(index: number): Entity {
  return {
    apiVersion: 'modelops.dev/v1alpha1',
    kind: 'MLModel',
    metadata: {
      name: `model-${String(index).padStart(5, '0')}`,
      namespace: 'default',
      tags: ['tabular'],
    },
    spec: {
      owner: 'group:default/risk-ml',
      lifecycle: 'production',
      type: 'classification',
      risk: { tier: 'high' },
    },
  };
}

// A catalog of 10,000 models that answers one page at a time, as the
// catalog backend does; the cursor is the offset of the page.
function fakeCatalogApi() {
  const queryEntities = jest.fn(async (request: QueryEntitiesRequest) => {
    const limit = request.limit ?? 20;
    const offset = 'cursor' in request ? Number(request.cursor) : 0;
    const items = Array.from(
      { length: Math.min(limit, TOTAL - offset) },
      (_, i) => model(offset + i),
    );
    return {
      items,
      totalItems: TOTAL,
      pageInfo: {
        nextCursor: offset + limit < TOTAL ? String(offset + limit) : undefined,
        prevCursor:
          offset > 0 ? String(Math.max(0, offset - limit)) : undefined,
      },
    };
  });
  const getEntityFacets = jest.fn(async () => ({
    facets: {
      'spec.owner': [
        { value: 'group:default/risk-ml', count: 6000 },
        { value: 'group:default/growth', count: 4000 },
      ],
      'spec.lifecycle': [{ value: 'production', count: TOTAL }],
      'spec.risk.tier': [{ value: 'high', count: TOTAL }],
      'spec.type': [{ value: 'classification', count: TOTAL }],
      'spec.system': [],
      'metadata.tags': [{ value: 'tabular', count: TOTAL }],
    },
  }));
  return { queryEntities, getEntityFacets };
}

function renderPage(api = fakeCatalogApi()) {
  renderInTestApp(<ModelCatalogContent />, {
    apis: [[catalogApiRef, api]],
    mountedRoutes: {
      '/catalog/:namespace/:kind/:name': convertLegacyRouteRef(entityRouteRef),
    },
  });
  return api;
}

function bodyRows(): HTMLElement[] {
  const table = screen.getByRole('table', { name: 'ML models' });
  return within(table).getAllByRole('row').slice(1);
}

describe('ModelCatalogPage', () => {
  it('renders one server page of a 10,000 model catalog', async () => {
    const api = renderPage();

    expect(await screen.findByText('1–25 of 10,000')).toBeInTheDocument();
    expect(bodyRows()).toHaveLength(25);
    expect(api.queryEntities).toHaveBeenCalledWith(
      expect.objectContaining({
        filter: { kind: 'MLModel' },
        limit: 25,
        orderFields: { field: 'metadata.name', order: 'asc' },
      }),
    );
    expect(api.getEntityFacets).toHaveBeenCalledWith({
      filter: { kind: 'MLModel' },
      facets: [
        'spec.owner',
        'spec.lifecycle',
        'spec.risk.tier',
        'spec.type',
        'spec.system',
        'metadata.tags',
      ],
    });
  });

  it('pages forward and back with cursors', async () => {
    const api = renderPage();
    await screen.findByText('1–25 of 10,000');

    fireEvent.click(screen.getByRole('button', { name: 'Next' }));
    expect(await screen.findByText('26–50 of 10,000')).toBeInTheDocument();
    expect(api.queryEntities).toHaveBeenLastCalledWith(
      expect.objectContaining({ cursor: '25', limit: 25 }),
    );
    expect(
      screen.getByRole('link', { name: 'model-00025' }),
    ).toBeInTheDocument();

    fireEvent.click(screen.getByRole('button', { name: 'Previous' }));
    expect(await screen.findByText('1–25 of 10,000')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Previous' })).toBeDisabled();
  });

  it('filters on facets and searches text on the server, from the first page', async () => {
    const api = renderPage();
    await screen.findByText('1–25 of 10,000');
    fireEvent.click(screen.getByRole('button', { name: 'Next' }));
    await screen.findByText('26–50 of 10,000');

    await userEvent.click(screen.getByRole('combobox', { name: 'Owner' }));
    await userEvent.click(
      await screen.findByRole('option', {
        name: 'group:default/growth (4000)',
      }),
    );
    await waitFor(() =>
      expect(api.queryEntities).toHaveBeenLastCalledWith(
        expect.objectContaining({
          filter: { kind: 'MLModel', 'spec.owner': ['group:default/growth'] },
        }),
      ),
    );
    expect(await screen.findByText('1–25 of 10,000')).toBeInTheDocument();

    await userEvent.type(
      screen.getByRole('textbox', { name: 'Search models' }),
      'credit',
    );
    await waitFor(() =>
      expect(api.queryEntities).toHaveBeenLastCalledWith(
        expect.objectContaining({
          filter: { kind: 'MLModel', 'spec.owner': ['group:default/growth'] },
          fullTextFilter: {
            term: 'credit',
            fields: ['metadata.name', 'metadata.title', 'metadata.description'],
          },
        }),
      ),
    );
    // The search is debounced: one request for the whole word, not per key.
    const searches = api.queryEntities.mock.calls.filter(
      ([request]) => 'fullTextFilter' in request,
    );
    expect(searches).toHaveLength(1);
  });

  it('fetches only the fields the table shows', async () => {
    const api = renderPage();
    await screen.findByText('1–25 of 10,000');
    const [request] = api.queryEntities.mock.calls[0];
    expect(request.fields).toEqual(
      expect.arrayContaining(['metadata.name', 'spec.owner', 'spec.risk.tier']),
    );
    expect(request.fields).not.toContain('spec');
  });
});
