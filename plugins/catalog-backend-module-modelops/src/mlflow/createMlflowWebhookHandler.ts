import type {
  AuditorService,
  AuditorServiceCreateEventOptions,
  HttpRouterService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { MlflowEntityProvider } from './MlflowEntityProvider';

/** Where the webhook of provider `<id>` listens, below the catalog's base URL. */
export const MLFLOW_WEBHOOK_PATH = '/modelops/mlflow';

// Deliveries older than this are refused, so a captured request cannot be
// replayed later (MLflow signs the timestamp with the payload).
const MAX_AGE_SECONDS = 300;
const MAX_BODY_BYTES = 1024 * 1024;

/** Registry events after which one model is read again. */
const REFRESHING_EVENTS = new Set([
  'registered_model.created',
  'model_version.created',
  'model_version_tag.set',
  'model_version_tag.deleted',
  'model_version_alias.created',
  'model_version_alias.deleted',
]);

type Handler = Parameters<HttpRouterService['use']>[0];
type Request = IncomingMessage & { path?: string; body?: unknown };

/** A provider that accepts webhooks, and the secret they are signed with. */
export interface MlflowWebhookTarget {
  provider: Pick<MlflowEntityProvider, 'refreshModel'>;
  secret: string;
}

function send(res: ServerResponse, status: number, body: object) {
  res.statusCode = status;
  res.setHeader('Content-Type', 'application/json');
  res.end(JSON.stringify(body));
}

function refuse(
  res: ServerResponse,
  status: number,
  name: string,
  message: string,
) {
  send(res, status, { error: { name, message } });
}

async function rawBody(req: Request): Promise<Buffer | undefined> {
  // Another middleware may have read the stream already; a signature can
  // only be checked over the bytes MLflow sent.
  if (Buffer.isBuffer(req.body)) return req.body;
  if (req.readableEnded) return undefined;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) return undefined;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/**
 * Whether `signature` (`v1,<base64>`) is MLflow's HMAC-SHA256 of
 * `<delivery id>.<timestamp>.<body>` under `secret`.
 */
export function verifyMlflowSignature(options: {
  secret: string;
  deliveryId: string;
  timestamp: string;
  body: Buffer;
  signature: string;
}): boolean {
  const expected = createHmac('sha256', options.secret)
    .update(`${options.deliveryId}.${options.timestamp}.`)
    .update(options.body)
    .digest();
  return options.signature.split(' ').some(candidate => {
    const [version, value] = candidate.split(',', 2);
    if (version !== 'v1' || !value) return false;
    const given = Buffer.from(value, 'base64');
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
}

/**
 * Receives MLflow registry webhooks at
 * `POST /api/catalog/modelops/mlflow/<provider id>/webhook`. A delivery
 * whose HMAC signature (headers `X-MLflow-Signature`,
 * `X-MLflow-Delivery-Id`, `X-MLflow-Timestamp`) does not verify with the
 * provider's `webhook.secret`, or that is older than five minutes, is
 * refused with 401 before anything is read; a verified delivery of a model
 * event reads that one model again. The route needs no Backstage token: the
 * signature is its authentication.
 */
export function createMlflowWebhookHandler(options: {
  targets: Map<string, MlflowWebhookTarget>;
  logger: LoggerService;
  auditor: AuditorService;
  now?: () => Date;
}): Handler {
  const now = options.now ?? (() => new Date());
  const pattern = new RegExp(`^${MLFLOW_WEBHOOK_PATH}/([^/]+)/webhook/?$`);
  return (async (req: Request, res: ServerResponse, next: () => void) => {
    const path = (req.path ?? req.url ?? '').split('?')[0];
    const match = pattern.exec(path);
    if (!match) {
      next();
      return;
    }
    if (req.method !== 'POST') {
      refuse(res, 405, 'MethodNotAllowed', 'Use POST');
      return;
    }
    const id = decodeURIComponent(match[1]);
    const target = options.targets.get(id);
    if (!target) {
      refuse(
        res,
        404,
        'NotFoundError',
        `No MLflow provider ${JSON.stringify(id)} with a webhook secret`,
      );
      return;
    }
    const header = (name: string) => {
      const value = req.headers[name];
      return Array.isArray(value) ? value[0] : value;
    };
    const signature = header('x-mlflow-signature');
    const deliveryId = header('x-mlflow-delivery-id');
    const timestamp = header('x-mlflow-timestamp');
    const missing = [
      ['X-MLflow-Signature', signature],
      ['X-MLflow-Delivery-Id', deliveryId],
      ['X-MLflow-Timestamp', timestamp],
    ].find(([, value]) => !value);
    if (missing) {
      refuse(
        res,
        401,
        'AuthenticationError',
        `${missing[0]}: required header missing`,
      );
      return;
    }
    const sentAt = Number(timestamp);
    if (
      !Number.isInteger(sentAt) ||
      Math.abs(now().getTime() / 1000 - sentAt) > MAX_AGE_SECONDS
    ) {
      refuse(
        res,
        401,
        'AuthenticationError',
        `X-MLflow-Timestamp: expected Unix seconds within ${MAX_AGE_SECONDS} s of now; got ${JSON.stringify(
          timestamp,
        )}`,
      );
      return;
    }
    const body = await rawBody(req);
    if (!body) {
      refuse(
        res,
        413,
        'PayloadTooLargeError',
        `body: expected at most ${MAX_BODY_BYTES} bytes, unread by other middleware`,
      );
      return;
    }
    if (
      !verifyMlflowSignature({
        secret: target.secret,
        deliveryId: deliveryId!,
        timestamp: timestamp!,
        body,
        signature: signature!,
      })
    ) {
      options.logger.warn(
        `Refused an MLflow webhook delivery ${JSON.stringify(
          deliveryId,
        )} for ${id}: bad signature`,
      );
      refuse(
        res,
        401,
        'AuthenticationError',
        'X-MLflow-Signature: does not verify with the configured webhook secret',
      );
      return;
    }
    let payload: {
      entity?: unknown;
      action?: unknown;
      data?: { name?: unknown };
    };
    try {
      payload = JSON.parse(body.toString('utf8'));
    } catch {
      refuse(res, 400, 'InputError', 'body: expected JSON');
      return;
    }
    const event = `${String(payload?.entity)}.${String(payload?.action)}`;
    if (!REFRESHING_EVENTS.has(event)) {
      send(res, 202, {
        refreshed: false,
        reason: `event ${event} does not change a model`,
      });
      return;
    }
    const name = payload.data?.name;
    if (typeof name !== 'string' || name.length === 0) {
      refuse(
        res,
        400,
        'InputError',
        'data.name: required, expected the registered model name',
      );
      return;
    }
    const auditorEvent = await options.auditor.createEvent({
      eventId: 'mlflow-webhook-refresh',
      request: req as unknown as AuditorServiceCreateEventOptions['request'],
      meta: { provider: id, model: name, event, deliveryId: deliveryId! },
    });
    try {
      const refreshed = await target.provider.refreshModel(name);
      await auditorEvent.success();
      if (!refreshed) {
        refuse(
          res,
          502,
          'ServiceUnavailableError',
          `MLflow could not be read for ${JSON.stringify(
            name,
          )}; the next scheduled refresh reads it`,
        );
        return;
      }
      send(res, 200, { refreshed: true, model: name });
    } catch (error) {
      await auditorEvent.fail({ error: error as Error });
      throw error;
    }
  }) as unknown as Handler;
}
