using System.Net.Http.Headers;
using Mam.Api.Security.SignIn;
using Mam.Api.Security.Tokens;
using Mam.Catalog;
using Mam.Catalog.Entities;
using Mam.Catalog.Entities.People;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Mam.Tests.Support;

/// <summary>The real Mam.Api on the embedded defaults, with its own data folder. With
/// <paramref name="realSocket"/> it listens on 127.0.0.1 so out-of-process clients (the agent) reach it.</summary>
public sealed class MamApiFactory(bool realSocket = false, IReadOnlyDictionary<string, string>? settings = null) : WebApplicationFactory<Program>
{
    private readonly TempFolder _data = new("api");

    public string DataDirectory => _data.Path;

    /// <summary>The first administrator's token, which the server wrote to its data folder at first start.</summary>
    public string AdminToken
    {
        get
        {
            _ = Services;
            if (realSocket)
            {
                _ = BaseUri;
            }
            return File.ReadAllText(FirstAdministrator.TokenPath(Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<Mam.Hosting.MamOptions>>().Value.DataDirectory)).Trim();
        }
    }

    public Uri BaseUri
    {
        get
        {
            if (!realSocket)
            {
                return Server.BaseAddress;
            }
            StartServer();
            var address = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            return new Uri(address);
        }
    }

    /// <summary>Signed in as the first administrator (every right on every project).</summary>
    public HttpClient CreateWriter() => WithToken(AdminToken);

    /// <summary>Also the administrator: reading needs a right too now.</summary>
    public HttpClient CreateReader() => CreateWriter();

    /// <summary>No credentials at all.</summary>
    public HttpClient CreateAnonymous() => realSocket ? new HttpClient { BaseAddress = BaseUri } : CreateClient(new() { AllowAutoRedirect = false });

    public HttpClient WithToken(string token)
    {
        var client = CreateAnonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>The password <see cref="AddPersonAsync"/> gives a person.</summary>
    public static string PasswordOf(string userName) => userName + "-long-password";

    /// <summary>Adds a person (password: <see cref="PasswordOf"/>) with these project roles; projects are made if missing.</summary>
    public async Task<Guid> AddPersonAsync(string userName, bool administrator = false, params (string Project, ProjectRole Role)[] roles)
    {
        await using var scope = Services.CreateAsyncScope();
        var people = scope.ServiceProvider.GetRequiredService<UserManager<Person>>();
        var person = await people.FindByNameAsync(userName);
        if (person is null)
        {
            person = new Person { Id = Guid.NewGuid(), UserName = userName, DisplayName = userName, IsAdministrator = administrator, CreatedAt = DateTime.UtcNow };
            var created = await people.CreateAsync(person, PasswordOf(userName));
            created.Succeeded.ShouldBeTrue(string.Join(" ", created.Errors.Select(e => e.Description)));
        }
        var db = scope.ServiceProvider.GetRequiredService<CatalogDbContext>();
        foreach (var (projectName, role) in roles)
        {
            var project = await db.Projects.SingleOrDefaultAsync(p => p.Name == projectName);
            if (project is null)
            {
                project = new Project { Id = Guid.NewGuid(), Name = projectName, CreatedAt = DateTime.UtcNow };
                db.Projects.Add(project);
            }
            db.ProjectMemberships.Add(new ProjectMembership { PersonId = person.Id, ProjectId = project.Id, Role = role });
        }
        await db.SaveChangesAsync();
        return person.Id;
    }

    /// <summary>Adds a person as <see cref="AddPersonAsync"/> does, and a token of theirs.</summary>
    public async Task<string> PersonTokenAsync(string userName, params (string Project, ProjectRole Role)[] roles)
    {
        var person = await AddPersonAsync(userName, false, roles);
        var (_, secret) = await Services.GetRequiredService<AccessTokens>().CreateAsync(person, "test", null, null, TimeSpan.FromDays(1), CancellationToken.None);
        return secret;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (realSocket)
        {
            UseKestrel(0);
        }
        builder.UseSetting("urls", "http://127.0.0.1:0");
        builder.UseSetting("Mam:DataDirectory", _data.Path);
        builder.UseSetting("Pipeline:ReconcileInterval", "00:00:01");
        builder.UseSetting("Pipeline:RepublishPendingAfter", "00:00:03");
        // Browser tests sign in once per test, from one address; the limit itself is tested with its own setting.
        builder.UseSetting("Security:SignInAttemptsPerMinute", "10000");
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            builder.UseSetting(key, value);
        }
        builder.ConfigureLogging(l => l.SetMinimumLevel(LogLevel.Warning));
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            _data.Dispose();
        }
    }
}
