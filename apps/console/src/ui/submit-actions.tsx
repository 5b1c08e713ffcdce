import type { ReactNode } from 'react';
import { useMessages } from '../i18n/locale';
import { common } from './messages';

/**
 * A form's buttons: its submit, which says it is at work and takes no second press until the
 * answer comes (a slow link must not send a change twice), then any others the form has.
 */
export function SubmitActions({
  label,
  running,
  runningLabel,
  tone = 'primary',
  children,
}: {
  label: string;
  running: boolean;
  /** Said while the form is sent; "Menyimpan…" unless the form names what it does. */
  runningLabel?: string;
  /** Danger for a change that cannot be taken back. */
  tone?: 'primary' | 'danger';
  children?: ReactNode;
}): ReactNode {
  const text = useMessages(common);
  return (
    <div className="actions">
      <button type="submit" className={`button ${tone}`} disabled={running}>
        {running ? (runningLabel ?? text.saving) : label}
      </button>
      {children}
    </div>
  );
}
