import type { Obligation, ObligationSource } from './types';

const AI_ACT: ObligationSource = {
  title:
    'Regulation (EU) 2024/1689 (Artificial Intelligence Act); dates of application per Art. 113 as amended in 2026',
  url: 'https://eur-lex.europa.eu/eli/reg/2024/1689/oj',
};
const NIST: ObligationSource = {
  title:
    'NIST AI 100-1, Artificial Intelligence Risk Management Framework (AI RMF 1.0)',
  url: 'https://doi.org/10.6028/NIST.AI.100-1',
};
const ISO: ObligationSource = {
  title:
    'ISO/IEC 42001:2023 Information technology - Artificial intelligence - Management system, Annex A',
  url: 'https://www.iso.org/standard/42001',
};
const GDPR: ObligationSource = {
  title: 'Regulation (EU) 2016/679 (General Data Protection Regulation)',
  url: 'https://eur-lex.europa.eu/eli/reg/2016/679/oj',
};

/**
 * Dates of application of the EU AI Act the suite uses (Art. 113, with the
 * high-risk dates as amended in 2026).
 *
 * @public
 */
export const EU_AI_ACT_DATES = {
  /** Chapters I and II: AI literacy (Art. 4) and prohibited practices (Art. 5). */
  prohibitions: '2025-02-02',
  /** Chapter V: obligations of providers of general-purpose AI models. */
  generalPurposeAi: '2025-08-02',
  /** The general date of application, including Art. 6(2)-(4) and Art. 50 transparency. */
  general: '2026-08-02',
  /** High-risk obligations for systems listed in Annex III (Art. 6(2)). */
  annexIIIHighRisk: '2027-12-02',
  /** High-risk obligations for safety components of Annex I products (Art. 6(1)). */
  annexIHighRisk: '2028-08-02',
} as const;

const both = ['provider', 'deployer'] as const;

/** An EU AI Act obligation of high-risk systems, on both routes unless narrowed. */
function highRisk(
  o: Omit<Obligation, 'instrument' | 'riskTiers' | 'source' | 'appliesFrom'>,
): Obligation {
  return {
    instrument: 'eu-ai-act',
    riskTiers: ['high'],
    appliesFrom: EU_AI_ACT_DATES.annexIIIHighRisk,
    ...(o.routes?.includes('annex-i') === false
      ? {}
      : { appliesFromAnnexI: EU_AI_ACT_DATES.annexIHighRisk }),
    ...o,
    binds: [...o.binds],
    source: AI_ACT,
  };
}

/** A NIST AI RMF 1.0 subcategory; voluntary, binds the organisation in any role. */
function nist(subcategory: string, title: string): Obligation {
  return {
    id: `nist-ai-rmf.${subcategory.toLowerCase().replace(' ', '-')}`,
    instrument: 'nist-ai-rmf',
    article: subcategory,
    title,
    binds: [...both],
    source: NIST,
  };
}

/** An ISO/IEC 42001:2023 Annex A control; applies once the organisation adopts the standard. */
function iso(control: string, title: string): Obligation {
  return {
    id: `iso-42001.${control.toLowerCase()}`,
    instrument: 'iso-42001',
    article: control,
    title,
    binds: [...both],
    source: ISO,
  };
}

/**
 * Every obligation the suite tracks, by instrument. Shipped checks cite
 * them by id in `rationale.obligations`; a test keeps every citation inside
 * the obligation's scope.
 *
 * @public
 */
