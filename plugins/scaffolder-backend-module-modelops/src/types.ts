/**
 * What a model card shows. Field names follow the MLModel spec so values can
 * be passed straight from a template's parameters or an imported README.
 *
 * @public
 */
export interface ModelCardContent {
  name: string;
  title?: string;
  description?: string;
  owner?: string;
  type?: string;
  framework?: string;
  license?: string;
  version?: string;
  riskTier?: string;
  derivedFrom?: string[];
  trainedOn?: string[];
  evaluatedOn?: string[];
  intendedUse?: {
    primaryUses?: string[];
    primaryUsers?: string[];
    outOfScope?: string[];
  };
  metrics?: {
    name: string;
    threshold?: number;
    direction?: string;
    slice?: string;
  }[];
  limitations?: string;
  ethicalConsiderations?: string;
  /** Free Markdown appended as its own section, such as the body of an imported README. */
  details?: string;
}
