/** Placeholder: being built. */
export function AgreeTab() {
  return null
}
