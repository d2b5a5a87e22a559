using System.Threading.RateLimiting;
using Mam.Api.Problems;
using Mam.Api.Security.Authentication;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Mam.Api.Security.SignIn;

/// <summary>Sign-in attempts per client address per minute; with Identity's per-person lockout this
/// stops both guessing one person's password and spraying one password over many people.</summary>
public static class SignInRateLimit
{
    public const string Policy = "sign-in";

    public static IServiceCollection AddSignInRateLimit(this IServiceCollection services) =>
        services.AddRateLimiter(o =>
        {
            o.AddPolicy(Policy, context =>
            {
                var limit = context.RequestServices.GetRequiredService<IOptions<AccessOptions>>().Value.SignInAttemptsPerMinute;
                return RateLimitPartition.GetFixedWindowLimiter(context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = limit, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 });
            });
            o.OnRejected = (context, cancellationToken) =>
            {
                context.HttpContext.Response.Headers.RetryAfter = "60";
                return new ValueTask(ApiProblems.Make("too-many-sign-ins", "Too many sign-in attempts.",
                    "This address tried to sign in too often; wait a minute and try again.", StatusCodes.Status429TooManyRequests).ExecuteAsync(context.HttpContext));
            };
        });
}
