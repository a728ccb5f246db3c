import type { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';

export interface Config {
  /** Configuration of the ModelOps backend plugin. */
  modelops?: {
    /**
     * Per-caller limit on mutation routes (POST, PUT, PATCH, DELETE), counted
     * in memory by each replica: N replicas accept up to N x max changes per
     * window from one caller. Over the limit a mutation gets 429 with a
     * Retry-After header (seconds) and is not read. Reads are not limited.
     * Callers are told apart by their verified user or service identity.
     * Default 600 per 60000 ms; `max: 0` switches the limit off.
     */
    rateLimit?: {
      /** Length of a counting window in milliseconds. Default 60000. */
      windowMs?: number;
      /** Mutations one caller may send per window. Default 600; 0 is off. */
      max?: number;
    };
    /**
     * The window of times pipelines may report observations at (evaluation
     * times, monitoring windows, deployments and incidents); a time outside
     * gets 400 naming the field.
     */
    observedTimes?: {
      /** Earliest accepted time, ISO 8601. Default 2000-01-01T00:00:00Z. */
      earliest?: string;
      /** Hours past the current time still accepted (clock skew). Default 24. */
      maxAheadHours?: number;
    };
    /** Waiver requests. */
    waivers?: {
      /**
       * Longest reason a waiver request may give, in characters; longer
       * requests get 400. Default 4000.
       */
      maxTextLength?: number;
    };
    /** Who may ingest evidence, cost and delivery events. */
    ingest?: {
      /**
       * Service principals narrowed to the entities some owners own.
       * Backstage decides service tokens from their access restrictions and
       * never asks the permission policy, so this is where a pipeline's
       * static external-access token is tied to its team: a listed subject
       * may only post about entities owned by one of its `owners`. Subjects
       * not listed are decided by their access restrictions alone.
       */
      services?: Array<{
        /** The subject of the external access token, as configured. */
        subject: string;
        /** Owner refs, for example `group:default/risk-ml`. */
        owners: string[];
      }>;
    };
    /** Demo data loaded at startup; leave it out in a real installation. */
    demoData?: {
      /**
       * Folder holding `evaluations.json` and `monitoring.json` (arrays of
       * evaluation reports and monitoring snapshots in the shapes of
       * `POST /evaluations` and `POST /monitoring-snapshots`). A relative path
       * is resolved from the backend's working directory. Loading is
       * idempotent, so restarts add nothing.
       */
      evidenceDirectory?: string;
      /**
       * Opens the current review cycles with a due date in the past and
       * records a few decisions as members of the owning groups would, so
       * that the review pages show kept, retired, transferred, pending and
       * overdue items on first start. Happens once per cycle, when the
       * cycle opens.
       */
      reviews?: boolean;
      /**
       * Generates a year of daily cost history (training, inference with
       * inference counts, storage) for the demo models, including a model
       * idle for 45 days and one over budget. Upserted under the `demo`
       * source, so restarts replace rather than double it.
       */
      cost?: boolean;
      /**
       * Generates half a year of deployments and incidents for the demo
       * models in production and staging (the history of
       * examples/delivery/events.json, ending on the day of the first
       * start). Loaded once: later starts find it and add nothing.
       */
      delivery?: boolean;
      /**
       * Opens two scorecard campaigns on first start: EU AI Act readiness
       * for high-risk models (due in 60 days, owned by the AI review board)
       * and a runbook and alerts for every production model (due in 5 days,
       * so the first evaluation sends its reminder). Restarts leave them as
       * they are.
       */
      campaigns?: boolean;
    };
    /** Cost accountability: records, sources and views. */
    cost?: {
      /**
       * Reporting currency (ISO 4217). Records in other currencies are
       * converted with `exchangeRates` or rejected, never summed with it.
       * Default USD.
       */
      currency?: string;
      /**
       * Largest absolute amount of one cost record (one day, entity, model
       * version and category), in the reporting currency; larger records
       * are refused with 400. At most 1,000,000,000. Default 10,000,000.
       */
      maxRecordAmount?: number;
      /**
       * Value of one unit of another currency in the reporting currency, by
       * ISO 4217 code, for example `{ EUR: 1.08 }`. Records in these
       * currencies are converted (the original amount and currency are
       * kept); records in any other currency are refused.
       */
      exchangeRates?: { [currency: string]: number };
      /**
       * Group whose members may read every entity's cost (besides the
       * members of each entity's owning group), for example
       * `group:default/finance`.
       */
      financeGroup?: string;
      /**
       * How billing lines and OpenCost allocations are attributed: which
       * tags name an entity, which category a line is in, and which usage
       * counts as inferences.
       */
      mapping?: {
        /**
         * Tag (or Kubernetes label) keys whose value names the entity,
         * tried in order. A value may be a full ref
         * (`mlmodel:default/fraud-detector`), a ref encoded for labels
         * (`mlmodel.default.fraud-detector` or
         * `mlmodel--default--fraud-detector`, at most 63 characters) or the
         * entity name. Keys match as exports rewrite them (`user:team` in a
         * CUR, `user_team` in CUR 2.0). Default `modelops.dev/entity`
         * (or `csv.tagKey`), then `modelops-entity`, a key Google Cloud
         * labels and Azure tags accept.
         */
        entityTags?: Array<{
          key: string;
          /** How the value may name the entity. Default `any`. */
          match?: 'any' | 'ref' | 'encoded' | 'name';
        }>;
        /** A tag whose value is the model version of the line. */
        versionTag?: string;
        /**
         * Category rules, first match wins; they replace the shipped rules
         * (training, inference, data transfer, storage, data processing by
         * service, SKU and usage type patterns). Patterns match whole values
         * without regard to case: `*` any text, `?` one character,
         * `/.../` a regular expression; a list matches any of its patterns,
         * and every field given must match. Credits, refunds and discounts
         * are `credit` whatever the rules say.
         */
        categories?: Array<{
          category: 'training' | 'inference' | 'storage' | 'data' | 'other';
          chargeType?: string | string[];
          service?: string | string[];
          sku?: string | string[];
          usageType?: string | string[];
          unit?: string | string[];
          /** Matches service, SKU or usage type. */
          any?: string | string[];
          /** Tag values by key. */
          tags?: { [key: string]: string | string[] };
        }>;
        /**
         * Lines whose usage quantity counts as inferences (for cost per
         * 1,000 inferences and idle models). Default: usage in the unit
         * `inferences`.
         */
        inferences?: Array<{
          chargeType?: string | string[];
          service?: string | string[];
          sku?: string | string[];
          usageType?: string | string[];
          unit?: string | string[];
          any?: string | string[];
          tags?: { [key: string]: string | string[] };
        }>;
      };
      /**
       * Named sources of billing files. An import replaces its source's
       * records of the days the file covers, so give each billing account
       * its own source, and every export of one account the same. Without
       * a configured source, each format's files go to a source named
       * after it (`focus`, `aws-cur`, `gcp-billing`, `azure-cost`; the
       * simple CSV's is `csv.source`).
       */
      sources?: {
        [name: string]: {
          /** `focus`, `aws-cur`, `gcp-billing`, `azure-cost`, `modelops-csv` or a module's format; detected from the header when absent. */
          format?: string;
          /**
           * The cost that counts. FOCUS: `effective` (default), `billed`,
           * `list`, `contracted`. AWS CUR: `amortized` (default),
           * `unblended`, `netUnblended`, `blended`. Google Cloud: `cost`
           * (default), `list`. Azure: `billed` (default), `payg`.
           */
          amount?: string;
          /** Category of lines no rule categorises. Default `other`. */
          defaultCategory?:
            | 'training'
            | 'inference'
            | 'storage'
            | 'data'
            | 'other';
        };
      };
      /** Billing file uploads (`POST /cost/imports`). */
      imports?: {
        /** Largest file accepted, in bytes (gzip files count compressed). Default 4 GiB. */
        maxFileBytes?: number;
        /** Files up to this size are imported before the answer; larger ones in the background. Default 8 MiB. */
        waitBytes?: number;
        /** Where uploads wait for their import, on the instance that received them. Default the system's temporary directory. */
        directory?: string;
        /** Background imports running at once per backend instance. Default 1. */
        concurrency?: number;
        /** Longest charge period spread over its days; longer ones (term purchases) count on their first day. Default 31. */
        maxSpreadDays?: number;
      };
      /** Columns of the simple CSV format (`modelops-csv`). */
      csv?: {
        /** Source name the imported records are stored under. Default `csv`. */
        source?: string;
        /** Column with the usage day or timestamp. Default `date`. */
        dateColumn?: string;
        /** Column with the cost amount. Default `cost`. */
        amountColumn?: string;
        /** Column with the currency; rows without one use the reporting currency. Default `currency`. */
        currencyColumn?: string;
        /** Column with a usage quantity, for example served requests. */
        usageColumn?: string;
        /** Unit of the usage column. Default `inferences`. */
        usageUnit?: string;
        /** Column whose values training, inference, storage, data, other or credit give the category. */
        categoryColumn?: string;
        /** Category of rows without one. Default `other`. */
        defaultCategory?:
          | 'training'
          | 'inference'
          | 'storage'
          | 'data'
          | 'other'
          | 'credit';
        /** Column with the resource tags or labels (JSON object, GCP key/value array, or k=v pairs). Default `tags`. */
        tagsColumn?: string;
        /** First entity tag when `mapping.entityTags` is not set. Default `modelops.dev/entity`. */
        tagKey?: string;
      };
      /** Scheduled pull from the OpenCost allocation API. */
      opencost?: {
        /** OpenCost API base URL, for example http://opencost.opencost:9003. */
        baseUrl: string;
        /**
         * Kubernetes label naming the entity; its values are read by the
         * `mapping.entityTags` rule of the same key (any way by default).
         * Default `modelops.dev/entity`.
         */
        labelKey?: string;
        /** OpenCost window of each pull; recent days are re-read as they settle. Default `3d`. */
        window?: string;
        /** Category of the pulled spend. Default `inference`. */
        category?: 'training' | 'inference' | 'storage' | 'data' | 'other';
        /** Source name of the pulled records. Default `opencost`. */
        source?: string;
        /** Minutes between pulls. Default 60. */
        frequencyMinutes?: number;
        /** Minutes before a pull is abandoned. Default 10. */
        timeoutMinutes?: number;
      };
    };
    /** Ownership reviews. */
    reviews?: {
      /**
       * Which entities are reviewed how often. A cycle opens for each
       * cadence at the start of every period; periods are aligned to the
       * calendar (P3M gives quarters). Defaults: MLModel in production
       * every P3M due after P14D, Dataset in production every P6M due after
       * P30D.
       */
      cadences?: Array<{
        /** Entity kind, for example `MLModel` or `Dataset`. */
        kind: string;
        /** Lifecycles (`spec.lifecycle`) reviewed under this cadence. */
        lifecycles: string[];
        /** Period length as an ISO 8601 duration: P3M, P6M, P1Y, P4W. */
        every: string;
        /** Time after the period start until attestations are overdue (ISO 8601, e.g. P14D). */
        dueAfter: string;
      }>;
    };
    /** Scorecards: checks, evaluation schedule and paging. */
    scorecards?: {
      /**
       * Checks declared as data, added to the shipped packs. Validated at
       * start; a bad check fails the start naming its path, e.g.
       * `modelops.scorecards.checks.2.rule`. Rules read facts by dot path:
       * `entity.spec...` (the entity), `links.<type>`, `records.*`,
       * `ownership.*`, `evaluation.*`, `cost.*`, `review.*` and the ids of
       * fact providers added by modules.
       */
      checks?: Array<{
        /** Unique id, lower-case with dots and dashes, e.g. `acme.model-card-link`. */
        id: string;
        title: string;
        description: string;
        rationale: {
          /** Curriculum module and practice the check serves. */
          practice: string;
          /**
           * Ids of the obligations the check evidences (EU AI Act, NIST AI
           * RMF, ISO/IEC 42001 Annex A, GDPR), e.g. `nist-ai-rmf.measure-2.11`;
           * the compliance page lists them.
           */
          obligations?: string[];
        };
        appliesTo: {
          kinds: Array<'MLModel' | 'Dataset'>;
          types?: string[];
          lifecycles?: string[];
          riskTiers?: string[];
          /** A rule on the entity's own fields (`entity.spec...`) that must also hold. */
          when?: any;
        };
        /**
         * `{fact, op: exists}`, `{fact, op: equals|oneOf|gte|lte, value}`,
         * `{all: [...]}`, `{any: [...]}` or `{not: rule}`.
         */
        rule: any;
        severity: 'info' | 'warning' | 'error' | 'critical';
        remediation: { text: string; link?: string };
        /** Pack id; a new id makes a new pack. */
        pack: string;
        level: 'bronze' | 'silver' | 'gold';
      }>;
      /** Ids of shipped or module checks to switch off. */
      disabledChecks?: string[];
      /**
       * Schedule of the evaluation task `modelops-scorecards-evaluate`.
       * Default: every hour, 30 minute timeout, first run after a minute.
       */
      schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
      /** Entities per catalog page and per bulk fact query (1-5000). Default 500. */
      pageSize?: number;
      /**
       * Days the newest evaluation of a model's version in service counts
       * as evidence for the metrics and fairness checks; older reports
       * fail them as stale. Default 180.
       */
      evidenceMaxAgeDays?: number;
      /**
       * Days the newest monitoring snapshot of a model's version in service
       * counts, by the end of its window, for the drift, latency, error
       * rate and cold start checks. Default 14.
       */
      monitoringMaxAgeDays?: number;
      /**
       * Days of history the first full evaluation replays (0 to 400;
       * default 0, none). When no daily point is stored yet, the engine
       * first evaluates each of the previous N days as of the end of that
       * day, so trends and recent changes begin with the history already
       * recorded: evaluations and monitoring snapshots by their dates, risk
       * assessments, change requests and decisions, incidents, user
       * feedback, review cycles and attestations, waivers and cost records
       * as they stood on that day. Catalog fields keep no history, so
       * every replayed day reads them as they are at the replay.
       */
      backfillDays?: number;
      /**
       * The change scan (task `modelops-scorecards-changes`) between full
       * runs: it evaluates the models and datasets that changed in the
       * catalog (their etag) or in their facts (new evaluation reports,
       * feedback, change requests, review decisions, waivers decided or
       * expired) since its previous run.
       */
      changeDetection?: {
        /** Default true. */
        enabled?: boolean;
        /** Default: every 2 minutes, 10 minute timeout, first run after 2 minutes. */
        schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
        /**
         * Most entities one scan evaluates; when more changed (a catalog-wide
         * change), they are left to the next full run. Default 5000.
         */
        maxEntities?: number;
      };
    };
    /** User feedback on models. */
    feedback?: {
      /**
       * How long feedback may stay unresolved (open or acknowledged) before
       * the check `production-readiness.feedback-answered` fails: an ISO 8601
       * duration such as `P14D`, or a duration object such as `{ days: 14 }`.
       * Default P14D.
       */
      maxOpenAge?: string | { days?: number; hours?: number; weeks?: number };
    };
    /** Change approvals of production model versions. */
    changes?: {
      /**
       * Group whose members approve or reject promotions and rollbacks; a
       * member never decides their own request. Default
       * `group:default/ai-review-board`.
       */
      reviewGroup?: string;
    };
  };
}
