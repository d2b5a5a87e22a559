namespace Mam.Search;

/// <summary>Values of <see cref="SearchHit.Kind"/>.</summary>
public static class SearchHitKinds
{
    /// <summary>The clip's name, card or metadata matched; Start/End are null.</summary>
    public const string Asset = "asset";

    /// <summary>A time-coded segment (transcript phrase...) matched; Start/End are set.</summary>
    public const string Segment = "segment";
}
