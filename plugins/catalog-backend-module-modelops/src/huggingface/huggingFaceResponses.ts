import { z } from 'zod';

// The model objects of the Hub's `GET /api/models?full=true&cardData=true`
// that the provider reads. Objects stay open: the Hub adds fields
// (downloads, likes, gguf, safetensors, spaces, ...) between releases.

/** One model of the model list. */
export const hubModelSchema = z.object({
  id: z.string().min(1),
  sha: z.string().optional(),
  lastModified: z.string().optional(),
  pipeline_tag: z.string().optional(),
  library_name: z.string().optional(),
  tags: z.array(z.string()).optional(),
  private: z.boolean().optional(),
  gated: z.union([z.boolean(), z.string()]).optional(),
  disabled: z.boolean().optional(),
  cardData: z.record(z.string(), z.unknown()).optional(),
  siblings: z.array(z.object({ rfilename: z.string() })).optional(),
});

/** One page of the model list: a JSON array. */
export const hubModelsPageSchema = z.array(hubModelSchema);

/** A model read from the Hub. */
export type HubModel = z.infer<typeof hubModelSchema>;
