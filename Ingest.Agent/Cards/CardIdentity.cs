using System.Text.RegularExpressions;

namespace Ingest.Agent.Cards;

/// <summary>
/// A camera card as the MAM knows it: the source folder's name, plus camera and roll when the name
/// follows ARRI's reel naming (camera letter, 3-digit reel, 'R', 3-character card id: A001R1AB).
/// </summary>
public sealed partial record CardIdentity(string Name, string? Camera, string? Roll)
{
    /// <summary>The camera layout recognised on the card (ARRI, Sony XAVC, Canon XF, RED, Blackmagic), if any.</summary>
    public string? Layout { get; init; }

    public static CardIdentity FromFolderName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var match = ArriReelName().Match(name);
        return match.Success
            ? new CardIdentity(name, match.Groups["camera"].Value, match.Groups["camera"].Value + match.Groups["reel"].Value)
            : new CardIdentity(name, null, null);
    }

    [GeneratedRegex("^(?<camera>[A-Z])(?<reel>[0-9]{3})R[0-9A-Z]{3}$", RegexOptions.CultureInvariant)]
    private static partial Regex ArriReelName();
}
