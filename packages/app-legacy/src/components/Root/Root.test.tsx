import { renderInTestApp } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { Root } from './Root';

describe('Root', () => {
  it('links every ModelOps page from the sidebar', async () => {
    await renderInTestApp(
      <Root>
        <p>page</p>
      </Root>,
    );
    for (const [name, href] of [
      ['ML home', '/ml-home'],
      ['ML models', '/ml-models'],
      ['Scorecards', '/scorecards'],
      ['Model cost', '/ml-cost'],
      ['Reviews', '/ml-reviews'],
    ]) {
      expect(screen.getByRole('link', { name })).toHaveAttribute('href', href);
    }
    expect(screen.getByText('page')).toBeInTheDocument();
  });
});
