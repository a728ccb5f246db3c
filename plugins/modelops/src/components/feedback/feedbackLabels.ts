import type {
  FeedbackCategory,
  FeedbackState,
} from '@modelops/plugin-modelops-common';

/** How each feedback category reads in the UI. */
export const FEEDBACK_CATEGORY_LABELS: Record<FeedbackCategory, string> = {
  'wrong-prediction': 'Wrong prediction',
  'bias-concern': 'Bias concern',
  usability: 'Usability problem',
  outage: 'Outage',
};

/** How each feedback state reads in the UI. */
export const FEEDBACK_STATE_LABELS: Record<FeedbackState, string> = {
  open: 'Open',
  acknowledged: 'Acknowledged',
  resolved: 'Resolved',
  withdrawn: 'Withdrawn',
};
