namespace Mam.Catalog.Entities;

/// <summary>A pipeline stage's name as the catalog stores it ("Probe", "Proxy", "Waveform"…). A string,
/// not an enum: the stages are declared in the pipeline's registry (Mam.Workers), so adding one never
/// touches the catalog's schema, and a row for a stage this build no longer declares still loads.</summary>
public readonly record struct StageName
{
    public const int MaxLength = 40;

    public StageName(string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        if (value.Length > MaxLength || !value.All(char.IsAsciiLetterOrDigit))
        {
            throw new ArgumentException($"A stage name is up to {MaxLength} ASCII letters or digits; '{value}' is not.", nameof(value));
        }
        Value = value;
    }

    public string Value { get; }

    /// <summary>"probe", "index-dialogue": how the API and the pages show it.</summary>
    public string Slug => string.Concat(Value.Select((c, i) => i > 0 && char.IsUpper(c) ? "-" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));

    public override string ToString() => Value;
}
