using System.Net;
using QueueActors.Tests.Host.Startup;
using QueueActors.Tests.Infrastructure;
using Xunit;

namespace QueueActors.Tests.Web;

/// <summary>
/// A node whose listener binds every address (0.0.0.0) with a token, reached on this machine's own non-loopback
/// address: a request without the token is refused, the token works as a bearer or once in the address (then as an
/// HttpOnly, SameSite=Strict cookie); without a token such a bind does not start.
/// </summary>
[Trait("Category", "Integration")]
public sealed class StatusPageTokenTests(TokenNodeFixture fixture) : IClassFixture<TokenNodeFixture>, IDisposable
{
    private readonly HttpClient http = new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false });

    private Uri Page => fixture.Page;

    [Theory]
    [InlineData("")]
    [InlineData("metrics")]
    [InlineData("api/status")]
    public async Task A_request_without_the_token_is_refused(string path)
    {
        using var response = await http.GetAsync(new Uri(Page, path));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task A_request_with_a_wrong_token_is_refused()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, Page);
        request.Headers.Authorization = new("Bearer", TokenNodeFixture.Token + "x");

        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task The_token_as_a_bearer_opens_the_page()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, Page);
        request.Headers.Authorization = new("Bearer", TokenNodeFixture.Token);

        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<title>QueueActors status</title>", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_token_in_the_address_sets_an_http_only_strict_cookie_and_leads_to_the_page_without_it()
    {
        using var first = await http.GetAsync(new Uri(Page, "?token=" + TokenNodeFixture.Token));

        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Equal("/", first.Headers.Location!.OriginalString);
        var cookie = Assert.Single(first.Headers.GetValues("Set-Cookie"));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);

        using var again = new HttpRequestMessage(HttpMethod.Get, Page);
        again.Headers.Add("Cookie", cookie.Split(';')[0]);
        using var second = await http.SendAsync(again);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
    }

    [Fact]
    public async Task A_node_bound_to_every_address_without_a_token_exits_2_naming_the_setting()
    {
        using var folder = new TempDirectory();

        var (code, error, _) = await StartupFailure.RunAsync(folder.Path, $"queueactors.data-directory = \"{folder.Path}/data\"\nqueueactors.http.hostname = \"0.0.0.0\"\n");

        Assert.Equal(2, code);
        Assert.Contains("queueactors.http.token", error, StringComparison.Ordinal);
    }

    public void Dispose() => http.Dispose();
}
