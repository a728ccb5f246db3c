import type { ReactNode } from 'react';
import {
  Content,
  ContentHeader,
  Header,
  Page,
} from '@backstage/core-components';

/**
 * The page theme of every ModelOps page, so the banner keeps one colour
 * from one ML page to the next.
 */
export const ML_PAGE_THEME = 'tool';

/** Props of {@link PageFrame}. */
export interface PageFrameProps {
  title: string;
  subtitle?: string;
  /** Buttons for the page as a whole, e.g. an export. */
  actions?: ReactNode;
  /**
   * Drawn as a tab of a section page, which already shows the portal header
   * and the tab bar: the title becomes a content heading instead of a
   * second page header.
   */
  embedded?: boolean;
  children: ReactNode;
}

/**
 * The frame of a ModelOps page: a Backstage page with its header when the
 * page is mounted on its own, or a content heading when it is a tab of a
 * section page.
 */
export function PageFrame(props: PageFrameProps) {
  const { title, subtitle, actions, embedded, children } = props;
  if (embedded) {
    return (
      <>
        <ContentHeader title={title} description={subtitle}>
          {actions}
        </ContentHeader>
        {children}
      </>
    );
  }
  return (
    <Page themeId={ML_PAGE_THEME}>
      <Header title={title} subtitle={subtitle}>
        {actions}
      </Header>
      <Content>{children}</Content>
    </Page>
  );
}
