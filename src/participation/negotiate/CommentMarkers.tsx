/** Placeholder: being built. */
export function CommentMarkers() {
  return null
}
