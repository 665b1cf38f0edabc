/** Placeholder: being built. */
export function NeedsTab() {
  return null
}
