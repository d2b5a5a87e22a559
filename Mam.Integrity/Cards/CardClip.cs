namespace Mam.Integrity.Cards;

/// <summary>A clip on a camera card and every file that belongs to it.</summary>
/// <param name="Name">What the camera calls the clip: A001C001_261121_R1AB, C0001, A004_C001 (a RED clip
/// spanned over several .R3D files), AA0001 (a Canon XF clip folder).</param>
/// <param name="Essence">The media file the pipeline opens: the clip's first span, video before audio.</param>
/// <param name="Parts">Further media of the same clip: the other spans of a RED clip, the frames after the
/// first of a CinemaDNG clip, a WAV recorded beside the movie.</param>
/// <param name="Sidecars">Metadata written for the clip: camera XML, RED .RMD/.RTN, Sony's C0001M01.XML.</param>
public sealed record CardClip(string Name, string Essence, IReadOnlyList<string> Parts, IReadOnlyList<string> Sidecars)
{
    /// <summary>Every file of the clip, in path order.</summary>
    public IReadOnlyList<string> Files { get; } = [.. new[] { Essence }.Concat(Parts).Concat(Sidecars).Order(StringComparer.Ordinal)];
}
