import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react'
import { Tldraw, type TLComponents, type TLStateNodeConstructor, type TLUiOverrides } from 'tldraw'
import 'tldraw/tldraw.css'
import { markPageReady } from '../ui/pageReady'
import type { ClientConfig } from '../shared/api'
import { CloseCode } from '../shared/protocol'
import { syncUrl } from '../sync'
import type { Role } from '../shared/workflow'
import { useI18n } from '../i18n/I18nProvider'
import { TLDRAW_LOCALE, tldrawMessages } from '../i18n/lang'
import type { BoardSyncOptions, LocalUser } from '../sync'
import { useBoardSync } from '../sync/useBoardSync'
import { ACCEPTED_IMAGE_MIME_TYPES, ACCEPTED_VIDEO_MIME_TYPES, createAssetStore } from './assetStore'
import { BoardHeader } from './BoardHeader'
import { BoardUiContext, type BoardUi } from './BoardUiContext'
import { NamePrompt } from './NamePrompt'
import { PeoplePanel } from './PeoplePanel'
import { SchemaErrorBanner } from './SchemaErrorBanner'
import { ServerCloseBanner } from './ServerCloseBanner'
import { RefusedBanner } from './RefusedBanner'
import { OwnershipGuard } from './OwnershipGuard'
import type { EditActor } from '../shared/boardRules'
import { StorageFailingBanner } from './StorageFailingBanner'
import { LocalisedContentHandlers } from './LocalisedContentHandlers'
import { tldrawAssetUrls } from './tldrawAssetUrls'
import { isTouchOnly, noShortcutHints } from './touchShortcutHints'
import { ToastBridge } from './ToastBridge'
import { useTldrawUser } from './useTldrawUser'

// Our people list replaces tldraw's face-pile menu, so names are always readable. Module
// constants: tldraw compares components and tools by identity and rebuilds when they change.
const components: TLComponents = { SharePanel: PeoplePanel }
const noTools: never[] = []

/** Close codes with which the sync server refuses a project link (withdrawn, expired, unknown). */
const ACCESS_LOST_CODES: ReadonlySet<number> = new Set([CloseCode.unauthorized, CloseCode.forbidden])

/**
 * What a project board (/p/<id>) adds to the plain board, built by src/workflow/ProjectBoardEditor.
 * Passed in rather than imported, so a plain /b/<id> board loads none of the project code.
 */
export interface BoardExtension {
  /** This person's own token: sync `params` and uploads. */
  token: string
  /** Stated in presence, so others see it on my cursor. */
  role: Role
  /** May write to the board now (role × stage); the server enforces the same. */
  canDraw: boolean
  /** Organizers: open the panel that makes role links (offered in the people list); null for others. */
  openShare: (() => void) | null
  /** tldraw slots. Module constants: tldraw compares them by identity (new tools remount the editor). */
  components: TLComponents
  tools: TLStateNodeConstructor[]
  /** More tldraw UI overrides (tools, labels), memoised per language by the caller. */
  overrides: TLUiOverrides
  /** The sync server refused the link (withdrawn or expired while the board was open). */
  onAccessLost: (code: number) => void
  /** Change my name on the server (others see the participant's name there); rejects with a readable error. */
  rename: (name: string) => Promise<void>
  /** Wraps the whole board: contexts that tldraw's slots and the children below read. */
  wrap: (board: ReactNode) => ReactNode
  /** Between the header and the canvas. */
  chrome: ReactNode
  /** Inside <Tldraw>, so it can use the editor; rendered once the editor is up. */
  inEditor: ReactNode
  /** Who I am for the ownership rules (project boards): changes the server would refuse are not made. */
  editActor?: EditActor
  /**
   * Show none of tldraw's own UI (a phone, not drawing): the extension's controls take its place.
   * Toggling it re-renders tldraw's UI only; the editor and its store stay.
   */
  hideUi?: boolean
}

interface BoardEditorProps {
  boardId: string
  boardName: string
  config: ClientConfig
  participant: LocalUser
  /** Set on a project board (board id = project id); absent on a plain /b/<id> board. */
  extension?: BoardExtension
}

