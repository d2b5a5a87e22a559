namespace Mam.Media.Analysis.Shots;

/// <summary>A shot from one cut to the next. <see cref="CutScore"/> is scdet's score for the cut that
/// starts it (null for the first shot, which starts with the clip).</summary>
public sealed record Shot(int Number, double Start, double End, double? CutScore)
{
    public double Middle => (Start + End) / 2;

    public bool Contains(double seconds) => seconds >= Start && seconds < End;
}
