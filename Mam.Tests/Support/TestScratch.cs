namespace Mam.Tests.Support;

/// <summary>Where tests keep their scratch files: $MAM_TEST_SCRATCH, else .data/tests in the
/// repository — on the disk sized for media, never /tmp (often a small tmpfs).</summary>
public static class TestScratch
{
    private static readonly Lazy<string> RootFolder = new(() =>
        Environment.GetEnvironmentVariable("MAM_TEST_SCRATCH") is { Length: > 0 } configured
            ? configured
            : Path.Combine(TestMedia.FindRepoRoot(), ".data", "tests"));

    public static string Root => RootFolder.Value;

    /// <summary>A path under <see cref="Root"/> (not created).</summary>
    public static string Combine(params string[] parts) => Path.Combine([Root, .. parts]);
}
