using Mam.Api.Hosting;
using Mam.Workers;

try
{
    // The settings beside the program, wherever it is started from (README starts it from the repository
    // root with dotnet run --project Mam.Api, where the working directory has no appsettings.json).
    var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
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
