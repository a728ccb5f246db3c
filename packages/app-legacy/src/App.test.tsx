import { render, screen, waitFor } from '@testing-library/react';
import App from './App';

describe('legacy App', () => {
  it('renders and offers the guest sign-in', async () => {
    process.env = {
      NODE_ENV: 'test',
      APP_CONFIG: [
        {
          data: {
            app: { title: 'Test', baseUrl: 'http://localhost:3001' },
            backend: { baseUrl: 'http://localhost:7007' },
          },
          context: 'test',
        },
      ] as any,
    };

    render(<App />);

    // Without a backend the automatic guest sign-in fails and the sign-in
    // page offers the guest provider; with one, the sidebar shows.
    await waitFor(
      () =>
        expect(
          screen.queryByRole('button', { name: /enter/i }) ??
            screen.queryByRole('link', { name: 'ML models' }),
        ).toBeInTheDocument(),
      { timeout: 15_000 },
    );
  }, 20_000);
});
