using Mam.Api.Hosting;
using Mam.Workers;

try
{
    var builder = WebApplication.CreateBuilder(args);
    builder.AddMamApi();

    var app = builder.Build();
    await app.UseMamApiAsync(app.Lifetime.ApplicationStopping);
    await app.RunAsync();
    return 0;
}
catch (Exception ex) when (StartRefusals.MessageOf(ex) is { } message && StartRefusals.IsOwnProcess(typeof(Program).Assembly))
{
    return StartRefusals.Report(message, Console.Error);
}

/// <summary>Entry point; public so tests can host the API with WebApplicationFactory.</summary>
public partial class Program;
