using Mam.Core;
using Mam.Core.Catalog;
using Mam.Core.Media;
using Mam.Core.Storage;
using Mam.Search;
using Mam.Workers;
using Mam.Workers.Messaging;

// The workers as their own process. On the embedded defaults it shares the catalog and store
// folder with Mam.Api and picks up work through the reconciler; with a broker (RabbitMQ, a later
// issue) several of these compete for messages.
var builder = Host.CreateApplicationBuilder(args);
builder.Services.AddMamCore(builder.Configuration);
builder.Services.AddMediaTools(builder.Configuration);
builder.Services.AddMamSearch(builder.Configuration);
builder.Services.AddMamWorkers(builder.Configuration);
builder.Services.AddMamMessaging(hostWorkers: true);

using var host = builder.Build();
await host.Services.MigrateCatalogAsync(CancellationToken.None);
await host.Services.EnsureSearchIndexAsync(CancellationToken.None);
await host.RunAsync();
