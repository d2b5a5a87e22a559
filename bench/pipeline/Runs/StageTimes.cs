using Npgsql;

namespace Mam.Bench.Pipeline.Runs;

/// <summary>One stage across all assets of a run, as the catalog recorded it (PipelineStages
/// StartedAt/FinishedAt are written by whichever worker claimed the stage).</summary>
public sealed record StageTime(string Stage, int Done, int Skipped, int Failed, double MeanSeconds, double MaxSeconds, double TotalSeconds);

/// <summary>When the card was registered and when the last stage finished, by the server's clock.</summary>
public sealed record CatalogTimes(DateTime RegisteredAt, DateTime? LastFinishedAt, IReadOnlyList<StageTime> Stages)
{
    /// <summary>Sum of all stage durations: the work the workers did, however it overlapped.</summary>
    public double BusySeconds => Stages.Sum(s => s.TotalSeconds);

    public static async Task<CatalogTimes> ReadAsync(string connectionString, CancellationToken cancellationToken)
    {
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        await using (connection.ConfigureAwait(false))
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            var registeredAt = await ScalarTimeAsync(connection, "SELECT MIN(\"RegisteredAt\") FROM \"Cards\"", cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidOperationException("The catalog has no card.");

            var rows = new List<(string Stage, string Status, DateTime? Started, DateTime? Finished)>();
            var command = new NpgsqlCommand("SELECT \"Stage\", \"Status\", \"StartedAt\", \"FinishedAt\" FROM \"PipelineStages\"", connection);
            await using (command.ConfigureAwait(false))
            {
                var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                await using (reader.ConfigureAwait(false))
                {
                    while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                    {
                        rows.Add((reader.GetString(0), reader.GetString(1),
                            reader.IsDBNull(2) ? null : Utc(reader.GetDateTime(2)),
                            reader.IsDBNull(3) ? null : Utc(reader.GetDateTime(3))));
                    }
                }
            }

            // The pipeline's own order, not alphabetical.
            string[] order = ["Probe", "Proxy", "Transcribe", "Index"];
            var stages = rows.GroupBy(r => r.Stage, StringComparer.Ordinal)
                .OrderBy(g => Array.IndexOf(order, g.Key) is var i && i < 0 ? int.MaxValue : i)
                .Select(g =>
                {
                    var durations = g.Where(r => r.Started is not null && r.Finished is not null && r.Finished >= r.Started)
                        .Select(r => (r.Finished!.Value - r.Started!.Value).TotalSeconds).ToList();
                    return new StageTime(g.Key,
                        g.Count(r => r.Status == "Done"), g.Count(r => r.Status == "Skipped"), g.Count(r => r.Status == "Failed"),
                        durations.Count > 0 ? durations.Average() : 0, durations.Count > 0 ? durations.Max() : 0, durations.Sum());
                }).ToList();
            var last = rows.Where(r => r.Finished is not null).Select(r => r.Finished!.Value).DefaultIfEmpty().Max();
            return new CatalogTimes(registeredAt, last == default ? null : last, stages);
        }
    }

    private static async Task<DateTime?> ScalarTimeAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        var command = new NpgsqlCommand(sql, connection);
        await using (command.ConfigureAwait(false))
        {
            return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is DateTime value ? Utc(value) : null;
        }
    }

    // The catalog stores UTC; a column without time zone comes back Unspecified.
    private static DateTime Utc(DateTime value) => value.Kind == DateTimeKind.Utc ? value : DateTime.SpecifyKind(value, DateTimeKind.Utc);
}
