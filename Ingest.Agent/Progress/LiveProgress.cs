using Ingest.Agent.Offload;
using Spectre.Console;

namespace Ingest.Agent.Progress;

/// <summary>
/// The live view on a terminal: one bar per destination (copy, plus device re-read with
/// <c>--verify full</c>) with throughput and time remaining, and the source read.
/// </summary>
public sealed class LiveProgress : IOffloadProgress
{
    private readonly ProgressContext _context;
    private readonly IReadOnlyList<string> _destinations;
    private readonly bool _verifiesCopies;
    private readonly Dictionary<string, ProgressTask> _tasks = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private ProgressTask? _source;

    public LiveProgress(ProgressContext context, IReadOnlyList<string> destinations, bool verifiesCopies)
    {
        _context = context;
        _destinations = destinations;
        _verifiesCopies = verifiesCopies;
    }

    /// <summary>Runs <paramref name="work"/> with a live view on the real console.</summary>
    public static async Task<T> RunAsync<T>(IReadOnlyList<string> destinations, bool verifiesCopies, Func<IOffloadProgress, Task<T>> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        return await AnsiConsole.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new TransferSpeedColumn(), new RemainingTimeColumn())
            .StartAsync(context => work(new LiveProgress(context, destinations, verifiesCopies)))
            .ConfigureAwait(false);
    }

    public void CardScanned(int fileCount, long totalBytes)
    {
        lock (_gate)
        {
            _source = _context.AddTask($"read card ({fileCount} files)", maxValue: Math.Max(1, totalBytes));
            foreach (var destination in _destinations)
            {
                _tasks[destination] = _context.AddTask(Markup.Escape(destination), maxValue: Math.Max(1, totalBytes * (_verifiesCopies ? 2 : 1)));
            }
        }
    }

    public void FileStarted(string relativePath, long size)
    {
    }

    public void BytesCopied(string relativePath, long bytes)
    {
        lock (_gate)
        {
            _source?.Increment(bytes);
            foreach (var task in _tasks.Values)
            {
                task.Increment(bytes);
            }
        }
    }

    public void BytesVerified(string destinationRoot, long bytes)
    {
        lock (_gate)
        {
            if (_tasks.TryGetValue(destinationRoot, out var task))
            {
                task.Increment(bytes);
            }
        }
    }

    public void FileFinished(OffloadedFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        if (!file.VerifiedEverywhere)
        {
            AnsiConsole.MarkupLine($"[red]FAILED[/] {Markup.Escape(file.RelativePath)}");
        }
    }

    public void Uploading(string relativePath, long size)
    {
    }
}