export const OBLIGATIONS: readonly Obligation[] = [
  // EU AI Act, in article order.
  {
    id: 'eu-ai-act.art-4',
    instrument: 'eu-ai-act',
    article: 'Art. 4',
    title:
      'AI literacy of staff dealing with the operation and use of AI systems',
    binds: [...both],
    appliesFrom: EU_AI_ACT_DATES.prohibitions,
    source: AI_ACT,
  },
  {
    id: 'eu-ai-act.art-5-1',
    instrument: 'eu-ai-act',
    article: 'Art. 5',
    point: '(1)',
    title:
      'Prohibited AI practices are not placed on the market, put into service or used',
    binds: [...both],
    riskTiers: ['unacceptable'],
    appliesFrom: EU_AI_ACT_DATES.prohibitions,
    source: AI_ACT,
  },
  {
    id: 'eu-ai-act.art-6-2-3',
    instrument: 'eu-ai-act',
    article: 'Art. 6',
    point: '(2)-(3)',
    title:
      'Classification: a system used in an Annex III area is high-risk unless an Art. 6(3) condition applies and it does not profile people',
    binds: [...both],
    appliesFrom: EU_AI_ACT_DATES.general,
    source: AI_ACT,
  },
  {
    id: 'eu-ai-act.art-6-4',
    instrument: 'eu-ai-act',
    article: 'Art. 6',
    point: '(4)',
    title:
      'A provider that finds an Annex III system not high-risk documents the assessment before placing it on the market',
    binds: ['provider'],
    condition: 'An Art. 6(3) condition was relied on.',
    appliesFrom: EU_AI_ACT_DATES.general,
    source: AI_ACT,
  },
  highRisk({
    id: 'eu-ai-act.art-9-1-2',
    article: 'Art. 9',
    point: '(1)-(2)',
    title:
      'A risk management system is established, documented and maintained as a continuous process, regularly reviewed and updated over the life cycle',
    binds: ['provider'],
  }),
  highRisk({
    id: 'eu-ai-act.art-9-8',
    article: 'Art. 9',
    point: '(8)',
    title:
      'Testing against metrics and probabilistic thresholds defined beforehand, before placing on the market',
    binds: ['provider'],
  }),
  highRisk({
    id: 'eu-ai-act.art-10-2-b',
    article: 'Art. 10',
    point: '(2)(b)',
    title: 'Data collection processes and the origin of data are governed',
    binds: ['provider'],
  }),
  highRisk({
    id: 'eu-ai-act.art-10-2-fg',
    article: 'Art. 10',
    point: '(2)(f)-(g)',
    title:
      'Data sets are examined for possible biases, and measures detect, prevent and mitigate them',
    binds: ['provider'],
  }),
  highRisk({
    id: 'eu-ai-act.art-11-1',
    article: 'Art. 11',
    point: '(1)',
    title:
      'Technical documentation per Annex IV is drawn up before placing on the market and kept up to date',
    binds: ['provider'],
  }),
  highRisk({
    id: 'eu-ai-act.annex-iv-1-a',
    article: 'Annex IV',
    point: '1(a)',
    title:
      'General description: intended purpose, provider, and the version in relation to previous versions',
    binds: ['provider'],
  }),
  highRisk({
    id: 'eu-ai-act.annex-iv-2-d',
    article: 'Annex IV',
    point: '2(d)',
    title:
      'Data requirements: datasheets of the training data, its provenance, scope, selection and labelling',
    binds: ['provider'],
  }),
  highRisk({
    id: 'eu-ai-act.annex-iv-2-g',
    article: 'Annex IV',
    point: '2(g)',
    title:
      'Validation and testing procedures, data and metrics, including potentially discriminatory impacts',
    binds: ['provider'],
  }),
  highRisk({
    id: 'eu-ai-act.art-12-1',
    article: 'Art. 12',
    point: '(1)',
    title:
      'The system technically allows the automatic recording of events (logs) over its lifetime',
    binds: ['provider'],
  }),
  highRisk({
    id: 'eu-ai-act.art-13-3-b',
    article: 'Art. 13',
    point: '(3)(b)',
    title:
      'Instructions for use state the characteristics, capabilities and limitations of performance',
    binds: ['provider'],
  }),
  highRisk({
    id: 'eu-ai-act.art-13-1',
    article: 'Art. 13',
    point: '(1)',
    title:
      'Operation is transparent enough for deployers to interpret the output and use it appropriately',
    binds: ['provider'],
  }),
  highRisk({
    id: 'eu-ai-act.art-14-4-de',
    article: 'Art. 14',
    point: '(4)(d)-(e)',
    title:
      'Overseers can disregard, override or reverse the output and interrupt the system',
    binds: ['provider'],
  }),
  highRisk({
    id: 'eu-ai-act.art-17-1-a',
    article: 'Art. 17',
    point: '(1)(a)',
    title:
      'Quality management system: a strategy for regulatory compliance, including procedures for the management of modifications',
    binds: ['provider'],
  }),
  highRisk({
    id: 'eu-ai-act.art-19-1',
    article: 'Art. 19',
    point: '(1)',
    title:
      'Providers keep the automatically generated logs for at least six months',
    binds: ['provider'],
  }),
  highRisk({
    id: 'eu-ai-act.art-26-5',
    article: 'Art. 26',
    point: '(5)',
    title:
      'Deployers monitor the operation and, on a serious incident, inform the provider and then the market surveillance authority without delay',
    binds: ['deployer'],
  }),
  highRisk({
    id: 'eu-ai-act.art-26-6',
    article: 'Art. 26',
    point: '(6)',
    title:
      'Deployers keep the automatically generated logs for at least six months',
    binds: ['deployer'],
  }),
  highRisk({
    id: 'eu-ai-act.art-27-1',
    article: 'Art. 27',
    point: '(1)',
    title: 'A fundamental rights impact assessment before first use',
    binds: ['deployer'],
    routes: ['annex-iii'],
    excludedAnnexIIIPoints: ['2'],
    condition:
      'The deployer is a body governed by public law or a private entity providing public services (spec.risk.publicService), or the system is listed in Annex III 5(b) or 5(c) (spec.risk.annexIII).',
  }),
  highRisk({
    id: 'eu-ai-act.art-43',
    article: 'Art. 43',
    title:
      'The conformity assessment procedure is carried out before placing on the market',
    binds: ['provider'],
  }),
  highRisk({
    id: 'eu-ai-act.art-49-1',
    article: 'Art. 49',
    point: '(1)',
    title:
      'Provider and system are registered in the EU database before placing on the market',
    binds: ['provider'],
    routes: ['annex-iii'],
    excludedAnnexIIIPoints: ['2'],
  }),
  {
    id: 'eu-ai-act.art-50-1',
    instrument: 'eu-ai-act',
    article: 'Art. 50',
    point: '(1)',
    title: 'People are informed that they are interacting with an AI system',
    binds: ['provider'],
    riskTiers: ['limited', 'high'],
    condition:
      'The system is intended to interact directly with natural persons (spec.risk.transparency.interaction).',
    appliesFrom: EU_AI_ACT_DATES.general,
    source: AI_ACT,
  },
  {
    id: 'eu-ai-act.art-50-2',
    instrument: 'eu-ai-act',
    article: 'Art. 50',
    point: '(2)',
    title:
      'Synthetic audio, image, video or text output is marked in a machine-readable format and detectable as generated',
    binds: ['provider'],
    riskTiers: ['limited', 'high'],
    condition:
      'The system generates synthetic content (spec.risk.transparency.syntheticContent).',
    appliesFrom: EU_AI_ACT_DATES.general,
    source: AI_ACT,
  },
  {
    id: 'eu-ai-act.art-50-4',
    instrument: 'eu-ai-act',
    article: 'Art. 50',
    point: '(4)',
    title: 'Deep fakes are disclosed as artificially generated or manipulated',
    binds: ['deployer'],
    riskTiers: ['limited', 'high'],
    condition:
      'The system generates or manipulates deep fakes (spec.risk.transparency.deepFake).',
    appliesFrom: EU_AI_ACT_DATES.general,
    source: AI_ACT,
  },
  {
    id: 'eu-ai-act.art-53-1',
    instrument: 'eu-ai-act',
    article: 'Art. 53',
    point: '(1)',
    title:
      'Providers of general-purpose AI models keep technical documentation, a copyright policy and a training content summary',
    binds: ['provider'],
    condition:
      'The model is a general-purpose AI model the organisation provides.',
    appliesFrom: EU_AI_ACT_DATES.generalPurposeAi,
    source: AI_ACT,
  },
  highRisk({
    id: 'eu-ai-act.art-72-1-2',
    article: 'Art. 72',
    point: '(1)-(2)',
    title:
      'A post-market monitoring system actively collects and analyses performance data over the lifetime',
    binds: ['provider'],
  }),
  highRisk({
    id: 'eu-ai-act.art-73-1',
    article: 'Art. 73',
    point: '(1)',
    title:
      'Serious incidents are reported to the market surveillance authority of the Member State where they occurred',
    binds: ['provider'],
  }),
  highRisk({
    id: 'eu-ai-act.art-73-2',
    article: 'Art. 73',
    point: '(2)',
    title:
      'The report is made once a causal link with the system is established or reasonably likely, and at the latest 15 days after the provider becomes aware of the incident',
    binds: ['provider'],
  }),

  // NIST AI RMF 1.0 subcategories.
  nist(
    'GOVERN 1.1',
    'Legal and regulatory requirements involving AI are understood, managed and documented',
  ),
  nist(
    'GOVERN 1.3',
    'The level of risk management activities is determined from the organisation’s risk tolerance',
  ),
  nist(
    'GOVERN 1.5',
    'Ongoing monitoring and periodic review of the risk management process are planned',
  ),
  nist('GOVERN 1.6', 'Mechanisms are in place to inventory AI systems'),
  nist(
    'GOVERN 2.1',
    'Roles, responsibilities and lines of communication are documented and clear',
  ),
  nist(
    'MAP 1.1',
    'Intended purposes, context-specific laws, norms and expectations are understood and documented',
  ),
  nist(
    'MAP 1.4',
    'The business value or context of business use is clearly defined',
  ),
  nist(
    'MAP 2.2',
    'Knowledge limits and how output may be used and overseen by humans are documented',
  ),
  nist(
    'MAP 2.3',
    'Scientific integrity and TEVV considerations, including data collection and selection, are documented',
  ),
  nist('MAP 3.3', 'The targeted application scope is specified and documented'),
  nist(
    'MAP 3.5',
    'Processes for human oversight are defined, assessed and documented',
  ),
  nist(
    'MAP 5.1',
    'The likelihood and magnitude of each identified impact are documented',
  ),
  nist(
    'MEASURE 1.1',
    'Approaches and metrics for measuring AI risks are selected and documented',
  ),
  nist(
    'MEASURE 1.3',
    'Internal experts who are not front-line developers, or independent assessors, take part in assessments',
  ),
  nist(
    'MEASURE 2.4',
    'Functionality and behaviour of the system in production are monitored',
  ),
  nist('MEASURE 2.5', 'The system is demonstrated to be valid and reliable'),
  nist('MEASURE 2.7', 'Security and resilience are evaluated and documented'),
  nist(
    'MEASURE 2.9',
    'The model is explained, validated and documented, and output interpreted in context',
  ),
  nist('MEASURE 2.10', 'Privacy risk is examined and documented'),
  nist(
    'MEASURE 2.11',
    'Fairness and bias are evaluated and the results documented',
  ),
  nist(
    'MEASURE 3.3',
    'Feedback processes for end users and impacted communities to report problems are established',
  ),
  nist(
    'MANAGE 2.4',
    'Mechanisms supersede, disengage or deactivate a system whose performance is inconsistent with its intended use',
  ),
  nist(
    'MANAGE 4.1',
    'Post-deployment monitoring plans, including incident response, recovery and change management, are implemented',
  ),
  nist(
    'MANAGE 4.2',
    'Measurable activities for continual improvement are integrated into system updates',
  ),
  nist(
    'MANAGE 4.3',
    'Incidents and errors are communicated, and tracked, responded to and recovered from',
  ),

  // ISO/IEC 42001:2023 Annex A controls (A.2 to A.10).
  iso('A.2.2', 'AI policy'),
  iso('A.3.2', 'AI roles and responsibilities'),
  iso('A.3.3', 'Reporting of concerns'),
  iso('A.4.2', 'Resource documentation'),
  iso('A.5.2', 'AI system impact assessment process'),
  iso('A.5.3', 'Documentation of AI system impact assessments'),
  iso(
    'A.5.4',
    'Assessing AI system impact on individuals or groups of individuals',
  ),
  iso('A.6.2.2', 'AI system requirements and specification'),
  iso('A.6.2.3', 'Documentation of AI system design and development'),
  iso('A.6.2.4', 'AI system verification and validation'),
  iso('A.6.2.5', 'AI system deployment'),
  iso('A.6.2.6', 'AI system operation and monitoring'),
  iso('A.6.2.7', 'AI system technical documentation'),
  iso('A.6.2.8', 'AI system recording of event logs'),
  iso('A.7.2', 'Data for development and enhancement of AI system'),
  iso('A.7.4', 'Quality of data for AI systems'),
  iso('A.7.5', 'Data provenance'),
  iso('A.7.6', 'Data preparation'),
  iso('A.8.2', 'System documentation and information for users'),
  iso('A.8.3', 'External reporting'),
  iso('A.8.4', 'Communication of incidents'),
  iso('A.9.4', 'Intended use of the AI system'),
  iso('A.10.2', 'Allocating responsibilities'),

  // GDPR, where dataset checks cite it.
  {
    id: 'gdpr.art-5-1-e',
    instrument: 'gdpr',
    article: 'Art. 5',
    point: '(1)(e)',
    title: 'Storage limitation: personal data is kept no longer than necessary',
    binds: [...both],
    condition: 'The dataset holds personal data.',
    appliesFrom: '2018-05-25',
    source: GDPR,
  },
  {
    id: 'gdpr.art-6-1',
    instrument: 'gdpr',
    article: 'Art. 6',
    point: '(1)',
    title: 'Processing of personal data has a lawful basis',
    binds: [...both],
    condition: 'The dataset holds personal data.',
    appliesFrom: '2018-05-25',
    source: GDPR,
  },
  {
    id: 'gdpr.art-9-1',
    instrument: 'gdpr',
    article: 'Art. 9',
    point: '(1)',
    title:
      'Special categories of personal data are identified; their processing needs an Art. 9(2) exception',
    binds: [...both],
    condition: 'The dataset holds personal data.',
    appliesFrom: '2018-05-25',
    source: GDPR,
  },
  {
    id: 'gdpr.art-22-3',
    instrument: 'gdpr',
    article: 'Art. 22',
    point: '(3)',
    title:
      'People subject to automated decisions can obtain human intervention, express their view and contest the decision',
    binds: [...both],
    condition:
      'Decisions based solely on automated processing with legal or similarly significant effects.',
    appliesFrom: '2018-05-25',
    source: GDPR,
  },
  {
    id: 'gdpr.art-30-1',
    instrument: 'gdpr',
    article: 'Art. 30',
    point: '(1)',
    title:
      'Records of processing name the categories of data subjects and of personal data',
    binds: [...both],
    appliesFrom: '2018-05-25',
    source: GDPR,
  },
  {
    id: 'gdpr.art-32-1',
    instrument: 'gdpr',
    article: 'Art. 32',
    point: '(1)',
    title:
      'Security of processing, including access control appropriate to the risk',
    binds: [...both],
    condition: 'The dataset holds personal data.',
    appliesFrom: '2018-05-25',
    source: GDPR,
  },
];

