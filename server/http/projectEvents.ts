/**
 * GET /api/projects/:id/events?token=… — the live channel of a project, as Server-Sent Events
 * (the contract is in src/shared/projectApi.ts): `state` on connect and after every change,
 * `participation` (this viewer's ParticipationState) after every participation change, `facilitation`
 * after every meeting control, `closed` when the link is revoked or expires, a `: ping` comment every
 * EVENT_PING_INTERVAL_MS. One ProjectEvents per server holds every open stream; close() ends them all.
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import { PARTICIPATION_EVENTS, type FacilitationState, type ParticipationState } from '../../src/shared/participation.js'
import { PROJECT_EVENTS, type ProjectState, type ProjectStreamClosed } from '../../src/shared/projectApi.js'
import type { Facilitation } from '../participation/Facilitation.js'
import type { Participation } from '../participation/Participation.js'
import type { ProjectParticipation } from '../participation/participationView.js'
import { viewFor } from '../participation/participationView.js'
import type { LinkRecord, ParticipantRecord } from '../workflow/ProjectStore.js'
import { stateFor, type SharedProjectState } from '../workflow/projectViews.js'
import { LINK_CLOSED_MESSAGE, type Workflow, type WorkflowEvent } from '../workflow/Workflow.js'
import { HttpError } from './HttpError.js'
import { authenticateToken, queryToken } from './projectRequest.js'
import type { Handler } from './router.js'
import { LocalAddressCap, type AddressCap } from '../cluster/AddressCap.js'
import { API_CSP } from './securityHeaders.js'

interface EventStream {
  res: ServerResponse
  projectId: string
  link: LinkRecord
  /** Set when the stream was opened with a personal token. */
  participant: ParticipantRecord | null
  /** The client address it counts against (MAX_EVENT_STREAMS_PER_IP). */
  address: string
}

/** Open streams per client address (MAX_EVENT_STREAMS_PER_IP); without it, no cap. */
export interface StreamCap {
  /** 0 = no limit. */
  maxStreamsPerIp: number
  /** The address a stream counts against (RequestLimits.clientKey: the socket's, or the proxy's X-Forwarded-For). */
  clientKey: (req: IncomingMessage) => string
  /** Where the open streams are counted (across instances with REDIS_URL); default: in memory. */
  counter?: AddressCap
}

/** How often open streams are checked for links that expired while they were open. */
const EXPIRY_SWEEP_MS = 1_000
/** A client that reads nothing does not get to pile up server memory: past this it is cut off. */
const MAX_BUFFERED_BYTES = 1024 * 1024
/** How long a stream told `closed` may take to drain before its socket is cut (the 2 s promise). */
const CLOSE_GRACE_MS = 1_500
/**
 * Participation changes of one project within this window go out as one `participation` event per
 * stream: a room of people ticking at once must not make every phone download the state per tick.
 */
const PARTICIPATION_COALESCE_MS = 50

export interface ProjectEventSources {
  workflow: Workflow
  participation: Participation
  facilitation: Facilitation
}

const STREAM_HEADERS = {
  'Content-Type': 'text/event-stream; charset=utf-8',
  'Content-Security-Policy': API_CSP,
  'Cache-Control': 'no-cache, no-transform',
  // nginx and similar proxies buffer responses by default, which would hold every event back.
  'X-Accel-Buffering': 'no',
  // Why: an EventSource never reuses its connection, so once a stream ends the socket should go
  // too. Keeping it alive would leave an idle socket that RunningServer.close() has to wait out.
  Connection: 'close',
}

export class ProjectEvents {
  private readonly streams = new Set<EventStream>()
  private readonly pingTimer: NodeJS.Timeout
  private readonly sweepTimer: NodeJS.Timeout
  private readonly unsubscribe: (() => void)[]
  /** Projects with a participation push waiting for its coalescing window to end. */
  private readonly pendingParticipation = new Map<string, NodeJS.Timeout>()
  private readonly workflow: Workflow
  private readonly participation: Participation
  private readonly facilitation: Facilitation
  private closed = false
  private readonly perAddress: AddressCap

