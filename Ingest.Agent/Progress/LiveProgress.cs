using Ingest.Agent.Offload;
using Spectre.Console;

namespace Ingest.Agent.Progress;

/// <summary>
/// The live view on a terminal: one bar per destination (copy, plus device re-read with
/// <c>--verify full</c>) with throughput and time remaining, and the source read.
/// </summary>
public sealed class LiveProgress : IOffloadProgress
{
    private readonly IAnsiConsole _console;
    private readonly ProgressContext _context;
    private readonly IReadOnlyList<string> _destinations;
    private readonly bool _verifiesCopies;
    private readonly Dictionary<string, ProgressTask> _tasks = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _copied = new(StringComparer.Ordinal);
    private readonly Dictionary<(string File, string Destination), long> _verified = [];
    private readonly Lock _gate = new();
    private ProgressTask? _source;

    public LiveProgress(IAnsiConsole console, ProgressContext context, IReadOnlyList<string> destinations, bool verifiesCopies)
    {
        _console = console;
        _context = context;
        _destinations = destinations;
        _verifiesCopies = verifiesCopies;
    }

    /// <summary>Runs <paramref name="work"/> with a live view on the real console.</summary>
    public static Task<T> RunAsync<T>(IReadOnlyList<string> destinations, bool verifiesCopies, Func<IOffloadProgress, Task<T>> work) =>
        RunAsync(AnsiConsole.Console, destinations, verifiesCopies, work);

    public static async Task<T> RunAsync<T>(IAnsiConsole console, IReadOnlyList<string> destinations, bool verifiesCopies, Func<IOffloadProgress, Task<T>> work)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(work);
        return await console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new TransferSpeedColumn(), new RemainingTimeColumn())
            .StartAsync(context => work(new LiveProgress(console, context, destinations, verifiesCopies)))
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
            _copied[relativePath] = _copied.GetValueOrDefault(relativePath) + bytes;
            _source?.Increment(bytes);
            foreach (var task in _tasks.Values)
            {
                task.Increment(bytes);
            }
        }
    }

    public void BytesVerified(string relativePath, string destinationRoot, long bytes)
    {
        lock (_gate)
        {
            if (_tasks.TryGetValue(destinationRoot, out var task))
            {
                _verified[(relativePath, destinationRoot)] = _verified.GetValueOrDefault((relativePath, destinationRoot)) + bytes;
                task.Increment(bytes);
            }
        }
    }

    public void FileFinished(OffloadedFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        lock (_gate)
        {
            // The bars were sized for the whole card. A file kept from an interrupted run (on every
            // destination or on some) is not copied or re-read there, and a file that failed part-way
            // is not copied further: take that work off the bars instead of counting it as done, so
            // they end at 100% and the speed and time left stay those of the work really done.
            var copied = _copied.Remove(file.RelativePath, out var bytes) ? bytes : 0;
            Shrink(_source, file.Size - copied);
            foreach (var (destination, task) in _tasks)
            {
                var verified = _verified.Remove((file.RelativePath, destination), out var reRead) ? reRead : 0;
                Shrink(task, (_verifiesCopies ? 2 * file.Size : file.Size) - copied - verified);
            }
        }

        if (!file.VerifiedEverywhere)
        {
            _console.MarkupLine($"[red]FAILED[/] {Markup.Escape(file.RelativePath)}");
        }
    }

    private static void Shrink(ProgressTask? task, long bytes)
    {
        if (task is null || bytes <= 0)
        {
            return;
        }

        var left = task.MaxValue - bytes;
        if (left > 0)
        {
            task.MaxValue = left;
        }
        else
        {
            // Everything on the card was kept: nothing to do is done.
            task.MaxValue = 1;
            task.Value = 1;
        }
    }

    public void Uploading(string relativePath, long size)
    {
    }
}
