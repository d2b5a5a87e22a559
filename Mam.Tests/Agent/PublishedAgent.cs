using System.Diagnostics;
using Mam.Tests.Support;

namespace Mam.Tests.Agent;

/// <summary>
/// The single-file builds infra/publish-agent.sh writes to .agent-builds/RID/. infra/test.sh (CI)
/// publishes them and sets MAM_TEST_AGENT_BUILDS: then a missing build fails the test. Run locally
/// without it, the tests look in the repository's .agent-builds and are ignored when it has none.
/// </summary>
public static class PublishedAgent
{
    public const string Variable = "MAM_TEST_AGENT_BUILDS";

    public static readonly IReadOnlyList<string> RuntimeIdentifiers = ["osx-arm64", "osx-x64", "linux-x64", "win-x64"];

    /// <summary>Set by infra/test.sh, where every build must exist.</summary>
    public static bool Required => !string.IsNullOrEmpty(Environment.GetEnvironmentVariable(Variable));

    public static string Folder => Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } folder
        ? folder
        : Path.Combine(TestMedia.FindRepoRoot(), ".agent-builds");

    public static string PathOf(string runtimeIdentifier) =>
        Path.Combine(Folder, runtimeIdentifier, runtimeIdentifier.StartsWith("win-", StringComparison.Ordinal) ? "ingest-agent.exe" : "ingest-agent");

    /// <summary>The build for <paramref name="runtimeIdentifier"/>; fails (CI) or ignores (locally) the test when it is absent.</summary>
    public static string Require(string runtimeIdentifier)
    {
        var path = PathOf(runtimeIdentifier);
        if (File.Exists(path))
        {
            return path;
        }

        var how = $"bash infra/publish-agent.sh {runtimeIdentifier}";
        if (Required)
        {
            Assert.Fail($"{path} is missing although {Variable} is set: infra/test.sh publishes it first ({how}); see the publish output above the tests.");
        }

        Assert.Ignore($"No published {runtimeIdentifier} agent at {path}: run `{how}` to test the single-file build (infra/test.sh does).");
        return path;
    }

    /// <summary>The linux-x64 build, ready to start: native libraries unpack into the test's own folder.</summary>
    public static ProcessStartInfo LinuxX64(TempFolder temp, string? workingDirectory = null)
    {
        ArgumentNullException.ThrowIfNull(temp);
        var start = new ProcessStartInfo(Require("linux-x64")) { WorkingDirectory = workingDirectory ?? temp.Path };
        start.Environment["DOTNET_BUNDLE_EXTRACT_BASE_DIR"] = temp.Combine("extracted");
        return start;
    }
}
