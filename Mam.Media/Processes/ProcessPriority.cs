namespace Mam.Media.Processes;

/// <summary>
/// Tools started inside <see cref="Lower"/> run at a lower CPU priority (<c>nice -n 10</c>), so when
/// the cores are busy the work editors wait for first (the transcript they search) gets them first,
/// and the rest (proxies, waveforms, analysis) takes what is left — and all of it when nothing else runs.
/// An ambient scope rather than an argument: the stage runner knows the stage's priority, the tools
/// are started several calls deeper.
/// </summary>
public static class ProcessPriority
{
    /// <summary>The niceness tools of a lowered scope get: a clear step down, not starved (19).</summary>
    public const int LoweredNiceness = 10;

    private static readonly AsyncLocal<bool> Lowered = new();

    public static bool IsLowered => Lowered.Value;

    public static IDisposable Lower()
    {
        var previous = Lowered.Value;
        Lowered.Value = true;
        return new Restore(previous);
    }

    private sealed class Restore(bool previous) : IDisposable
    {
        public void Dispose() => Lowered.Value = previous;
    }
}
