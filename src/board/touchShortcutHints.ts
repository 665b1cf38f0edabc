/**
 * No keyboard hints on a device without a keyboard. tldraw writes each action's
 * and tool's shortcut into its menus ("Ctrl + Z", "Alt", "⇧") and tooltips ("撤销 — Ctrl + Z"): on a
 * resident's phone that is English and meaningless. On a device whose every pointer is a finger (no
 * mouse or trackpad that can hover), actions and tools are given without `kbd`, so tldraw shows no
 * hint, and BoardEditor leaves out the shortcuts dialog (and so its menu item).
 *
 * Why not hide `.tlui-kbd` with CSS: the hints are also in tooltips and titles as plain text. The cost:
 * a tablet with a hardware keyboard but no mouse has no tldraw shortcuts (tldraw binds them from
 * `kbd`) — a rare setup for our users, and every action stays in the menus.
 */
import type { TLUiOverrides } from 'tldraw'

/** Every pointer is coarse and none can hover: a phone or tablet without a mouse. Read once: tldraw reads overrides at mount. */
export function isTouchOnly(): boolean {
  return typeof window !== 'undefined' && typeof window.matchMedia === 'function' &&
    window.matchMedia('(any-hover: none) and (any-pointer: coarse)').matches
}

function withoutKbd<T extends { kbd?: string }>(items: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(items).map(([id, item]) => [id, { ...item, kbd: undefined }]))
}

export const noShortcutHints: TLUiOverrides = {
  actions: (_editor, actions) => withoutKbd(actions),
  tools: (_editor, tools) => withoutKbd(tools),
}
