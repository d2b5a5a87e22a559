using Mam.Media.Analysis;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Mam.Workers.Stages.Analysis;

/// <summary>Says at start-up, once and in plain words, when this worker cannot analyse clips (Node, the
/// vision packages or tesseract missing). The analysis stage then fails fast with the same message.</summary>
public sealed class AnalysisStartupCheck(AnalysisReadiness readiness, ILogger<AnalysisStartupCheck> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var problems = readiness.Problems();
        if (problems.Count == 0)
        {
            logger.LogInformation("Clip analysis ready: {What}", readiness.Describe());
        }
        foreach (var problem in problems)
        {
            logger.LogError("Clip analysis cannot run on this worker: {Problem}", problem);
        }
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
