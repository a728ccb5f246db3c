/*
 * rateLimit: an in-process limit on mutation routes (POST, PUT, PATCH,
 * DELETE) per caller, so that a runaway pipeline or script cannot flood the
 * stores, the auditor and the notifications of one replica. Reads are not
 * limited: they are cheap and the portal's pages fan out into many of them.
 *
 * Callers are told apart by their verified principal (user entity ref or
 * service subject), so a burst from one pipeline does not lock out the
 * people using the portal. A request whose token does not verify is counted
 * under its client address and still reaches its route, which answers 401.
 *
 * The counter is a fixed window per caller held in memory: each replica
 * counts on its own, so N replicas accept up to N x max changes per window
 * from one caller. That is the point of an in-process limit (no shared
 * store on the request path); a shared limit belongs in the ingress.
 */
import type {
  HttpAuthService,
  RootConfigService,
} from '@backstage/backend-plugin-api';
import type { Handler, Request } from 'express';

/** Settings of {@link RateLimiter}, from `modelops.rateLimit`. */
export interface RateLimitConfig {
  /** Length of a counting window in milliseconds. */
  windowMs: number;
  /** Mutations one caller may send per window. */
  max: number;
}

/** Defaults: 600 mutations per caller per minute. */
export const DEFAULT_RATE_LIMIT: RateLimitConfig = {
  windowMs: 60_000,
  max: 600,
};

const MUTATIONS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Reads `modelops.rateLimit`. Without the key the limit applies with
 * {@link DEFAULT_RATE_LIMIT}, except under a test runner (NODE_ENV `test`),
 * where suites send bursts on purpose and configure the limit when they
 * test it. Returns undefined when the limit is off (`max: 0`).
 *
 * @throws Error naming the key when a value is not a positive integer
 */
export function readRateLimitConfig(
  config: RootConfigService,
  env: { nodeEnv?: string } = { nodeEnv: process.env.NODE_ENV },
): RateLimitConfig | undefined {
  const root = config.getOptionalConfig('modelops.rateLimit');
  if (!root) {
    return env.nodeEnv === 'test' ? undefined : DEFAULT_RATE_LIMIT;
  }
  const windowMs =
    root.getOptionalNumber('windowMs') ?? DEFAULT_RATE_LIMIT.windowMs;
  const max = root.getOptionalNumber('max') ?? DEFAULT_RATE_LIMIT.max;
  if (!Number.isInteger(windowMs) || windowMs < 1) {
    throw new Error(
      'modelops.rateLimit.windowMs: must be a positive integer of milliseconds',
    );
  }
  if (!Number.isInteger(max) || max < 0) {
    throw new Error(
      'modelops.rateLimit.max: must be an integer >= 0 (0 switches the limit off)',
    );
  }
  return max === 0 ? undefined : { windowMs, max };
}

/** Options of {@link RateLimiter.create}. */
export interface RateLimiterOptions extends RateLimitConfig {
  httpAuth: HttpAuthService;
  /** Clock, for tests. */
  now?: () => number;
}

interface Window {
  count: number;
  resetAt: number;
}

/** A per-caller limit on mutations. */
export interface RateLimiter {
  /** Express middleware answering 429 with Retry-After over the limit. */
  middleware(): Handler;
}

/** {@link RateLimiter} counting fixed windows in memory. */
export class InMemoryRateLimiter implements RateLimiter {
  private readonly windows = new Map<string, Window>();
  private nextSweep = 0;

  private constructor(private readonly options: Required<RateLimiterOptions>) {}

  static create(options: RateLimiterOptions): InMemoryRateLimiter {
    return new InMemoryRateLimiter({ now: Date.now, ...options });
  }

  private async callerKey(req: Request): Promise<string> {
    try {
      const credentials = await this.options.httpAuth.credentials(req, {
        allow: ['user', 'service'],
      });
      const p = credentials.principal;
      return p.type === 'user' ? p.userEntityRef : `service:${p.subject}`;
    } catch {
      return `address:${req.ip ?? 'unknown'}`;
    }
  }

  // Expired windows are dropped at most once per window length, so memory
  // follows the number of recent callers, not of all callers ever seen.
  private sweep(now: number) {
    if (now < this.nextSweep) return;
    for (const [key, window] of this.windows) {
      if (window.resetAt <= now) this.windows.delete(key);
    }
    this.nextSweep = now + this.options.windowMs;
  }

  /** Counts one mutation; returns the seconds to wait when over the limit. */
  private take(key: string): number | undefined {
    const now = this.options.now();
    this.sweep(now);
    let window = this.windows.get(key);
    if (!window || window.resetAt <= now) {
      window = { count: 0, resetAt: now + this.options.windowMs };
      this.windows.set(key, window);
    }
    window.count += 1;
    if (window.count <= this.options.max) return undefined;
    return Math.max(1, Math.ceil((window.resetAt - now) / 1000));
  }

  middleware(): Handler {
    const { max, windowMs } = this.options;
    return async (req, res, next) => {
      if (!MUTATIONS.has(req.method)) {
        next();
        return;
      }
      const retryAfter = this.take(await this.callerKey(req));
      if (retryAfter === undefined) {
        next();
        return;
      }
      // Answered here rather than thrown: the body must not be read, and
      // the shape is the one the framework's error handler gives.
      res
        .status(429)
        .set('Retry-After', String(retryAfter))
        .json({
          error: {
            name: 'TooManyRequestsError',
            message: `Too many changes: at most ${max} per caller every ${
              windowMs / 1000
            } s (modelops.rateLimit); retry after ${retryAfter} s`,
          },
          request: { method: req.method, url: req.originalUrl },
          response: { statusCode: 429 },
        });
    };
  }
}
