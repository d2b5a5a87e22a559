using System.ComponentModel.DataAnnotations;

namespace Mam.Workers.Fixity;

/// <summary>Section "Fixity": how stored originals are re-read against their on-set hashes.</summary>
public sealed class FixityOptions
{
    public const string Section = "Fixity";

    /// <summary>When the scheduled audit of every project runs: a cron expression (UTC). Each run checks
    /// the never-checked and oldest-checked copies first, within the budget below, so a large archive is
    /// covered over successive runs.</summary>
    [Required]
    public string Schedule { get; set; } = "0 2 * * *";

    /// <summary>At most this many copies per run (the plan is kept in the catalog, so at most 100,000).</summary>
    [Range(1, 100_000)]
    public int FilesPerRun { get; set; } = 10_000;

    /// <summary>At most this many GiB read per run (the oldest-first part; the sample comes on top).</summary>
    [Range(0.001, 1_000_000)]
    public double GiBPerRun { get; set; } = 500;

    /// <summary>Also check this share (%) of the other copies, picked at random, so rot in recently
    /// checked files is not left for a whole cycle.</summary>
    [Range(0, 100)]
    public double SamplePercent { get; set; } = 1;

    /// <summary>Reading budget in MiB/s, so an audit leaves bandwidth to people and the pipeline; 0 = no limit.</summary>
    [Range(0, 100_000)]
    public double MaxMiBPerSecond { get; set; }

    /// <summary>Copies re-read at once when there is no reading budget (MaxMiBPerSecond 0): one stream
    /// from an object store rarely fills the link, and the audit otherwise reads slower than a plain
    /// download of the same objects. With a budget they are read one at a time, within it.</summary>
    [Range(1, 16)]
    public int ParallelReads { get; set; } = 4;

    /// <summary>How many copies (on set, in stores, restored) a file should have: the copies view lists
    /// files below it. The 3-2-1 rule's 3.</summary>
    [Range(1, 10)]
    public int MinimumCopies { get; set; } = 3;

    internal long BytesPerRun => (long)(GiBPerRun * 1024 * 1024 * 1024);
}
