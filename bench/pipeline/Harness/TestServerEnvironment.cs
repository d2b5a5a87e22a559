using System.Diagnostics;
using Npgsql;

namespace Mam.Bench.Harness;

/// <summary>The RabbitMQ, PostgreSQL and Ceph RGW that `infra/servers/start.sh` runs on loopback,
/// read from the MAM_TEST_* variables it prints. Every benchmark run gets its own database, virtual
/// host and bucket, so runs never see each other's data.</summary>
public sealed class TestServerEnvironment
{
    private readonly RepoPaths _repo;

    private TestServerEnvironment(RepoPaths repo) => _repo = repo;

    public string? Postgres { get; } = Variable("MAM_TEST_POSTGRES");
    public string? RabbitHost { get; } = Variable("MAM_TEST_RABBITMQ_HOST");
    public string RabbitPort { get; } = Variable("MAM_TEST_RABBITMQ_PORT") ?? "5672";
    public string RabbitUser { get; } = Variable("MAM_TEST_RABBITMQ_USER") ?? "guest";
    public string RabbitPassword { get; } = Variable("MAM_TEST_RABBITMQ_PASSWORD") ?? "guest";
    public string? S3Endpoint { get; } = Variable("MAM_TEST_S3_ENDPOINT");
    public string S3Region { get; } = Variable("MAM_TEST_S3_REGION") ?? "us-east-1";
    public string S3AccessKey { get; } = Variable("MAM_TEST_S3_ACCESS_KEY") ?? "";
    public string S3SecretKey { get; } = Variable("MAM_TEST_S3_SECRET_KEY") ?? "";
    public string? ServersDirectory { get; } = Variable("MAM_TEST_SERVERS_DIR");

    public static TestServerEnvironment From(RepoPaths repo) => new(repo);

    public const string StartAdvice = "start them with `eval \"$(bash infra/servers/start.sh --base-port 17000)\"`";

    /// <exception cref="InvalidOperationException">A server the benchmark needs is not configured.</exception>
    public void RequirePostgres()
    {
        if (Postgres is null)
        {
            throw new InvalidOperationException($"MAM_TEST_POSTGRES is not set: {StartAdvice}.");
        }
    }

    /// <exception cref="InvalidOperationException">A server the benchmark needs is not configured.</exception>
    public void RequireAll()
    {
        if (Postgres is null || RabbitHost is null || S3Endpoint is null || ServersDirectory is null)
        {
            throw new InvalidOperationException($"The MAM_TEST_* server variables are not all set: {StartAdvice}.");
        }
    }

    /// <summary>The settings of the distributed deployment on these servers: PostgreSQL catalog, RabbitMQ bus,
    /// a new Ceph RGW bucket, the data directory and search file under <paramref name="folder"/>.</summary>
    public Dictionary<string, string> DistributedSettings(string folder, string database, string vhost) => new(StringComparer.Ordinal)
    {
        ["Mam:DataDirectory"] = Path.Combine(folder, "data"),
        ["Catalog:Provider"] = "Postgres",
        ["Catalog:ConnectionString"] = database,
        ["Messaging:Transport"] = "RabbitMq",
        ["Messaging:RabbitMq:Host"] = RabbitHost!,
        ["Messaging:RabbitMq:Port"] = RabbitPort,
        ["Messaging:RabbitMq:VirtualHost"] = vhost,
        ["Messaging:RabbitMq:Username"] = RabbitUser,
        ["Messaging:RabbitMq:Password"] = RabbitPassword,
        ["Storage:Provider"] = "S3",
        ["Storage:S3:ServiceUrl"] = S3Endpoint!,
        ["Storage:S3:Region"] = S3Region,
        ["Storage:S3:AccessKey"] = S3AccessKey,
        ["Storage:S3:SecretKey"] = S3SecretKey,
        ["Storage:S3:Bucket"] = $"bench{Guid.NewGuid():N}",
        ["Search:SqlitePath"] = Path.Combine(folder, "search.db"),
    };

    public async Task<string> CreateDatabaseAsync(string prefix, CancellationToken cancellationToken)
    {
        var name = $"{prefix}{Guid.NewGuid():N}";
        await AdminAsync($"CREATE DATABASE \"{name}\"", cancellationToken).ConfigureAwait(false);
        return new NpgsqlConnectionStringBuilder(Postgres) { Database = name }.ConnectionString;
    }

    public async Task DropDatabaseAsync(string connectionString, CancellationToken cancellationToken)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        NpgsqlConnection.ClearAllPools();
        await AdminAsync($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", cancellationToken).ConfigureAwait(false);
    }

    public async Task<string> CreateVirtualHostAsync(string prefix, CancellationToken cancellationToken)
    {
        var vhost = $"{prefix}{Guid.NewGuid():N}";
        await RabbitCtlAsync($"add_vhost {vhost} && rabbitmqctl -q set_permissions -p {vhost} {RabbitUser} '.*' '.*' '.*'", cancellationToken).ConfigureAwait(false);
        return vhost;
    }

    public Task DeleteVirtualHostAsync(string vhost, CancellationToken cancellationToken) =>
        RabbitCtlAsync($"delete_vhost {vhost}", cancellationToken);

    // No pooling: the admin connection must not hold the database a DROP … WITH (FORCE) ends.
    private async Task AdminAsync(string sql, CancellationToken cancellationToken)
    {
        var admin = new NpgsqlConnectionStringBuilder(Postgres) { Pooling = false }.ConnectionString;
        var connection = new NpgsqlConnection(admin);
        await using (connection.ConfigureAwait(false))
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            var command = new NpgsqlCommand(sql, connection);
            await using (command.ConfigureAwait(false))
            {
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task RabbitCtlAsync(string command, CancellationToken cancellationToken)
    {
        // rabbitmq.sh env gives the node's HOME, name and epmd port; without them rabbitmqctl
        // starts a stray epmd (infra/servers/README.md, "Traps").
        var script = $"eval \"$(bash '{_repo.Script("servers", "rabbitmq.sh")}' env --dir '{ServersDirectory}')\" && rabbitmqctl -q {command}";
        using var process = Process.Start(new ProcessStartInfo("bash", ["-c", script])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        }) ?? throw new InvalidOperationException("bash did not start.");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"rabbitmqctl {command} failed ({process.ExitCode}): {await error.ConfigureAwait(false)}{await output.ConfigureAwait(false)}");
        }
    }

    private static string? Variable(string name) => Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value : null;
}
