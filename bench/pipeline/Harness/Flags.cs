using System.Globalization;

namespace Mam.Bench.Harness;

/// <summary>`--name value` flags. Every flag a benchmark reads must be known up front, so a typo
/// stops the run instead of silently measuring the default configuration.</summary>
public sealed class Flags
{
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);

    private Flags()
    {
    }

    /// <exception cref="FormatException">An unknown flag, a flag without a value, or a stray word.</exception>
    public static Flags Parse(IReadOnlyList<string> args, IReadOnlyCollection<string> known)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(known);
        var flags = new Flags();
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal))
            {
                throw new FormatException($"Unexpected argument '{arg}'.");
            }
            var name = arg[2..];
            if (!known.Contains(name))
            {
                throw new FormatException($"Unknown flag '{arg}'.");
            }
            if (i + 1 >= args.Count || args[i + 1].StartsWith("--", StringComparison.Ordinal))
            {
                throw new FormatException($"Flag '{arg}' needs a value.");
            }
            flags._values[name] = args[++i];
        }
        return flags;
    }

    public string? Text(string name) => _values.GetValueOrDefault(name);

    public int WholeNumber(string name, int fallback, int min, int max)
    {
        if (!_values.TryGetValue(name, out var text))
        {
            return fallback;
        }
        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
        {
            throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"--{name} must be a whole number from {min} to {max}."));
        }
        return value;
    }

    public double Number(string name, double fallback, double min, double max)
    {
        if (!_values.TryGetValue(name, out var text))
        {
            return fallback;
        }
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
        {
            throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"--{name} must be a number from {min} to {max}."));
        }
        return value;
    }

    public IReadOnlyList<int> WholeNumbers(string name, IReadOnlyList<int> fallback, int min, int max)
    {
        if (!_values.TryGetValue(name, out var text))
        {
            return fallback;
        }
        var values = new List<int>();
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!int.TryParse(part, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
            {
                throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"--{name} takes comma-separated whole numbers from {min} to {max}."));
            }
            values.Add(value);
        }
        return values.Count > 0 ? values : throw new FormatException($"--{name} is empty.");
    }

    /// <summary>--work, or a new folder under the repository's data directory (<c>.data/bench</c>, as the
    /// embedded defaults keep theirs): on the disk sized for media, never /tmp, which is often a small
    /// tmpfs that a bench's generated footage fills.</summary>
    public string WorkFolder(string bench) =>
        Path.GetFullPath(Text("work") ?? Path.Combine(RepoPaths.Find().Root, ".data", "bench", $"{bench}-{Guid.NewGuid():N}"));
}
