import '@testing-library/jest-dom';

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
