using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Mam.Storage.S3;

/// <summary>Section "Storage:S3:Tiers": the storage class each kind of object is written in, and when
/// originals move to a colder class. Objects are told apart by their keys (<see cref="ObjectKeys"/>):
/// originals under projects/, proxies under renditions/{asset}/proxy/, other renditions beside them.</summary>
public sealed class S3TiersOptions
{
    public S3TierOptions Originals { get; set; } = new();

    /// <summary>Played in the browser: keep them in a class that is read at once (the default).</summary>
    public S3TierOptions Proxies { get; set; } = new();

    /// <summary>Posters, filmstrips, waveforms.</summary>
    public S3TierOptions Renditions { get; set; } = new();

    /// <summary>Every problem with the tiers' settings, in words; <paramref name="section"/> is where they
    /// were read from, <paramref name="defaultClass"/> the class objects get without a tier's own.</summary>
    public IEnumerable<string> Problems(string section, string? defaultClass)
    {
        foreach (var problem in Originals.Problems($"{section}:Originals", defaultClass, transitions: true))
        {
            yield return problem;
        }
        foreach (var problem in Proxies.Problems($"{section}:Proxies", defaultClass, transitions: false))
        {
            yield return problem;
        }
        foreach (var problem in Renditions.Problems($"{section}:Renditions", defaultClass, transitions: false))
        {
            yield return problem;
        }
    }
}

/// <summary>One kind of object: the class it is written in, and (originals only) a lifecycle
/// transition to another class after a number of days.</summary>
public sealed class S3TierOptions
{
    /// <summary>Empty: Storage:S3:StorageClass, or the store's default.</summary>
    public string? StorageClass { get; set; }

    /// <summary>Days after upload at which the store moves the object to <see cref="TransitionTo"/>.</summary>
    public int? TransitionAfterDays { get; set; }

    /// <summary>The colder class (AWS: STANDARD_IA, GLACIER_IR, GLACIER, DEEP_ARCHIVE; RGW: a class of its placement).</summary>
    public string? TransitionTo { get; set; }

    public bool HasTransition => TransitionAfterDays is not null || !string.IsNullOrWhiteSpace(TransitionTo);

    internal IEnumerable<string> Problems(string section, string? defaultClass, bool transitions)
    {
        if (!S3StorageClassNames.IsValid(StorageClass))
        {
            yield return S3StorageClassNames.Problem($"{section}:StorageClass", StorageClass!);
        }
        if (!HasTransition)
        {
            yield break;
        }
        if (!transitions)
        {
            // Lifecycle rules pick objects by key prefix; every rendition kind sits under renditions/{asset}/,
            // so a rule for one kind would move proxies too.
            yield return $"{section}: only originals take a transition (TransitionAfterDays, TransitionTo): renditions of every kind share " +
                "the key prefix renditions/{asset}/, so a lifecycle rule cannot move one kind and leave proxies hot.";
            yield break;
        }
        if (TransitionAfterDays is not { } days || string.IsNullOrWhiteSpace(TransitionTo))
        {
            yield return $"{section}: a transition needs both TransitionAfterDays and TransitionTo.";
            yield break;
        }
        if (days is < 0 or > 36500)
        {
            yield return string.Create(CultureInfo.InvariantCulture, $"{section}:TransitionAfterDays is {days}; it is 0 to 36500 days after upload.");
        }
        if (!S3StorageClassNames.IsValid(TransitionTo))
        {
            yield return S3StorageClassNames.Problem($"{section}:TransitionTo", TransitionTo);
        }
        var written = string.IsNullOrWhiteSpace(StorageClass) ? defaultClass : StorageClass;
        if (string.Equals(TransitionTo, string.IsNullOrWhiteSpace(written) ? S3StorageClassNames.Standard : written, StringComparison.Ordinal))
        {
            yield return $"{section}:TransitionTo is {TransitionTo}, the class these objects are written in already; name a colder class.";
        }
    }
}

internal static partial class S3StorageClassNames
{
    public const string Standard = "STANDARD";

    /// <summary>S3 spells its classes in capitals, digits and underscores (STANDARD_IA, DEEP_ARCHIVE);
    /// RGW's placement classes follow the same habit. A lowercase or spaced name is a typo the store
    /// would answer only at the first upload.</summary>
    public static bool IsValid(string? name) => string.IsNullOrWhiteSpace(name) || Pattern().IsMatch(name);

    public static string Problem(string setting, string name) =>
        $"{setting} '{name}' is not a storage class name: 1-64 capital letters, digits and underscores (STANDARD, STANDARD_IA, GLACIER, DEEP_ARCHIVE, or a class of the store's placement such as COLD).";

    [GeneratedRegex("^[A-Z][A-Z0-9_]{0,63}$")]
    private static partial Regex Pattern();
}
