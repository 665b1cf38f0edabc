/** Placeholder: being built. */
export function OptionsTab() {
  return null
}
