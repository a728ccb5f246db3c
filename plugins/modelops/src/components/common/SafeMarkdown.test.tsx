import { render, waitFor } from '@testing-library/react';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { SafeMarkdown } from './SafeMarkdown';

// Payloads an entity author could put into datasheet sections or limitations.
const XSS_CORPUS = [
  '<script>window.__pwned = 1</script>',
  '<SCRIPT SRC=https://evil.example/x.js></SCRIPT>',
  '<img src=x onerror="window.__pwned = 1">',
  '<img src="javascript:window.__pwned=1">',
  '[click](javascript:window.__pwned=1)',
  '[click](JaVaScRiPt:window.__pwned=1)',
  '[click](  javascript:window.__pwned=1)',
  '[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
  '<a href="javascript:window.__pwned=1">x</a>',
  '<a href="vbscript:msgbox(1)">x</a>',
  '<svg onload="window.__pwned=1"><circle r="5"/></svg>',
  '<svg><script>window.__pwned=1</script></svg>',
  '<iframe src="javascript:window.__pwned=1"></iframe>',
  '<iframe srcdoc="<script>parent.__pwned=1</script>"></iframe>',
  '<object data="javascript:window.__pwned=1"></object>',
  '<embed src="javascript:window.__pwned=1">',
  '<body onload="window.__pwned=1">',
  '<div onmouseover="window.__pwned=1">hover</div>',
  '<details open ontoggle="window.__pwned=1">x</details>',
  '<form action="javascript:window.__pwned=1"><button>go</button></form>',
  '<input autofocus onfocus="window.__pwned=1">',
  '<math><mtext><table><mglyph><style><img src=x onerror="window.__pwned=1">',
  '<style>body{background:url("javascript:window.__pwned=1")}</style>',
  '<meta http-equiv="refresh" content="0;url=javascript:window.__pwned=1">',
  '<link rel="stylesheet" href="javascript:window.__pwned=1">',
  '![x](javascript:window.__pwned=1)',
  '<a href="&#106;avascript:window.__pwned=1">entity encoded</a>',
  '<video><source onerror="window.__pwned=1"></video>',
  '<base href="javascript:window.__pwned=1//">',
];

const FORBIDDEN_ELEMENTS =
  'script, iframe, object, embed, form, style, meta, link, base, svg, math, video, source, body';

function assertNothingExecutable(container: HTMLElement) {
  expect(container.querySelectorAll(FORBIDDEN_ELEMENTS)).toHaveLength(0);
  // GFM task lists render as disabled checkboxes, the only input allowed.
  for (const input of Array.from(container.querySelectorAll('input'))) {
    expect(input).toHaveAttribute('type', 'checkbox');
    expect(input).toBeDisabled();
  }
  for (const element of Array.from(container.querySelectorAll('*'))) {
    for (const attribute of Array.from(element.attributes)) {
      expect(attribute.name.toLowerCase()).not.toMatch(/^on/);
      expect(attribute.name.toLowerCase()).not.toBe('srcdoc');
      if (
        ['href', 'src', 'action', 'data', 'formaction', 'xlink:href'].includes(
          attribute.name.toLowerCase(),
        )
      ) {
        // Browsers ignore whitespace and control characters in schemes.
        const normalised = attribute.value
          // eslint-disable-next-line no-control-regex
          .replace(/[\s\u0000-\u001f]/g, '')
          .toLowerCase();
        expect(normalised).not.toMatch(/^(javascript|vbscript|data):/);
      }
    }
  }
}

describe('SafeMarkdown', () => {
  afterEach(() => {
    delete (window as any).__pwned;
  });

  it('renders Markdown formatting', async () => {
    const { findByText } = await renderInTestApp(
      <SafeMarkdown content="Some **bold** text and a [link](https://example.com)" />,
    );
    expect((await findByText('bold')).tagName).toBe('STRONG');
    expect((await findByText('link')).closest('a')).toHaveAttribute(
      'href',
      'https://example.com',
    );
  });

  it('has a corpus of at least 20 payloads', () => {
    expect(XSS_CORPUS.length).toBeGreaterThanOrEqual(20);
  });

  it.each(XSS_CORPUS)(
    'lets nothing executable reach the DOM: %s',
    async payload => {
      const { container } = await renderInTestApp(
        <div data-testid="markdown-root">
          <SafeMarkdown content={`Before\n\n${payload}\n\nAfter`} />
        </div>,
      );
      await waitFor(() => expect(container.textContent).toContain('After'));
      const root = container.querySelector(
        '[data-testid="markdown-root"]',
      ) as HTMLElement;
      assertNothingExecutable(root);
      expect((window as any).__pwned).toBeUndefined();
    },
  );

  it('the DOM check itself catches an unsanitised payload', () => {
    // Guards against a check that would pass on anything.
    const { container } = render(
      <div
        dangerouslySetInnerHTML={{ __html: '<img src=x onerror="void 0">' }}
      />,
    );
    expect(() => assertNothingExecutable(container)).toThrow();
  });
});