const BY_ID = new Map(OBLIGATIONS.map(o => [o.id, o]));

/**
 * The obligation with the given id, or undefined when the table holds none.
 *
 * @public
 */
export function getObligation(id: string): Obligation | undefined {
  return BY_ID.get(id);
}

/**
 * The obligations that apply from a date (ISO 8601 day), on either
 * high-risk route: `2027-12-02` gives the obligations of Annex III systems,
 * `2028-08-02` those of Annex I safety components, `2026-08-02` Art. 50.
 *
 * @public
 */
export function obligationsApplyingFrom(day: string): Obligation[] {
  return OBLIGATIONS.filter(
    o => o.appliesFrom === day || o.appliesFromAnnexI === day,
  );
}

/**
 * The days the tracked obligations apply from, in order, each with how
 * many obligations apply from it: what a campaign by date can be made of.
 *
 * @public
 */
export function obligationDates(): Array<{ day: string; count: number }> {
  const counts = new Map<string, number>();
  for (const o of OBLIGATIONS) {
    for (const day of new Set([o.appliesFrom, o.appliesFromAnnexI])) {
      if (day) counts.set(day, (counts.get(day) ?? 0) + 1);
    }
  }
  return [...counts.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([day, count]) => ({ day, count }));
}

/**
 * The citation of an obligation as written in its instrument, e.g.
 * `EU AI Act Art. 10(2)(f)-(g)`, `NIST AI RMF MEASURE 2.11`, `ISO/IEC 42001 A.6.2.8`.
 *
 * @public
 */
export function formatCitation(obligation: Obligation): string {
  const instrument = {
    'eu-ai-act': 'EU AI Act',
    'nist-ai-rmf': 'NIST AI RMF',
    'iso-42001': 'ISO/IEC 42001',
    gdpr: 'GDPR',
  }[obligation.instrument];
  const sep = obligation.point && !obligation.point.startsWith('(') ? ' ' : '';
  return `${instrument} ${obligation.article}${sep}${obligation.point ?? ''}`;
}
