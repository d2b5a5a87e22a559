using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Mam.Media.Processes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Mam.Media.Analysis.Vision;

/// <summary>@vladmandic/human in one long-lived Node process per worker (Mam.Workers/Vision/server.js):
/// the models load once, then frames go in as file paths and answers come back as JSON lines. A
/// sidecar that dies or hangs is started again for the next frame.</summary>
public sealed class NodeVisionEngine : IVisionEngine, IAsyncDisposable, IDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly ProcessRunner _runner;
    private readonly VisionOptions _options;
    private readonly ILogger<NodeVisionEngine> _logger;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private LineProcess? _sidecar;
    private long _nextId;

    public NodeVisionEngine(ProcessRunner runner, IOptions<VisionOptions> options, ILogger<NodeVisionEngine> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _runner = runner;
        _options = options.Value;
        _logger = logger;
    }

    public string Name => "human";

    /// <summary>What the sidecar said when its models were loaded (backend, versions), once started.</summary>
    public string? StartedWith { get; private set; }

    /// <summary>The running sidecar's process id; null before the first frame or after it stopped.</summary>
    public int? ProcessId => _sidecar is { HasExited: false } s ? s.Id : null;

    public async Task<VisionFrame> AnalyseAsync(string rgbFramePath, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rgbFramePath);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var sidecar = await RunningSidecarAsync(cancellationToken).ConfigureAwait(false);
            var id = ++_nextId;
            await sidecar.WriteLineAsync(JsonSerializer.Serialize(new Request(id, Path.GetFullPath(rgbFramePath)), Json), cancellationToken).ConfigureAwait(false);
            string line;
            try
            {
                line = await sidecar.ReadLineAsync(_options.FrameTimeout, cancellationToken).ConfigureAwait(false);
            }
            catch (ExternalProcessException)
            {
                await StopAsync().ConfigureAwait(false);
                throw;
            }
            Answer? answer;
            try
            {
                answer = JsonSerializer.Deserialize<Answer>(line, Json);
            }
            catch (JsonException ex)
            {
                await StopAsync().ConfigureAwait(false);
                throw new ExternalProcessException("node", null, $"The vision sidecar answered something that is not JSON ({Truncate(line)}); it was restarted.", ex);
            }
            if (answer is null)
            {
                throw new ExternalProcessException("node", null, $"The vision sidecar answered with an empty line for {rgbFramePath}.");
            }
            if (answer.Id != id)
            {
                await StopAsync().ConfigureAwait(false);
                throw new ExternalProcessException("node", null, string.Create(CultureInfo.InvariantCulture, $"The vision sidecar answered request {answer.Id} when {id} was asked; it was restarted."));
            }
            if (answer.Error is { } error)
            {
                throw new ExternalProcessException("node", null, $"The vision sidecar could not analyse {Path.GetFileName(rgbFramePath)}: {error}");
            }
            return new VisionFrame(
                (answer.Objects ?? []).Select(o => new SeenObject(o.Label, o.Score)).ToList(),
                (answer.Faces ?? []).Select(f => new SeenFace(f.Score)).ToList());
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        _gate.Dispose();
    }

    /// <summary>For hosts that dispose synchronously; stops the sidecar the same way.</summary>
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    private async Task<LineProcess> RunningSidecarAsync(CancellationToken cancellationToken)
    {
        if (_sidecar is { HasExited: false } running)
        {
            return running;
        }
        if (_sidecar is not null)
        {
            _logger.LogWarning("The vision sidecar (pid {Pid}) had stopped; starting it again. Its last output: {Output}", _sidecar.Id, _sidecar.StandardErrorTail);
            await StopAsync().ConfigureAwait(false);
        }

        var installation = VisionInstallation.Locate(_options);
        if (installation.Problem is { } problem)
        {
            throw new AnalysisUnavailableException(problem);
        }
        var sidecar = _runner.StartLineProcess(installation.NodePath, [installation.ScriptPath], installation.Directory, new Dictionary<string, string>
        {
            ["MAM_VISION_OBJECT_MIN_SCORE"] = _options.ObjectMinScore.ToString(CultureInfo.InvariantCulture),
            ["MAM_VISION_FACE_MIN_SCORE"] = _options.FaceMinScore.ToString(CultureInfo.InvariantCulture),
        });
        try
        {
            var first = await sidecar.ReadLineAsync(_options.StartTimeout, cancellationToken).ConfigureAwait(false);
            var ready = JsonSerializer.Deserialize<Ready>(first, Json);
            if (ready is not { IsReady: true })
            {
                throw new AnalysisUnavailableException(
                    $"The vision sidecar could not load its models: {ready?.Error ?? first}. Run \"npm ci\" in {installation.Directory}, or set Analysis:Vision:Enabled=false.");
            }
            StartedWith = first;
            _logger.LogInformation("Vision sidecar ready (pid {Pid}): {Ready}", sidecar.Id, first);
        }
        catch (Exception ex) when (ex is ExternalProcessException or JsonException)
        {
            var output = sidecar.StandardErrorTail;
            await sidecar.DisposeAsync().ConfigureAwait(false);
            throw new AnalysisUnavailableException($"The vision sidecar did not start: {ex.Message} {output}".Trim(), ex);
        }
        catch
        {
            await sidecar.DisposeAsync().ConfigureAwait(false);
            throw;
        }
        _sidecar = sidecar;
        return sidecar;
    }

    private async Task StopAsync()
    {
        if (_sidecar is { } sidecar)
        {
            _sidecar = null;
            await sidecar.DisposeAsync().ConfigureAwait(false);
        }
    }

    private static string Truncate(string text) => text.Length > 200 ? text[..200] + "…" : text;

    private sealed record Request(long Id, string Frame);

    private sealed record Ready([property: JsonPropertyName("ready")] bool IsReady, string? Error);

    private sealed record Answer(long? Id, string? Error, List<AnswerObject>? Objects, List<AnswerFace>? Faces);

    private sealed record AnswerObject(string Label, double Score);

    private sealed record AnswerFace(double Score);
}
