import type { ComponentChildren } from 'preact';

export interface BannerProps {
  readonly tone: 'info' | 'warning' | 'danger' | 'success';
  readonly children: ComponentChildren;
  /** A button or link that does something about it. */
  readonly action?: ComponentChildren;
  readonly testId?: string;
}

export function Banner({ tone, children, action, testId }: BannerProps) {
  return (
    <div
      class={`banner banner-${tone}`}
      role={tone === 'danger' ? 'alert' : 'status'}
      data-testid={testId}
    >
      <div class="banner-text">{children}</div>
      {action ? <div class="banner-action">{action}</div> : null}
    </div>
  );
}
