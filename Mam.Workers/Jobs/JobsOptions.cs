using System.ComponentModel.DataAnnotations;

namespace Mam.Workers.Jobs;

/// <summary>Section "Jobs": Hangfire, which runs every background job that is not a per-clip stage
/// (the pipeline reconciler, search re-indexes). Its store follows <c>Catalog:Provider</c>: tables in a schema of
/// the PostgreSQL catalog database, or the file jobs.db beside the embedded SQLite catalog.</summary>
public sealed class JobsOptions
{
    public const string Section = "Jobs";

    /// <summary>PostgreSQL only. Defaults to <c>Catalog:ConnectionString</c>: one database holds the
    /// catalog and, in <see cref="Schema"/>, the job store.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>PostgreSQL only: the schema Hangfire's tables live in, apart from the catalog's.</summary>
    [RegularExpression("^[a-z_][a-z0-9_]{0,62}$", ErrorMessage = "Jobs:Schema must be a lower-case PostgreSQL identifier, e.g. hangfire.")]
    public string Schema { get; set; } = "hangfire";

    /// <summary>Embedded default: the SQLite file. Defaults to {Mam:DataDirectory}/jobs.db.</summary>
    public string? SqlitePath { get; set; }

    /// <summary>Jobs this process runs at once.</summary>
    [Range(1, 20)]
    public int WorkerCount { get; set; } = 2;

    /// <summary>PostgreSQL only: how long a job fetched by a host that then died (killed, lost its
    /// machine) waits before another host runs it again. A live host keeps its jobs however long they run.</summary>
    [Range(typeof(TimeSpan), "00:00:05", "01:00:00")]
    public TimeSpan InvisibilityTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How often an idle server looks for due and queued jobs, and how often an unreachable
    /// job store is tried again.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:01:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);
}
