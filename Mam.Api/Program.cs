using Mam.Api.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddMamApi();

var app = builder.Build();
await app.UseMamApiAsync(app.Lifetime.ApplicationStopping);
await app.RunAsync();

/// <summary>Entry point; public so tests can host the API with WebApplicationFactory.</summary>
public partial class Program;
