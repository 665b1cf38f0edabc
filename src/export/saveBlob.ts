/** Hand a file to the browser's download (Blob + `<a download>`), which also works on phones. */
export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob)
  const a = document.createElement('a')
  a.href = url
  a.download = fileName
  a.rel = 'noopener'
  a.style.display = 'none'
  document.body.appendChild(a)
  a.click()
  a.remove()
  // Lifecycle: some browsers (Safari, Firefox) read the URL only after click() has returned, so it is
  // freed later rather than at once.
  setTimeout(() => URL.revokeObjectURL(url), 60_000)
}
