import { createFocusTrap } from 'focus-trap';
import { type ReactNode, useEffect, useId, useRef, useState } from 'react';

interface Props {
  title: string;
  onClose(): void;
  /** What Escape does, when it is more than closing (a filled form asks first). */
  onEscape?(): void;
  /** The dialog's default action for Enter pressed outside a control (Copy, Close). */
  onEnter?(): void;
  children: ReactNode;
}

/**
 * A modal dialog: labelled by its title, Escape closes it, focus moves into it and stays there (Tab
 * and Shift+Tab cycle through its controls, never into the page behind), and goes back to what had
 * it when the dialog closes — the button that opened it, usually.
 */
export function Dialog({ title, onClose, onEscape, onEnter, children }: Props) {
  const titleId = useId();
  const ref = useRef<HTMLDivElement>(null);
  // Who had focus before the dialog rendered (an autoFocus control inside takes it during the commit).
  const [opener] = useState(() => (document.activeElement instanceof HTMLElement ? document.activeElement : null));

  useEffect(() => {
    const dialog = ref.current!;
    const inside = document.activeElement instanceof HTMLElement && dialog.contains(document.activeElement) ? document.activeElement : null;
    const trap = createFocusTrap(dialog, {
      // A field the dialog focuses itself (autoFocus) keeps focus; otherwise the dialog has it.
      initialFocus: inside ?? dialog,
      fallbackFocus: dialog,
      // Escape is this component's (it calls onClose); a click outside is the page's own business.
      escapeDeactivates: false,
      allowOutsideClick: true,
      returnFocusOnDeactivate: false,
    });
    trap.activate();
    return () => {
      trap.deactivate();
      if (opener?.isConnected) opener.focus();
    };
  }, [opener]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (e.key === 'Escape') (onEscape ?? onClose)();
      // Enter on a control is the control's (a button presses, a field submits its form).
      else if (e.key === 'Enter' && onEnter && !(e.target instanceof Element && e.target.closest('button, input, select, textarea, a, summary'))) {
        e.preventDefault();
        onEnter();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose, onEscape, onEnter]);

  return (
    <div className="backdrop">
      <div className="dialog" role="dialog" aria-modal="true" aria-labelledby={titleId} tabIndex={-1} ref={ref}>
        <h2 id={titleId}>{title}</h2>
        {children}
      </div>
    </div>
  );
}
