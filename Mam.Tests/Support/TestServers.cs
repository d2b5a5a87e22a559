using System.Diagnostics;
using System.Globalization;
using Npgsql;

namespace Mam.Tests.Support;

/// <summary>The real RabbitMQ, PostgreSQL and Ceph RGW that infra/servers/start.sh runs on loopback
/// (infra/test.sh starts them and exports their settings). Each fixture gets its own database and
/// RabbitMQ virtual host, so tests never see each other's data.</summary>
public static class TestServers
{
    public static string? RabbitHost => Environment.GetEnvironmentVariable("MAM_TEST_RABBITMQ_HOST");
    public static string RabbitPort => Environment.GetEnvironmentVariable("MAM_TEST_RABBITMQ_PORT") ?? "5672";
    public static string RabbitUser => Environment.GetEnvironmentVariable("MAM_TEST_RABBITMQ_USER") ?? "guest";
    public static string RabbitPassword => Environment.GetEnvironmentVariable("MAM_TEST_RABBITMQ_PASSWORD") ?? "guest";
    public static string? Postgres => Environment.GetEnvironmentVariable("MAM_TEST_POSTGRES");
    public static string? S3Endpoint => Environment.GetEnvironmentVariable("MAM_TEST_S3_ENDPOINT");
    public static string? ServersDirectory => Environment.GetEnvironmentVariable("MAM_TEST_SERVERS_DIR");

    /// <summary>Skips the test when the servers were not started — except in CI, where that would
    /// hide a broken set-up, so it fails instead.</summary>
    public static void Require()
    {
        if (RabbitHost is not null && Postgres is not null && S3Endpoint is not null && ServersDirectory is not null)
        {
            return;
        }
        const string message = "The test servers are not running: start them with `eval \"$(bash infra/servers/start.sh)\"` (infra/test.sh does).";
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            Assert.Fail(message);
        }
        Assert.Ignore(message);
    }

    public static async Task<string> CreateDatabaseAsync()
    {
        var name = $"t{Guid.NewGuid():N}";
        // No pooling: a test that restarts the server would leave dead connections in the pool.
        await using (var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(Postgres) { Pooling = false }.ConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await command.ExecuteNonQueryAsync();
        }
        return new NpgsqlConnectionStringBuilder(Postgres) { Database = name }.ConnectionString;
    }

    /// <summary>Makes one database refuse (and drop) every connection, or accept them again, while
    /// the server and its other databases carry on: a store that is unreachable on its own.</summary>
    public static async Task AcceptConnectionsAsync(string connectionString, bool accept)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database!;
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(Postgres) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using (var alter = new NpgsqlCommand($"ALTER DATABASE \"{name}\" ALLOW_CONNECTIONS {(accept ? "true" : "false")}", connection))
        {
            await alter.ExecuteNonQueryAsync();
        }
        if (!accept)
        {
            await using var drop = new NpgsqlCommand("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = @name AND pid <> pg_backend_pid()", connection);
            drop.Parameters.AddWithValue("name", name);
            await drop.ExecuteNonQueryAsync();
        }
    }

    public static async Task<string> CreateVirtualHostAsync()
    {
        var vhost = $"t{Guid.NewGuid():N}";
        await RabbitCtlAsync($"add_vhost {vhost} && rabbitmqctl -q set_permissions -p {vhost} {RabbitUser} '.*' '.*' '.*'");
        return vhost;
    }

    public static Task StopRabbitMqAsync() => ScriptAsync("rabbitmq.sh", "stop");

    public static Task StartRabbitMqAsync() => ScriptAsync("rabbitmq.sh", "start");

    public static Task StopPostgresAsync() => ScriptAsync("postgres.sh", "stop");

    public static Task StartPostgresAsync() => ScriptAsync("postgres.sh", "start");

    private static Task RabbitCtlAsync(string command) =>
        BashAsync($"eval \"$(bash '{Script("rabbitmq.sh")}' env --dir '{ServersDirectory}')\" && rabbitmqctl -q {command}");

    private static Task ScriptAsync(string script, string verb) => BashAsync($"bash '{Script(script)}' {verb} --dir '{ServersDirectory}'");

    private static string Script(string name) => Path.Combine(TestMedia.FindRepoRoot(), "infra", "servers", name);

    private static async Task BashAsync(string command)
    {
        using var process = Process.Start(new ProcessStartInfo("bash", ["-c", command])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        var (stdout, stderr) = (await output, await error);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                $"`{command}` exited with {process.ExitCode}: {stderr}{stdout}"));
        }
    }
}
