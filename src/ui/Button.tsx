import type { ComponentChildren } from 'preact';

export interface ButtonProps {
  readonly children: ComponentChildren;
  readonly onClick?: () => void;
  readonly type?: 'button' | 'submit';
  readonly variant?: 'primary' | 'secondary' | 'danger' | 'link';
  readonly disabled?: boolean;
  readonly testId?: string;
}

/** Large touch target (at least 48 px), the only kind a tablet in a busy centre needs. */
export function Button({
  children,
  onClick,
  type = 'button',
  variant = 'secondary',
  disabled,
  testId,
}: ButtonProps) {
  return (
    <button
      type={type}
      class={`btn btn-${variant}`}
      onClick={onClick}
      disabled={disabled}
      data-testid={testId}
    >
      {children}
    </button>
  );
}

export interface LinkButtonProps {
  readonly href: string;
  readonly children: ComponentChildren;
  readonly variant?: 'primary' | 'secondary' | 'link';
  readonly testId?: string;
}

/** A link that looks like a button; the app's router catches clicks on same-origin links. */
export function LinkButton({ href, children, variant = 'secondary', testId }: LinkButtonProps) {
  return (
    <a href={href} class={`btn btn-${variant}`} data-testid={testId}>
      {children}
    </a>
  );
}
