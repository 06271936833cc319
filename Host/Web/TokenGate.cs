using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace QueueActors.Host.Web;

/// <summary>
/// Lets a request through only with the listener's token (<see cref="HttpSettings.Token"/>), else 401: as
/// <c>Authorization: Bearer &lt;token&gt;</c> (a scraper, a script), or in the HttpOnly, SameSite=Strict cookie that a
/// first <c>?token=&lt;token&gt;</c> sets (a browser: it is then redirected to the same address without the token, so
/// the token stays out of its history and of links).
/// </summary>
public sealed class TokenGate(RequestDelegate next, string token)
{
    public const string CookieName = "queueactors-token";

    private readonly byte[] expected = Encoding.UTF8.GetBytes(token);

    public Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var request = context.Request;
        if (request.Query.TryGetValue("token", out var given) && Matches(given.ToString()))
        {
            context.Response.Cookies.Append(CookieName, token, new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Strict, Path = "/", IsEssential = true });
            var query = QueryString.Create(request.Query.Where(q => q.Key != "token"));
            context.Response.Redirect(request.PathBase + request.Path + query);
            return Task.CompletedTask;
        }

        var authorization = request.Headers.Authorization.ToString();
        if ((authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) && Matches(authorization["Bearer ".Length..].Trim()))
            || (request.Cookies.TryGetValue(CookieName, out var cookie) && Matches(cookie)))
        {
            return next(context);
        }

        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        context.Response.Headers.WWWAuthenticate = "Bearer";
        return context.Response.WriteAsync("401: this listener asks for its token (Authorization: Bearer <token>, or ?token=<token> once in a browser)\n");
    }

    // In constant time: how much of a guess matched must not show in the response time.
    private bool Matches(string? candidate) =>
        candidate is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(candidate), expected);
}
