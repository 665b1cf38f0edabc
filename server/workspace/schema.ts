/**
 * The workspace tables (镇/街道工作区: a town's overview above its projects, and its needs and resources
 * lists), in the same SQLite file, with their own schema version in `workspace_schema`. Append only:
 * entry N takes version N-1 to N in one transaction (server/storage/migrate.ts).
 *
 * A project belongs to at most one workspace (workspace_projects.project_id is the key). Links keep
 * only the SHA-256 of their token, as role links do. List entries are never deleted, only marked
 * removed, and a match of a need to a resource outlives a detach: it counts again if the project
 * comes back (the overview joins on the current membership).
 */
import type { SqlDb } from '../storage/sql/SqlDb.js'
import { migrateTables } from '../storage/migrate.js'

const MIGRATIONS: readonly string[] = [
  '',
  `
  CREATE TABLE workspaces (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL, overdue_days INTEGER NOT NULL, created_at INTEGER NOT NULL
  ) STRICT;
  CREATE TABLE workspace_links (
    id TEXT PRIMARY KEY,
    workspace_id TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
    role TEXT NOT NULL CHECK (role IN ('manager', 'board')),
    token_hash TEXT NOT NULL UNIQUE, created_at INTEGER NOT NULL, revoked_at INTEGER
  ) STRICT;
  CREATE INDEX workspace_links_by_workspace ON workspace_links(workspace_id);
  CREATE TABLE workspace_projects (
    project_id TEXT PRIMARY KEY REFERENCES projects(id) ON DELETE CASCADE,
    workspace_id TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
    attached_at INTEGER NOT NULL, how TEXT NOT NULL CHECK (how IN ('created', 'attached'))
  ) STRICT;
  CREATE INDEX workspace_projects_by_workspace ON workspace_projects(workspace_id, attached_at);
  CREATE TABLE workspace_entries (
    id TEXT PRIMARY KEY,
    workspace_id TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
    side TEXT NOT NULL CHECK (side IN ('need', 'resource')), kind TEXT,
    name TEXT NOT NULL, description TEXT NOT NULL, amount TEXT NOT NULL, contact TEXT NOT NULL, community TEXT NOT NULL,
    created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL, removed_at INTEGER
  ) STRICT;
  CREATE INDEX workspace_entries_by_workspace ON workspace_entries(workspace_id, created_at);
  CREATE TABLE need_resources (
    need_id TEXT NOT NULL REFERENCES needs(id) ON DELETE CASCADE,
    resource_id TEXT NOT NULL REFERENCES workspace_entries(id) ON DELETE CASCADE,
    project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    by_name TEXT NOT NULL, at INTEGER NOT NULL,
    PRIMARY KEY (need_id, resource_id)
  ) STRICT;
  CREATE INDEX need_resources_by_resource ON need_resources(resource_id);
  CREATE INDEX need_resources_by_project ON need_resources(project_id);
  `,
]

export function migrateWorkspaces(db: SqlDb): void {
  migrateTables(db, { name: 'workspace', versionAt: { table: 'workspace_schema' }, steps: MIGRATIONS }, db.name)
}
