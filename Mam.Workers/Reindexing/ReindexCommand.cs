using Mam.Catalog;
using Mam.Hosting;
using Mam.Search;
using Mam.Search.Elasticsearch;
using Mam.Storage;
using Mam.Workers.Pipeline;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Mam.Workers.Reindexing;

/// <summary><c>dotnet Mam.Workers.dll reindex [--project NAME] [settings…]</c>: fills the configured
/// search index from the catalog, printing a progress line per batch. Settings are the workers' own
/// (appsettings.json, environment variables such as Search__Provider, or --Search:Provider=Elasticsearch).</summary>
public static class ReindexCommand
{
    public const string Name = "reindex";

    public const string Usage = """
        Usage: Mam.Workers reindex [--project NAME] [--Section:Key=value ...]
          Writes every clip of the catalog (or of project NAME) into the configured search index again,
          e.g. after configuring an Elasticsearch cluster or a new index. Safe to run while the MAM runs,
          and to run again after a stop.
        """;

    public static bool IsRequested(IReadOnlyList<string> args) =>
        args.Count > 0 && string.Equals(args[0], Name, StringComparison.OrdinalIgnoreCase);

    /// <returns>0 when every clip was written; 1 when the run stopped or clips were refused; 2 for a usage error.</returns>
    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        if (!TryParse(args, out var project, out var settings, out var problem))
        {
            await error.WriteLineAsync(problem is null ? Usage : $"reindex: {problem}\n{Usage}").ConfigureAwait(false);
            return problem is null ? 0 : 2;
        }

        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = settings, ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddMamDataDirectory(builder.Configuration).AddCatalog(builder.Configuration).AddObjectStorage(builder.Configuration);
        builder.Services.AddMamSearch(builder.Configuration);
        builder.Services.AddSearchReindex();
        using var host = builder.Build();
        try
        {
            await ExistingCatalog.RequireAsync(host.Services, cancellationToken).ConfigureAwait(false);
            host.Services.MakeDataDirectoryPrivate();
            var reindex = host.Services.GetRequiredService<SearchReindex>();
            var plan = await reindex.PlanAsync(project, cancellationToken).ConfigureAwait(false);
            await output.WriteLineAsync(
                $"reindex: {plan.AssetIds.Count} clips {(plan.Project is null ? "in the catalog" : $"in project '{plan.Project}'")} into {Target(host.Services)}")
                .ConfigureAwait(false);
            var final = await reindex.RunAsync(plan, new ProgressLines(output), cancellationToken).ConfigureAwait(false);
            foreach (var refused in final.Refused)
            {
                await error.WriteLineAsync($"reindex: refused {refused}").ConfigureAwait(false);
            }

            await output.WriteLineAsync($"reindex: done, {final}").ConfigureAwait(false);
            return final.Refused.Count == 0 ? 0 : 1;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await error.WriteLineAsync("reindex: cancelled. Clips written so far stay indexed; run the command again to finish.").ConfigureAwait(false);
            return 1;
        }
        catch (ReindexRefusedException e)
        {
            await error.WriteLineAsync($"reindex: {e.Message}").ConfigureAwait(false);
            return 1;
        }
        catch (Exception e) when (StartRefusals.MessageOf(e) is { } message)
        {
            await error.WriteLineAsync($"reindex: {message}").ConfigureAwait(false);
            return 1;
        }
        catch (Exception e) when (e is SearchUnavailableException || TransientFailures.IsTransient(e))
        {
            await error.WriteLineAsync($"reindex: stopped: {e.Message} Clips written so far stay indexed; run the command again to finish.")
                .ConfigureAwait(false);
            return 1;
        }
        catch (InvalidOperationException e)
        {
            // A setting the configuration binder cannot convert (Search:Provider=Elastic, say).
            await error.WriteLineAsync($"reindex: {e.Message}").ConfigureAwait(false);
            return 1;
        }
    }

    private static bool TryParse(IReadOnlyList<string> args, out string? project, out string[] settings, out string? problem)
    {
        project = null;
        problem = null;
        var rest = new List<string>();
        for (var i = 1; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg is "--help" or "-h")
            {
                settings = [];
                return false;
            }

            if (arg == "--project" || arg.StartsWith("--project=", StringComparison.Ordinal))
            {
                // A blank name is a mistake (an unset shell variable), never "every clip".
                project = arg == "--project" ? (i + 1 < args.Count ? args[++i] : null) : arg["--project=".Length..];
                if (string.IsNullOrWhiteSpace(project))
                {
                    (settings, problem) = ([], "--project needs a project name.");
                    return false;
                }
            }
            else if (arg.StartsWith("--", StringComparison.Ordinal) && arg.Contains(':', StringComparison.Ordinal) && arg.Contains('=', StringComparison.Ordinal))
            {
                rest.Add(arg);
            }
            else
            {
                (settings, problem) = ([], $"unknown argument '{arg}'.");
                return false;
            }
        }

        settings = [.. rest];
        return true;
    }

    private static string Target(IServiceProvider services)
    {
        var search = services.GetRequiredService<IOptions<SearchOptions>>().Value;
        if (search.Provider != SearchProvider.Elasticsearch)
        {
            return $"the SQLite FTS5 index {search.SqlitePath}";
        }

        var elasticsearch = services.GetRequiredService<IOptions<ElasticsearchOptions>>().Value;
        return $"Elasticsearch index '{elasticsearch.Index}' at {elasticsearch.Url}";
    }

    /// <summary>Writes each report as it comes (Progress&lt;T&gt; would post lines to the thread pool, out of order).</summary>
    private sealed class ProgressLines(TextWriter output) : IProgress<ReindexProgress>
    {
        public void Report(ReindexProgress value) => output.WriteLine($"reindex: {value}");
    }
}
