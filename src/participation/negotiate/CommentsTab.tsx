/** Placeholder: being built. */
export function CommentsTab() {
  return null
}
