import '@testing-library/jest-dom';
import { configure } from '@testing-library/react';

// Components load their data through the app's APIs and render charts and
// material tables; on a busy two-core CI machine a first render once took
// longer than 4 s. These bound a hang, they time nothing, so they are set
// generously once here rather than raised file by file as a test flakes.
configure({ asyncUtilTimeout: 20_000 });
jest.setTimeout(60_000);

// jsdom has no layout and no ResizeObserver; recharts' ResponsiveContainer
// needs one to learn its size. This one reports a fixed box once observed, so
// charts render their SVG in tests as they do in a browser.
class FixedSizeResizeObserver {
  constructor(private readonly callback: ResizeObserverCallback) {}
  observe(target: Element) {
    this.callback(
      [
        {
          target,
          contentRect: { width: 600, height: 240 },
        } as unknown as ResizeObserverEntry,
      ],
      this as unknown as ResizeObserver,
    );
  }
  unobserve() {}
  disconnect() {}
}

if (!('ResizeObserver' in globalThis)) {
  (globalThis as any).ResizeObserver = FixedSizeResizeObserver;
}
