import { renderInTestApp } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes } from 'react-router-dom';
import { SectionTabsPage } from './SectionTabsPage';

function renderSection(path: string) {
  return renderInTestApp(
    <Routes>
      <Route
        path="/section/*"
        element={
          <SectionTabsPage
            title="Test section"
            subtitle="What the section is for"
            label="Test sections"
            tabs={[
              { path: '', label: 'Overview', element: <p>overview body</p> },
              {
                path: 'campaigns',
                label: 'Campaigns',
                element: <p>campaigns body</p>,
              },
            ]}
          />
        }
      />
    </Routes>,
    { routeEntries: [path] },
  );
}

describe('SectionTabsPage', () => {
  it('shows the first tab at the section root', async () => {
    await renderSection('/section');
    expect(screen.getByText('overview body')).toBeInTheDocument();
    expect(screen.getByRole('tab', { name: 'Overview' })).toHaveAttribute(
      'aria-selected',
      'true',
    );
  });

  it('shows the page header first and the tab bar below it', async () => {
    await renderSection('/section');
    const heading = screen.getByRole('heading', { name: 'Test section' });
    const tabBar = screen.getByRole('navigation', { name: 'Test sections' });
    // The header precedes the tab bar in document order, as in Backstage's
    // tabbed pages.
    expect(
      heading.compareDocumentPosition(tabBar) &
        Node.DOCUMENT_POSITION_FOLLOWING,
    ).toBeTruthy();
    expect(
      tabBar.compareDocumentPosition(screen.getByText('overview body')) &
        Node.DOCUMENT_POSITION_FOLLOWING,
    ).toBeTruthy();
  });

  it('opens the tab named in the URL and links every tab', async () => {
    await renderSection('/section/campaigns');
    expect(screen.getByText('campaigns body')).toBeInTheDocument();
    expect(screen.getByRole('tab', { name: 'Campaigns' })).toHaveAttribute(
      'aria-selected',
      'true',
    );
    expect(screen.getByRole('tab', { name: 'Overview' })).toHaveAttribute(
      'href',
      '/section',
    );
  });

  it('switches page when a tab is clicked', async () => {
    await renderSection('/section');
    await userEvent.click(screen.getByRole('tab', { name: 'Campaigns' }));
    expect(await screen.findByText('campaigns body')).toBeInTheDocument();
    expect(screen.queryByText('overview body')).not.toBeInTheDocument();
  });

  it('sends unknown sub-paths back to the first tab', async () => {
    await renderSection('/section/nope');
    expect(await screen.findByText('overview body')).toBeInTheDocument();
  });
});
