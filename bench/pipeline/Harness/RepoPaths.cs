namespace Mam.Bench.Harness;

/// <summary>Where the Release builds of the MAM live. Benchmarks run the binaries the solution build
/// produced; they never build anything themselves.</summary>
public sealed class RepoPaths
{
    private RepoPaths(string root) => Root = root;

    public string Root { get; }

    public string ApiDirectory => Path.Combine(Root, "Mam.Api", "bin", "Release", "net10.0");
    public string ApiDll => Path.Combine(ApiDirectory, "Mam.Api.dll");
    public string WorkersDll => Path.Combine(Root, "Mam.Workers", "bin", "Release", "net10.0", "Mam.Workers.dll");
    public string AgentDll => Path.Combine(Root, "Ingest.Agent", "bin", "Release", "net10.0", "ingest-agent.dll");

    public string Script(params string[] parts) => Path.Combine([Root, "infra", .. parts]);

    /// <summary>The folder holding Mam.sln, found by walking up from the benchmark's binaries.</summary>
    public static RepoPaths Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Mam.sln")))
            {
                return new RepoPaths(dir.FullName);
            }
        }
        throw new InvalidOperationException($"Mam.sln not found above {AppContext.BaseDirectory}.");
    }

    /// <exception cref="InvalidOperationException">A binary is missing: the Release build has not run.</exception>
    public static void RequireBuilt(params string[] dlls)
    {
        ArgumentNullException.ThrowIfNull(dlls);
        var missing = dlls.Where(d => !File.Exists(d)).ToList();
        if (missing.Count > 0)
        {
            throw new InvalidOperationException(
                $"Not built: {string.Join(", ", missing)}. Run `dotnet build Mam.sln -c Release` first.");
        }
    }
}
