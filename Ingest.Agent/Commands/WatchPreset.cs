using System.Text.Json;

namespace Ingest.Agent.Commands;

/// <summary>
/// A saved offload preset for <c>watch</c> (JSON, camelCase): where each appearing card goes and how.
/// The API key is never stored in it: it comes from $MAM_API_KEY.
/// </summary>
public sealed class WatchPreset
{
    public IReadOnlyList<string> Destinations { get; init; } = [];

    public string? Project { get; init; }

    public string Verify { get; init; } = "full";

    public string Hash { get; init; } = "xxh64";

    public string? Api { get; init; }

    public string? Dit { get; init; }

    public static async Task<WatchPreset> LoadAsync(string path, CancellationToken cancellationToken)
    {
        var stream = File.OpenRead(path);
        await using (stream.ConfigureAwait(false))
        {
            var preset = await JsonSerializer.DeserializeAsync(stream, AgentJson.Default.WatchPreset, cancellationToken).ConfigureAwait(false)
                ?? throw new JsonException($"{path} is empty.");
            // The generated serializer does not enforce [Required]: {"destinations": null} arrives as null.
            if (preset.Destinations is not { Count: > 0 } || preset.Destinations.Any(string.IsNullOrWhiteSpace))
            {
                throw new InvalidDataException($"{path}: \"destinations\" must list at least one folder, and no empty one.");
            }

            return preset;
        }
    }

    /// <summary>The offload command line this preset stands for.</summary>
    public IReadOnlyList<string> OffloadArguments(string card, string? journal)
    {
        var args = new List<string> { "offload", card, "--verify", Verify, "--hash", Hash };
        foreach (var destination in Destinations)
        {
            args.AddRange(["--dest", destination]);
        }

        AddIfSet("--project", Project);
        AddIfSet("--api", Api);
        AddIfSet("--dit", Dit);
        AddIfSet("--journal", journal);
        return args;

        void AddIfSet(string name, string? value)
        {
            if (!string.IsNullOrWhiteSpace(value))
            {
                args.AddRange([name, value]);
            }
        }
    }
}
