import { ResponseError } from '@backstage/errors';

/**
 * Downloads a CSV export of the backend as a file. The request goes through
 * the app's FetchApi so that the user's token is sent; a plain link would
 * reach the backend unauthenticated.
 *
 * @throws ResponseError when the backend refuses the export
 */
export async function downloadCsv(
  fetchApi: { fetch: typeof fetch },
  url: string,
  fileName: string,
): Promise<void> {
  const response = await fetchApi.fetch(url);
  if (!response.ok) {
    throw await ResponseError.fromResponse(response);
  }
  const objectUrl = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = objectUrl;
  link.download = fileName;
  link.click();
  URL.revokeObjectURL(objectUrl);
}
