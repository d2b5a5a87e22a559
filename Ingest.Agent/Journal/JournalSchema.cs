namespace Ingest.Agent.Journal;

public sealed partial class OffloadJournal
{
    // WAL + synchronous=FULL: a committed row survives a power cut, and readers (status) never block the writer.
    private const string Schema = """
        PRAGMA journal_mode = WAL;
        PRAGMA synchronous = FULL;
        CREATE TABLE IF NOT EXISTS runs (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            kind TEXT NOT NULL,
            key TEXT NOT NULL,
            source TEXT NOT NULL,
            destinations TEXT NOT NULL,
            state TEXT NOT NULL,
            pid INTEGER,
            files_total INTEGER,
            bytes_total INTEGER,
            started TEXT NOT NULL,
            updated TEXT NOT NULL,
            finished TEXT,
            message TEXT);
        CREATE INDEX IF NOT EXISTS runs_key ON runs (kind, key);
        CREATE TABLE IF NOT EXISTS copies (
            run_id INTEGER NOT NULL,
            path TEXT NOT NULL,
            destination TEXT NOT NULL,
            size INTEGER NOT NULL,
            mtime INTEGER NOT NULL,
            hashes TEXT NOT NULL,
            PRIMARY KEY (run_id, path, destination));
        CREATE TABLE IF NOT EXISTS seals (
            run_id INTEGER NOT NULL,
            destination TEXT NOT NULL,
            mhl TEXT NOT NULL,
            PRIMARY KEY (run_id, destination));
        CREATE TABLE IF NOT EXISTS uploads (
            project TEXT NOT NULL,
            card TEXT NOT NULL,
            path TEXT NOT NULL,
            size INTEGER NOT NULL,
            xxh64 TEXT NOT NULL,
            upload_id TEXT,
            storage_key TEXT,
            state TEXT NOT NULL,
            PRIMARY KEY (project, card, path, size, xxh64));
        CREATE TABLE IF NOT EXISTS upload_parts (
            upload_id TEXT NOT NULL,
            number INTEGER NOT NULL,
            xxh64 TEXT NOT NULL,
            PRIMARY KEY (upload_id, number));
        """;
}
