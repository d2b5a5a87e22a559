using System.Reflection;
using Mam.Catalog.Upgrades;
using Mam.Media.Capabilities;
using Microsoft.Extensions.Options;

namespace Mam.Workers;

/// <summary>Reasons a host refuses to start that the operator can fix from the message alone: an ffmpeg
/// that lacks what the pipeline needs, a catalog that cannot be upgraded in place, a setting out of range.
/// The hosts print the message and exit non-zero instead of an unhandled-exception stack trace.</summary>
public static class StartRefusals
{
    public const int ExitCode = 1;

    /// <returns>What to tell the operator, or null when the exception is not such a refusal.</returns>
    public static string? MessageOf(Exception exception) => exception switch
    {
        FfmpegUnfitException or CatalogUpgradeException => exception.Message,
        OptionsValidationException options => string.Join(Environment.NewLine, options.Failures),
        // The host validates every options section before refusing, and throws them together when
        // more than one is wrong: the operator gets them all at once.
        AggregateException aggregate when aggregate.InnerExceptions.Select(MessageOf).ToList() is { Count: > 0 } messages && messages.TrueForAll(m => m is not null)
            => string.Join(Environment.NewLine, messages),
        _ => null,
    };

    /// <summary>True when <paramref name="program"/> is the process's entry point. Only then does the host
    /// turn a refusal into a message and an exit code; a test host embedding it (WebApplicationFactory)
    /// gets the exception itself.</summary>
    public static bool IsOwnProcess(Assembly program) => Assembly.GetEntryAssembly() == program;

    /// <summary>Writes the refusal where an operator starting the host by hand or from a service manager sees it.</summary>
    public static int Report(string message, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(error);
        error.WriteLine($"Not started: {message}");
        return ExitCode;
    }
}
