using Mam.Media;
using Mam.Media.Analysis;
using Mam.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Mam.Tests.Media.Analysis;

/// <summary>The analysis services as production registers them (AddMediaTools), with settings on top and
/// a data directory of their own, so sampled frames land in its work folder and nowhere shared.</summary>
internal sealed class AnalysisServices : IAsyncDisposable
{
    private readonly TempFolder _data = new("analysis-data");
    private readonly ServiceProvider _services;

    public AnalysisServices(IReadOnlyDictionary<string, string?>? settings = null)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Mam:DataDirectory"] = _data.Path })
            .AddInMemoryCollection(settings ?? new Dictionary<string, string?>())
            .Build();
        var services = new ServiceCollection();
        services.AddLogging(l => l.SetMinimumLevel(LogLevel.Warning));
        services.AddMediaTools(configuration);
        _services = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
    }

    public ClipAnalyser Analyser => Get<ClipAnalyser>();

    /// <summary>{Mam:DataDirectory}/work of these services.</summary>
    public string WorkDirectory => Path.Combine(_data.Path, "work");

    public T Get<T>() where T : notnull => _services.GetRequiredService<T>();

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        _data.Dispose();
    }
}
