import { useEffect } from 'react'
import { registerDefaultExternalContentHandlers, useEditor, useToasts, useTranslation } from 'tldraw'
import { ACCEPTED_IMAGE_MIME_TYPES, ACCEPTED_VIDEO_MIME_TYPES } from './assetStore'

/**
 * tldraw registers its paste/drop handlers once, when the editor mounts, with the translation of
 * that moment. Its translations load asynchronously, so that is usually English, and a later
 * language switch never reaches them: a resident dropping a file of the wrong kind would be told
 * so in English. Registering the same default handlers again whenever the translation changes
 * keeps those messages in the language on screen. Same options as given to <Tldraw>.
 */
export function LocalisedContentHandlers({ maxAssetSize }: { maxAssetSize: number }) {
  const editor = useEditor()
  const toasts = useToasts()
  const msg = useTranslation()
  useEffect(() => {
    registerDefaultExternalContentHandlers(editor, {
      maxAssetSize,
      acceptedImageMimeTypes: ACCEPTED_IMAGE_MIME_TYPES,
      acceptedVideoMimeTypes: ACCEPTED_VIDEO_MIME_TYPES,
      toasts,
      msg,
    })
  }, [editor, toasts, msg, maxAssetSize])
  return null
}
