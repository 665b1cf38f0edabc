/** Placeholder: being built. */
export function OptionBadges() {
  return null
}
