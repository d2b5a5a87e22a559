using Mam.Media.Processes;
using Microsoft.Extensions.Logging;

namespace Mam.Bench.ProxyOverhead.Measuring;

/// <summary>ProcessRunner's logger, kept at Debug so it sees "Started {Tool} (pid) with {Arguments}":
/// the bare run replays exactly the arguments our code passed, so the comparison cannot drift from
/// what FfmpegRenditionMaker really runs.</summary>
public sealed class ArgumentsCapture : ILogger<ProcessRunner>
{
    private readonly List<IReadOnlyList<string>> _started = [];

    public IReadOnlyList<IReadOnlyList<string>> Started
    {
        get
        {
            lock (_started)
            {
                return [.. _started];
            }
        }
    }

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (state is not IReadOnlyList<KeyValuePair<string, object?>> fields)
        {
            return;
        }
        foreach (var (key, value) in fields)
        {
            if (key == "Arguments" && value is IEnumerable<string> arguments)
            {
                lock (_started)
                {
                    _started.Add(arguments.ToList());
                }
            }
        }
    }
}
