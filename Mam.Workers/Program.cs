using Mam.Hosting;
using Mam.Storage;
using Mam.Catalog;
using Mam.Media;
using Mam.Search;
using Mam.Workers.Messaging;
using Mam.Workers.Reindexing;
using Mam.Workers.Telemetry;
using Microsoft.Extensions.Hosting;

namespace Mam.Workers;

/// <summary>The workers as their own process. On the embedded defaults it shares the catalog and
/// store folder with Mam.Api and picks up pending work through the reconciler; with a broker
/// (RabbitMQ) several of these compete for messages. A named class rather than top-level
/// statements, so its Program does not collide with Mam.Api's in the tests. <c>reindex</c> as the first
/// argument runs <see cref="ReindexCommand"/> instead and exits.</summary>
public static class WorkerHost
{
    public static async Task<int> Main(string[] args)
    {
        if (ReindexCommand.IsRequested(args))
        {
            using var stop = new CancellationTokenSource();
            Console.CancelKeyPress += (_, e) =>
            {
                // Ctrl+C ends the run between batches; what is written stays written.
                e.Cancel = true;
                stop.Cancel();
            };
            return await ReindexCommand.RunAsync(args, Console.Out, Console.Error, stop.Token).ConfigureAwait(false);
        }

        // appsettings.json beside the program, whatever the working directory (dotnet run --project from the repository root).
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = args, ContentRootPath = AppContext.BaseDirectory });
        builder.Services.AddMamDataDirectory(builder.Configuration).AddCatalog(builder.Configuration).AddObjectStorage(builder.Configuration);
        builder.Services.AddMediaTools(builder.Configuration);
        builder.Services.AddMamSearch(builder.Configuration);
        builder.Services.AddMamWorkers(builder.Configuration);
        builder.Services.AddMamMessaging(builder.Configuration, hostWorkers: true);
        builder.Services.AddMamTelemetry(builder.Configuration, "mam-workers");

        try
        {
            using var host = builder.Build();
            host.Services.MakeDataDirectoryPrivate();
            await host.Services.MigrateCatalogAsync(CancellationToken.None).ConfigureAwait(false);
            await host.Services.EnsureSearchIndexAsync(CancellationToken.None).ConfigureAwait(false);
            await host.RunAsync().ConfigureAwait(false);
            return 0;
        }
        catch (Exception ex) when (StartRefusals.MessageOf(ex) is { } message)
        {
            return StartRefusals.Report(message, Console.Error);
        }
    }
}
