import { Component, type ReactNode } from 'react';

interface Props {
  /** What failed, in the user's words ("This machine's page"). */
  what: string;
  children: ReactNode;
  /** Leaves the broken view (back to the list, close the dialog). */
  onLeave?: () => void;
  leaveLabel?: string;
}

/**
 * One view that fails to draw (a record the view did not expect) shows what happened in place of
 * that view; the rest of the app — the list, other terminals — keeps working.
 */
export class ErrorBoundary extends Component<Props, { error: Error | null }> {
  override state = { error: null as Error | null };

  static getDerivedStateFromError(error: Error): { error: Error } {
    return { error };
  }

  override render(): ReactNode {
    const { error } = this.state;
    if (!error) return this.props.children;
    return (
      <div role="alert" className="banner-error">
        <p>
          {this.props.what} could not be shown: {error.message}
        </p>
        {this.props.onLeave && (
          <button type="button" onClick={this.props.onLeave}>
            {this.props.leaveLabel ?? 'Back'}
          </button>
        )}
      </div>
    );
  }
}