/** The live canvas with our chrome around it. */
export function BoardEditor({ boardId, boardName, config, participant, extension }: BoardEditorProps) {
  const { t, lang } = useI18n()
  const [editingName, setEditingName] = useState(false)
  const token = extension?.token
  const role = extension?.role
  const canDraw = extension?.canDraw ?? true

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
        token,
      }),
    [boardId, config.maxUploadBytes, token],
  )

  const { id, name, color } = participant
  const syncOptions = useMemo<BoardSyncOptions>(
    () => ({
      boardId,
      user: { id, name, color, ...(role && { role }) },
      assets,
      syncUrl: syncUrl(),
      ...(token && { params: { token } }),
      readOnly: !canDraw,
    }),
    [boardId, id, name, color, role, assets, token, canDraw],
  )
  const sync = useBoardSync(syncOptions)
  const user = useTldrawUser(participant)

  // The canvas is about to show (or tldraw shows why it cannot): work deferred until the board is
  // up may start (src/ui/pageReady.ts).
  const shown = sync.storeWithStatus.status !== 'loading'
  useEffect(() => {
    if (shown) markPageReady()
  }, [shown])

  // A project link refused by the sync server: the page replaces the board with the reason.
  const onAccessLost = extension?.onAccessLost
  const closeCode = sync.serverClose?.code
  const accessLost = extension !== undefined && closeCode !== undefined && ACCESS_LOST_CODES.has(closeCode)
  useEffect(() => {
    if (accessLost && closeCode !== undefined) onAccessLost?.(closeCode)
  }, [accessLost, closeCode, onAccessLost])

  // Our wording for a few tldraw messages, in the language in use. Also under 'en': tldraw shows
  // its built-in English with the 'en' overrides until the chosen locale's file has arrived.
  const overrides = useMemo<TLUiOverrides>(() => {
    const messages = tldrawMessages(t)
    return { translations: { en: messages, [TLDRAW_LOCALE[lang]]: messages } }
  }, [t, lang])
  const extraOverrides = extension?.overrides
  // Last, so no action or tool added above brings a keyboard hint back onto a phone.
  const [touchOnly] = useState(isTouchOnly)
  const allOverrides = useMemo(
    () => [overrides, ...(extraOverrides ? [extraOverrides] : []), ...(touchOnly ? [noShortcutHints] : [])],
    [overrides, extraOverrides, touchOnly],
  )

  // On a touch-only device there are no shortcuts to list: no "键盘快捷方式" menu item (tldraw shows
  // it only while there is a KeyboardShortcutsDialog). Memoised: tldraw compares components by identity.
  const baseComponents = extension?.components ?? components
  const tlComponents = useMemo(() => (touchOnly ? { ...baseComponents, KeyboardShortcutsDialog: null } : baseComponents), [touchOnly, baseComponents])

  // tldraw names its canvas for screen readers "tldraw" unless told otherwise (options.branding): an
  // English word read out in the Chinese UI. Memoised: tldraw reads its options when the editor mounts.
  const canvasLabel = t.board.canvasLabel
  // maxFontsToLoadBeforeRender 0: tldraw would otherwise hold the whole canvas (the plan, strokes,
  // pins) until every font its text uses has arrived — on a phone on slow 3G, seconds for ~150 KB
  // each. Text is drawn in a fallback font meanwhile and re-measured when its font comes (as with
  // font-display: swap); the handwriting font is preloaded with the page's code (vite.config.ts).
  const tldrawOptions = useMemo(() => ({ branding: canvasLabel, maxFontsToLoadBeforeRender: 0 }), [canvasLabel])

  const onProject = extension !== undefined
  const openShare = extension?.openShare ?? null
  const myParticipantId = extension?.editActor?.participantId ?? null
  const boardUi = useMemo<BoardUi>(
    () => ({ openNameEditor: () => setEditingName(true), onProject, myRole: role ?? null, openShare, myParticipantId }),
    [onProject, role, openShare, myParticipantId],
  )
  const closeNameEditor = useCallback(() => setEditingName(false), [])

  const board = (
    <div className={`board${extension?.hideUi ? ' board--bare' : ''}`}>
      <BoardHeader boardName={boardName} status={sync.status} />
      {extension?.chrome}
      {sync.schemaError && <SchemaErrorBanner />}
      {sync.serverClose && !accessLost && <ServerCloseBanner code={sync.serverClose.code} />}
      {sync.storageFailing && !sync.serverClose && <StorageFailingBanner />}
      {sync.refused && sync.dismissRefused && <RefusedBanner code={sync.refused} onClose={sync.dismissRefused} />}
      <div className="board__canvas">
        <Tldraw
          store={sync.storeWithStatus}
          assetUrls={tldrawAssetUrls}
          licenseKey={config.tldrawLicenseKey ?? undefined}
          options={tldrawOptions}
          hideUi={extension?.hideUi ?? false}
          user={user}
          locale={TLDRAW_LOCALE[lang]}
          components={tlComponents}
          overrides={allOverrides}
          tools={extension?.tools ?? noTools}
          maxAssetSize={config.maxUploadBytes}
          acceptedImageMimeTypes={ACCEPTED_IMAGE_MIME_TYPES}
          acceptedVideoMimeTypes={ACCEPTED_VIDEO_MIME_TYPES}
        >
          <ToastBridge notifyRef={notifyRef} />
          <LocalisedContentHandlers maxAssetSize={config.maxUploadBytes} />
          {extension?.inEditor}
          {extension?.editActor && sync.doc && <OwnershipGuard doc={sync.doc} actor={extension.editActor} />}
        </Tldraw>
      </div>
      {editingName && <NamePrompt mode="edit" onDone={closeNameEditor} onRename={extension?.rename} />}
    </div>
  )

  return <BoardUiContext.Provider value={boardUi}>{extension ? extension.wrap(board) : board}</BoardUiContext.Provider>
}
