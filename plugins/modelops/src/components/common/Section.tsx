import { ReactNode } from 'react';
import { InfoCard } from '@backstage/core-components';

/** A titled card of the model card or the datasheet. */
export function Section(props: {
  title: string;
  id: string;
  children: ReactNode;
}) {
  return (
    <section aria-labelledby={`modelops-section-${props.id}`}>
      <InfoCard
        title={<span id={`modelops-section-${props.id}`}>{props.title}</span>}
      >
        {props.children}
      </InfoCard>
    </section>
  );
}
