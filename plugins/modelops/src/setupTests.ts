import '@testing-library/jest-dom';
import { configure } from '@testing-library/react';

// Components load their data through the app's APIs and render charts; on a
// busy two-core CI machine that took longer than Testing Library's 1 s wait
// and Jest's 5 s per test. These bound a hang, they time nothing.
configure({ asyncUtilTimeout: 4_000 });
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
