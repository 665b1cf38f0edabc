import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import { Tldraw, type TLComponents, type TLUiOverrides } from 'tldraw'
import { getAssetUrlsByImport } from '@tldraw/assets/imports.vite'
import 'tldraw/tldraw.css'
import type { ClientConfig } from '../shared/api'
import { SYNC_PATH } from '../shared/protocol'
import { useI18n } from '../i18n/I18nProvider'
import { TLDRAW_LOCALE, tldrawTranslationOverrides } from '../i18n/strings'
import type { BoardSyncOptions, LocalUser } from '../sync/types'
import { useBoardSync } from '../sync/useBoardSync'
import { ACCEPTED_IMAGE_MIME_TYPES, ACCEPTED_VIDEO_MIME_TYPES, createAssetStore } from './assetStore'
import { BoardHeader } from './BoardHeader'
import { BoardUiContext, type BoardUi } from './BoardUiContext'
import { NamePrompt } from './NamePrompt'
import { PeoplePanel } from './PeoplePanel'
import { SchemaErrorBanner } from './SchemaErrorBanner'
import { ServerCloseBanner } from './ServerCloseBanner'
import { LocalisedContentHandlers } from './LocalisedContentHandlers'
import { ToastBridge } from './ToastBridge'
import { useTldrawUser } from './useTldrawUser'

// Fonts, icons and translations are bundled by Vite and served by our own server: no CDN.
const assetUrls = getAssetUrlsByImport()
// Our people list replaces tldraw's face-pile menu, so names are always readable.
const components: TLComponents = { SharePanel: PeoplePanel }
const overrides: TLUiOverrides = { translations: tldrawTranslationOverrides }

function syncUrl(): string {
  return `${window.location.protocol === 'https:' ? 'wss' : 'ws'}://${window.location.host}${SYNC_PATH}`
}

interface BoardEditorProps {
  boardId: string
  boardName: string
  config: ClientConfig
  participant: LocalUser
}

/** The live canvas with our chrome around it. */
export function BoardEditor({ boardId, boardName, config, participant }: BoardEditorProps) {
  const { t, lang } = useI18n()
  const [editingName, setEditingName] = useState(false)

  // The asset store outlives renders; it reads the current language and the toast function
  // through refs rather than being rebuilt (tldraw's store keeps the one it was created with).
  const i18nRef = useRef({ t, lang })
  useEffect(() => {
    i18nRef.current = { t, lang }
  }, [t, lang])
  const notifyRef = useRef<(message: string) => void>((message) => console.warn(message))

  const assets = useMemo(
    () =>
      createAssetStore({
        boardId,
        maxUploadBytes: config.maxUploadBytes,
        i18n: () => i18nRef.current,
        notify: (message) => notifyRef.current(message),
      }),
    [boardId, config.maxUploadBytes],
  )

  const { id, name, color } = participant
  const syncOptions = useMemo<BoardSyncOptions>(
    () => ({ boardId, user: { id, name, color }, assets, syncUrl: syncUrl() }),
    [boardId, id, name, color, assets],
  )
  const sync = useBoardSync(syncOptions)
  const user = useTldrawUser(participant)

  const boardUi = useMemo<BoardUi>(() => ({ openNameEditor: () => setEditingName(true) }), [])
  const closeNameEditor = useCallback(() => setEditingName(false), [])

  return (
    <BoardUiContext.Provider value={boardUi}>
      <div className="board">
        <BoardHeader boardName={boardName} status={sync.status} />
        {sync.schemaError && <SchemaErrorBanner />}
        {sync.serverClose && <ServerCloseBanner code={sync.serverClose.code} />}
        <div className="board__canvas">
          <Tldraw
            store={sync.storeWithStatus}
            assetUrls={assetUrls}
            licenseKey={config.tldrawLicenseKey ?? undefined}
            user={user}
            locale={TLDRAW_LOCALE[lang]}
            components={components}
            overrides={overrides}
            maxAssetSize={config.maxUploadBytes}
            acceptedImageMimeTypes={ACCEPTED_IMAGE_MIME_TYPES}
            acceptedVideoMimeTypes={ACCEPTED_VIDEO_MIME_TYPES}
          >
            <ToastBridge notifyRef={notifyRef} />
            <LocalisedContentHandlers maxAssetSize={config.maxUploadBytes} />
          </Tldraw>
        </div>
        {editingName && <NamePrompt mode="edit" onDone={closeNameEditor} />}
      </div>
    </BoardUiContext.Provider>
  )
}
