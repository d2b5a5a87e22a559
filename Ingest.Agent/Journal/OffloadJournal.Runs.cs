using System.Diagnostics;

namespace Ingest.Agent.Journal;

/// <summary>One run as <c>status</c> shows it.</summary>
/// <param name="State">running, done, failed, or interrupted (marked running by a process that is gone).</param>
public sealed record JournalRun(long Id, string Kind, string State, string Source, string Destinations, long? FilesTotal, long FilesDone, string Updated, string? Message);

public sealed partial class OffloadJournal
{
    public async Task<IReadOnlyList<JournalRun>> RunsAsync(int limit, CancellationToken cancellationToken)
    {
        var runs = new List<JournalRun>();
        await using var command = Command(
            """
            SELECT r.id, r.kind, r.state, r.pid, r.source, r.destinations, r.files_total,
                   (SELECT COUNT(DISTINCT path) FROM copies c WHERE c.run_id = r.id), r.updated, r.message
            FROM runs r ORDER BY r.id DESC LIMIT $limit
            """,
            ("$limit", limit));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var state = reader.GetString(2);
            if (state == "running" && (reader.IsDBNull(3) || !IsAlive(reader.GetInt32(3))))
            {
                state = "interrupted";
            }

            runs.Add(new JournalRun(
                reader.GetInt64(0),
                reader.GetString(1),
                state,
                reader.GetString(4),
                reader.GetString(5),
                reader.IsDBNull(6) ? null : reader.GetInt64(6),
                reader.GetInt64(7),
                reader.GetString(8),
                reader.IsDBNull(9) ? null : reader.GetString(9)));
        }

        return runs;
    }

    private static bool IsAlive(int pid)
    {
        if (pid == Environment.ProcessId)
        {
            return true;
        }

        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
