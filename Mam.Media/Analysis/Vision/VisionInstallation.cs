namespace Mam.Media.Analysis.Vision;

/// <summary>Where the vision sidecar lives and whether it can run: Node, the script, and the npm
/// packages with their models (installed with "npm ci" from the lockfile; never fetched at run time).</summary>
public sealed record VisionInstallation(string NodePath, string Directory, string? Problem)
{
    public const string ScriptName = "server.js";

    /// <summary>Files that "npm ci" puts in place; their absence means it was not run (or failed).</summary>
    private static readonly string[][] PackageFiles =
    [
        ["node_modules", "@vladmandic", "human", "dist", "human.node-wasm.js"],
        ["node_modules", "@vladmandic", "human", "models", "centernet.json"],
        ["node_modules", "@vladmandic", "human", "models", "blazeface.json"],
        ["node_modules", "@tensorflow", "tfjs-backend-wasm", "dist", "tfjs-backend-wasm.wasm"],
    ];

    public string ScriptPath => Path.Combine(Directory, ScriptName);

    public static VisionInstallation Locate(VisionOptions options, string? baseDirectory = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var directory = string.IsNullOrWhiteSpace(options.Directory)
            ? FindInSourceTree(baseDirectory ?? AppContext.BaseDirectory)
            : Path.GetFullPath(options.Directory);
        return new VisionInstallation(options.NodePath, directory, ProblemWith(options.NodePath, directory));
    }

    private static string? ProblemWith(string nodePath, string directory)
    {
        const string OrDisable = "or set Analysis:Vision:Enabled=false to analyse without objects and faces";
        if (!File.Exists(nodePath))
        {
            return $"Vision (objects and faces) needs Node.js, not found at {nodePath}: install it with apt-get install nodejs npm (infra/install-deps.sh), {OrDisable}.";
        }
        if (!File.Exists(Path.Combine(directory, ScriptName)))
        {
            return $"Vision (objects and faces): the sidecar script {Path.Combine(directory, ScriptName)} is missing: set Analysis:Vision:Directory to the folder holding server.js and package-lock.json (Mam.Workers/Vision in the source tree), {OrDisable}.";
        }
        var missing = PackageFiles.Select(parts => Path.Combine([directory, .. parts])).FirstOrDefault(p => !File.Exists(p));
        return missing is null
            ? null
            : $"Vision (objects and faces) is not installed: {missing} is missing. Run \"npm ci\" in {directory} (infra/install-deps.sh does it), {OrDisable}.";
    }

    /// <summary>Mam.Workers/Vision in the first folder above the binaries that has one: the service runs
    /// from its build output in the source tree (demo, tests, a simple install).</summary>
    private static string FindInSourceTree(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "Mam.Workers", "Vision");
            if (File.Exists(Path.Combine(candidate, ScriptName)))
            {
                return candidate;
            }
            var beside = Path.Combine(dir.FullName, "Vision");
            if (File.Exists(Path.Combine(beside, ScriptName)) && File.Exists(Path.Combine(beside, "package-lock.json")))
            {
                return beside;
            }
        }
        return Path.Combine(start, "Vision");
    }
}
