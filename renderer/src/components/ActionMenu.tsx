import * as DropdownMenu from '@radix-ui/react-dropdown-menu';
import { Ellipsis } from 'lucide-react';

export interface ActionMenuItem {
  label: string;
  /** Why it cannot be done now (shown beside it, the item off), or null. */
  disabled: string | null;
  run(): void;
}

/**
 * A "More actions" menu (Radix: arrow keys, typeahead, Escape, focus back to its button); the
 * destructive item, when there is one, comes last and apart.
 */
export function ActionMenu({ label, items, destructive, text }: { label: string; items: ActionMenuItem[]; destructive?: ActionMenuItem; text?: string }) {
  return (
    <DropdownMenu.Root modal={false}>
      <DropdownMenu.Trigger asChild>
        <button type="button" className={text ? undefined : 'icon'} aria-label={label} title={label}>
          {text ?? <Ellipsis aria-hidden size={16} />}
        </button>
      </DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content className="menu" align="end" sideOffset={4} collisionPadding={8}>
          {items.map((i) => (
            <DropdownMenu.Item key={i.label} className="menu-item" disabled={i.disabled !== null} onSelect={i.run}>
              {i.label}
              {i.disabled && <span className="menu-reason"> — {i.disabled}</span>}
            </DropdownMenu.Item>
          ))}
          {destructive && (
            <>
              <DropdownMenu.Separator className="menu-separator" />
              <DropdownMenu.Item className="menu-item danger-text" disabled={destructive.disabled !== null} onSelect={destructive.run}>
                {destructive.label}
              </DropdownMenu.Item>
            </>
          )}
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu.Root>
  );
}