  constructor(
    sources: ProjectEventSources,
    pingIntervalMs: number,
    private readonly log: (line: string) => void,
    private readonly cap?: StreamCap,
  ) {
    this.workflow = sources.workflow
    this.participation = sources.participation
    this.facilitation = sources.facilitation
    this.perAddress = cap?.counter ?? new LocalAddressCap(cap?.maxStreamsPerIp ?? 0)
    this.unsubscribe = [
      this.workflow.subscribe((event) => this.onWorkflowEvent(event)),
      this.participation.subscribe((projectId) => this.scheduleParticipation(projectId)),
      this.facilitation.subscribe((projectId) => this.pushFacilitation(projectId)),
    ]
    this.pingTimer = setInterval(() => this.pingAll(), pingIntervalMs)
    this.pingTimer.unref()
    // Security: a link that expires while its stream is open must lose it; nothing else happens at
    // that moment, so a sweep looks. Every second keeps the close within the promised 2 s.
    this.sweepTimer = setInterval(() => this.closeLapsed(), EXPIRY_SWEEP_MS)
    this.sweepTimer.unref()
  }

  /** The route handler. Refusals (400/401/403/404) are ordinary JSON errors: the stream never opens. */
  readonly handler: Handler = async ({ req, res, params }) => {
    const { project, link, participant } = authenticateToken(this.workflow, params.id, queryToken(req))
    if (this.closed) {
      throw new HttpError(503, 'shutting_down', 'The server is restarting; try again in a moment.', { 'Retry-After': '5' })
    }
    if (req.method === 'HEAD') {
      res.writeHead(200, STREAM_HEADERS)
      res.end()
      return
    }
    const shared = this.workflow.sharedState(project.id)
    if (!shared) throw new HttpError(404, 'project_not_found', 'There is no project with this id; check the link.')
    // Security: an open stream holds a socket and memory for as long as the client likes, so one
    // address may hold only so many (like sync connections). Counted after the token check, so a
    // wrong token is still answered (and counted) as one.
    const address = this.cap?.clientKey(req) ?? ''
    const release = await this.perAddress.acquire(address)
    if (!release) {
      throw new HttpError(429, 'too_many_streams',
        `Too many open project pages from your network (at most ${this.cap?.maxStreamsPerIp ?? 0}); close some tabs or devices and try again.`,
        { 'Retry-After': '30' })
    }
    // 'close' comes when the client goes away and after our own end(): either way the stream is
    // over. The place is given back once (release ignores later calls).
    res.on('close', release)
    // Race: the count may have been asked of Redis (several instances). Meanwhile the link may have
    // been revoked, the server may have begun to close, or the client gone: checked again, and from
    // here to adding the stream nothing awaits, so every later revoke or stage move finds it in the set.
    const status = this.workflow.linkStatus(link)
    if (status !== 'live') {
      release()
      throw new HttpError(403, status, LINK_CLOSED_MESSAGE[status])
    }
    if (this.closed) {
      release()
      throw new HttpError(503, 'shutting_down', 'The server is restarting; try again in a moment.', { 'Retry-After': '5' })
    }
    if (res.destroyed) return release()
    res.writeHead(200, STREAM_HEADERS)
    req.socket.setNoDelay(true)
    const stream: EventStream = { res, projectId: project.id, link, participant, address }
    this.streams.add(stream)
    res.on('close', () => this.streams.delete(stream))
    this.send(stream, PROJECT_EVENTS.state, stateFor(this.workflow.sharedState(project.id) ?? shared, link, participant))
  }

  /** End every stream (server shutdown). No `closed` event: the link is still good, and the browser's
   *  EventSource reconnecting to the restarted server is exactly what should happen. */
  close(): void {
    if (this.closed) return
    this.closed = true
    clearInterval(this.pingTimer)
    clearInterval(this.sweepTimer)
    for (const unsubscribe of this.unsubscribe) unsubscribe()
    for (const timer of this.pendingParticipation.values()) clearTimeout(timer)
    this.pendingParticipation.clear()
    for (const stream of this.streams) stream.res.end()
    this.streams.clear()
  }

