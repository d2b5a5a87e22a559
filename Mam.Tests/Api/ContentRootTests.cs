using Mam.Tests.Agent;
using Mam.Tests.Support;
using Mam.Tests.Telemetry;

namespace Mam.Tests.Api;

/// <summary>Started from the repository root as README shows, the API once ignored appsettings.json (the
/// working directory was its content root): it listened on localhost:5000 and logged every SQL command and
/// every request URL with its query string. Its settings now come from beside the program.</summary>
[TestFixture]
public sealed class ContentRootTests : TempFolderTest
{
    [Test]
    public async Task ApiStartedFromAnotherFolder_ListensWhereItsSettingsSayAndLogsNeitherSqlNorQueryStrings()
    {
        // A settings file of this test's own beside the program (only there: the working directory is elsewhere).
        var environment = $"ContentRootTest{Guid.NewGuid():N}";
        var programFolder = Path.GetDirectoryName(WorkerProcess.DllOf("Mam.Api"))!;
        var settingsFile = Path.Combine(programFolder, $"appsettings.{environment}.json");
        var port = RestartableApi.FreePort();
        await File.WriteAllTextAsync(settingsFile, $$"""{ "Urls": "http://127.0.0.1:{{port}}" }""");
        var elsewhere = Temp.Combine("elsewhere");
        Directory.CreateDirectory(elsewhere);
        try
        {
            using var api = new WorkerProcess(new Dictionary<string, string>
            {
                ["DOTNET_ENVIRONMENT"] = environment,
                ["Mam:DataDirectory"] = Temp.Combine("data"),
            }, "Mam.Api", workingDirectory: elsewhere);
            using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            await ApiProcessTelemetryTests.WaitUntilReadyAsync(api, client);

            client.DefaultRequestHeaders.Authorization = new("Bearer", (await File.ReadAllTextAsync(Mam.Api.Security.SignIn.FirstAdministrator.TokenPath(Temp.Combine("data")))).Trim());
            (await client.GetAsync("/api/search?q=confidentialword")).IsSuccessStatusCode.ShouldBeTrue();
            await api.StopGracefullyAsync(TimeSpan.FromSeconds(60));

            api.Output.ShouldContain($"Content root path: {programFolder}");
            api.Output.ShouldNotContain("Executed DbCommand", customMessage: "appsettings.json sets Microsoft.EntityFrameworkCore to Warning");
            api.Output.ShouldNotContain("confidentialword", customMessage: "a request URL's query string is never logged");
            File.Exists(Path.Combine(elsewhere, ".data", "catalog.db")).ShouldBeFalse();
        }
        finally
        {
            File.Delete(settingsFile);
        }
    }
}
