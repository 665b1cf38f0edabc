/**
 * The participation model on the server: its stores on the shared SQLite database, the
 * per-project revision number, and the "something changed" signal the event streams listen to.
 * ParticipationActions (./ParticipationActions.ts) checks each action and writes through the stores;
 * it then calls changed(), and ProjectEvents pushes every stream of the project its viewer's new state.
 */
import type { SqlDb } from '../storage/sql/SqlDb.js'
import type { ParticipationState } from '../../src/shared/participation.js'
import { AgreementStore } from './agreementStore.js'
import { CategoryStore } from './categoryStore.js'
import { CommentStore } from './commentStore.js'
import { NeedStore } from './needStore.js'
import { OptionStore } from './optionStore.js'
import { PrivateStore } from './privateStore.js'
import { ProxyStore } from './proxyStore.js'
import { TaskStore } from './taskStore.js'
import { viewFor, type ProjectParticipation } from './participationView.js'
import { RevisionStore } from './revisionStore.js'
import { PUBLIC_VIEWER, type Viewer } from './moderatedView.js'
import { ModerationStore } from './moderationStore.js'
import { NoticeStore } from './noticeStore.js'
import { migrateParticipation } from './schema.js'
import { VoteStore } from './voteStore.js'

export class Participation {
  readonly categories: CategoryStore
  readonly needs: NeedStore
  readonly options: OptionStore
  readonly comments: CommentStore
  readonly votes: VoteStore
  readonly revisions: RevisionStore
  readonly agreements: AgreementStore
  readonly moderation: ModerationStore
  readonly privates: PrivateStore
  /** Entered for residents (代录) and paper ballots. */
  readonly proxy: ProxyStore
  /** The public notices (公示) of the agreed plan, their tables in a group of their own (noticeSchema.ts). */
  readonly notices: NoticeStore
  /** The task list of 实施落实 (its own table group, tasks_schema). */
  readonly tasks: TaskStore
  private readonly revisionByProject = new Map<string, number>()
  private readonly listeners = new Set<(projectId: string) => void>()

  constructor(db: SqlDb) {
    migrateParticipation(db)
    this.categories = new CategoryStore(db)
    this.needs = new NeedStore(db)
    this.options = new OptionStore(db)
    this.comments = new CommentStore(db)
    this.votes = new VoteStore(db)
    this.revisions = new RevisionStore(db)
    this.agreements = new AgreementStore(db)
    this.moderation = new ModerationStore(db)
    this.privates = new PrivateStore(db)
    this.proxy = new ProxyStore(db)
    this.notices = new NoticeStore(db)
    this.tasks = new TaskStore(db)
  }

  /** Be told the id of every project whose participation changed; returns the unsubscribe function. */
  subscribe(listener: (projectId: string) => void): () => void {
    this.listeners.add(listener)
    return () => { this.listeners.delete(listener) }
  }

  /** After every successful write: a new revision, and every listener told. */
  changed(projectId: string): void {
    // Why milliseconds: a restarted server starts counting again, and its states must still read as
    // newer than the ones a client kept from before the restart.
    this.revisionByProject.set(projectId, Math.max(this.revision(projectId) + 1, Date.now()))
    for (const listener of this.listeners) listener(projectId)
  }

  private revision(projectId: string): number {
    let r = this.revisionByProject.get(projectId)
    if (r === undefined) {
      r = Date.now()
      this.revisionByProject.set(projectId, r)
    }
    return r
  }

  /** Everything of one project, read once; viewFor() then shapes it for each viewer. */
  load(projectId: string): ProjectParticipation {
    return {
      revision: this.revision(projectId),
      categories: this.categories.list(projectId),
      needs: this.needs.list(projectId),
      ticks: this.needs.ticks(projectId),
      options: this.options.list(projectId),
      links: this.options.links(projectId),
      threads: this.comments.listThreads(projectId),
      comments: this.comments.listComments(projectId),
      votes: this.votes.list(projectId),
      ballots: this.votes.ballots(projectId),
      tallies: this.votes.tallies(projectId),
      revisions: this.revisions.list(projectId),
      answers: this.revisions.answers(projectId),
      approvals: this.agreements.approvals(projectId),
      quorum: this.agreements.quorum(projectId),
      agreements: this.agreements.agreements(projectId),
      reopens: this.agreements.reopens(projectId),
      moderation: this.moderation.list(projectId),
      privatePeriod: this.privates.running(projectId),
      proxyEntries: this.proxy.entries(projectId),
      paper: this.proxy.paper(projectId),
      tasks: {
        tasks: this.tasks.list(projectId), events: this.tasks.events(projectId),
        photos: this.tasks.photos(projectId), acceptances: this.tasks.acceptances(projectId),
      },
    }
  }

  /**
   * The state as `viewer` sees it; without one, as nobody in particular (a private period's items
   * withheld, no hidden item, numbers masked). The CSVs and the report ask with documentFor(viewer).
   */
  stateFor(projectId: string, viewer: Viewer = PUBLIC_VIEWER): ParticipationState {
    return viewFor(this.load(projectId), viewer)
  }
}
