using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Mam.Tests.Support;

/// <summary>A named stand-in for sign-in, until people and tokens exist (#12's access foundation): a
/// request carrying <see cref="Header"/> "id|name" arrives as that signed-in person, with the
/// NameIdentifier and Name claims ASP.NET Core Identity gives a principal.</summary>
internal static class SignedInPersonStandIn
{
    public const string Header = "X-Test-Person";

    public static void Install(IWebHostBuilder builder) =>
        builder.ConfigureServices(services => services.AddSingleton<IStartupFilter, Filter>());

    public static HttpRequestMessage As(this HttpRequestMessage request, string id, string name)
    {
        request.Headers.Add(Header, $"{id}|{name}");
        return request;
    }

    private sealed class Filter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((http, following) =>
            {
                if (http.Request.Headers[Header].ToString().Split('|') is [var id, var name])
                {
                    http.User = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, id), new Claim(ClaimTypes.Name, name)], "stand-in"));
                }
                return following(http);
            });
            next(app);
        };
    }
}
