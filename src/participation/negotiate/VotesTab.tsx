/** Placeholder: being built. */
export function VotesTab() {
  return null
}
