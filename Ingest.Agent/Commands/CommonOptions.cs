using System.CommandLine;
using Ingest.Agent.Journal;

namespace Ingest.Agent.Commands;

/// <summary>Options several commands share: journal location and output mode.</summary>
internal sealed class CommonOptions
{
    public Option<string?> Journal { get; } = new("--journal") { Description = $"The resume journal (SQLite). Default: {OffloadJournal.DefaultPath}." };

    public Option<bool> Quiet { get; } = new("--quiet", "-q") { Description = "Print only problems and the final result line." };

    public Option<bool> Json { get; } = new("--json") { Description = "Machine-readable events and summary on stdout, one JSON object per line." };

    public void AddTo(Command command)
    {
        command.Options.Add(Journal);
        command.Options.Add(Quiet);
        command.Options.Add(Json);
    }

    public string JournalPath(ParseResult parseResult) =>
        parseResult.GetValue(Journal) is { Length: > 0 } path ? Path.GetFullPath(path) : OffloadJournal.DefaultPath;

    /// <summary>Live progress only when stdout is the real, unredirected terminal.</summary>
    public OutputMode Mode(ParseResult parseResult, TextWriter output) =>
        parseResult.GetValue(Json) ? OutputMode.Json
        : parseResult.GetValue(Quiet) ? OutputMode.Quiet
        : ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected ? OutputMode.Live
        : OutputMode.Lines;
}
