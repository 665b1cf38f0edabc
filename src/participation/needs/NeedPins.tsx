/** Placeholder: being built. */
export function NeedPins() {
  return null
}