  private onWorkflowEvent(event: WorkflowEvent): void {
    try {
      // A new label shows on the person's cursor; the streams carry nothing of it.
      if (event.type === 'participantRenamed') return
      if (event.type === 'linkRevoked') {
        for (const s of this.streams) if (s.link.id === event.link.id) this.end(s, 'link_revoked')
        return
      }
      let shared: SharedProjectState | undefined
      for (const s of this.streams) {
        if (s.projectId !== event.projectId) continue
        const status = this.workflow.linkStatus(s.link)
        if (status !== 'live') {
          this.end(s, status)
          continue
        }
        shared ??= this.workflow.sharedState(event.projectId)
        if (shared) this.send(s, PROJECT_EVENTS.state, stateFor(shared, s.link, s.participant))
      }
    } catch (err) {
      // The change itself is stored; a stream that missed it gets it on its reconnect.
      this.log(`project event stream: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`)
    }
  }

  private scheduleParticipation(projectId: string): void {
    if (this.closed || this.pendingParticipation.has(projectId)) return
    const timer = setTimeout(() => {
      this.pendingParticipation.delete(projectId)
      this.pushParticipation(projectId)
    }, PARTICIPATION_COALESCE_MS)
    timer.unref()
    this.pendingParticipation.set(projectId, timer)
  }

  /** Each open stream of the project gets the state as its own viewer sees it (my ticks, my ballot…). */
  private pushParticipation(projectId: string): void {
    try {
      let data: ProjectParticipation | undefined
      for (const s of this.streams) {
        if (s.projectId !== projectId || this.workflow.linkStatus(s.link) !== 'live') continue
        data ??= this.participation.load(projectId)
        this.send(s, PARTICIPATION_EVENTS.participation, viewFor(data, { participantId: s.participant?.id ?? null, role: s.link.role }))
      }
    } catch (err) {
      // The change itself is stored; the client GETs the state again when its stream reconnects.
      this.log(`project event stream: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`)
    }
  }

  private pushFacilitation(projectId: string): void {
    const state = this.facilitation.state(projectId)
    for (const s of this.streams) {
      if (s.projectId === projectId && this.workflow.linkStatus(s.link) === 'live') this.send(s, PARTICIPATION_EVENTS.facilitation, state)
    }
  }

  private closeLapsed(): void {
    for (const s of this.streams) {
      const status = this.workflow.linkStatus(s.link)
      if (status !== 'live') this.end(s, status)
    }
  }

  private pingAll(): void {
    for (const s of this.streams) this.write(s, ': ping\n\n')
  }

  /** Tell the client why and end the stream; the client must not reconnect (it would get 403). */
  private end(stream: EventStream, code: ProjectStreamClosed['code']): void {
    this.streams.delete(stream)
    const closed: ProjectStreamClosed = { code, message: LINK_CLOSED_MESSAGE[code] }
    this.send(stream, PROJECT_EVENTS.closed, closed)
    stream.res.end()
    // Security: a client that stops reading would keep the socket (and our buffered bytes) forever;
    // the stream of a withdrawn link is cut within the 2 s bound whether it drained or not.
    const { res } = stream
    setTimeout(() => { if (!res.writableFinished) res.destroy() }, CLOSE_GRACE_MS).unref()
  }

  private send(stream: EventStream, event: string, data: ProjectState | ProjectStreamClosed | ParticipationState | FacilitationState): void {
    // JSON.stringify never emits a raw line break, so the data is always one `data:` line.
    this.write(stream, `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`)
  }

  private write(stream: EventStream, chunk: string): void {
    const { res } = stream
    if (res.writableEnded || res.destroyed) return
    if (res.writableLength > MAX_BUFFERED_BYTES) {
      // Its EventSource reconnects and gets the current state; nothing is lost by cutting it.
      this.streams.delete(stream)
      res.destroy()
      return
    }
    res.write(chunk)
  }
}
