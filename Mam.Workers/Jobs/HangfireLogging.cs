using Hangfire.AspNetCore;
using Hangfire.Logging;
using Microsoft.Extensions.Logging;

namespace Mam.Workers.Jobs;

/// <summary>Hangfire logs through one provider per process (static state), set by the host that
/// configured it last. In a process with several hosts — the tests — that host may be gone while
/// another still runs; its logger factory is then disposed, and Hangfire would fail creating a
/// component for want of a logger. Such log lines are dropped instead.</summary>
internal sealed class HangfireLogging(ILoggerFactory loggerFactory) : ILogProvider
{
    private readonly AspNetCoreLogProvider _host = new(loggerFactory);

    public ILog GetLogger(string name)
    {
        try
        {
            return _host.GetLogger(name);
        }
        catch (ObjectDisposedException)
        {
            return Dropped.Instance;
        }
    }

    private sealed class Dropped : ILog
    {
        public static readonly Dropped Instance = new();

        public bool Log(Hangfire.Logging.LogLevel logLevel, Func<string>? messageFunc, Exception? exception = null) => false;
    }
}
