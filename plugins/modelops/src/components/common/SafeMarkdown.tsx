import { MarkdownContent } from '@backstage/core-components';

/**
 * Renders Markdown written in entity YAML. Entity text is untrusted (anyone
 * who can open a pull request can write it), so it goes through
 * MarkdownContent, whose pipeline sanitises raw HTML with rehype-sanitize and
 * drops `javascript:` URLs; the XSS corpus test holds it to that.
 */
export function SafeMarkdown(props: { content: string }) {
  return <MarkdownContent content={props.content} dialect="gfm" />;
}
