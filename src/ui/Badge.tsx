import type { ComponentChildren } from 'preact';

export type BadgeTone = 'neutral' | 'info' | 'warning' | 'danger' | 'success';

export function Badge({
  tone = 'neutral',
  children,
  testId,
}: {
  readonly tone?: BadgeTone;
  readonly children: ComponentChildren;
  readonly testId?: string;
}) {
  return (
    <span class={`badge badge-${tone}`} data-testid={testId}>
      {children}
    </span>
  );
}
