/** Placeholder: being built. */
export function FacilitationOverlay() {
  return null
}
