using System.Net;
using System.Net.Http.Headers;
using QueueActors.Actors.Config;
using QueueActors.Actors.Processing;

namespace QueueActors.Processors.Webhook;

/// <summary>
/// POSTs signed JSON bodies. One <see cref="HttpClient"/> for the process, on a <see cref="SocketsHttpHandler"/> that
/// renews pooled connections every two minutes (so DNS changes are seen): what <c>IHttpClientFactory</c> would give
/// here, without another package. Redirects are not followed (a POST must not silently become a GET).
/// 2xx: done. 408, 429, 5xx, a timeout or a connection error: thrown as retryable. Any other status (3xx, 4xx) or a
/// URL that is not http(s): <see cref="PermanentFailureException"/> naming the status. Messages name the URL
/// without its query (which may hold a token); the secret is never in one.
/// </summary>
public sealed class WebhookSender : IDisposable
{
    private readonly WebhookSettings _settings;
    private readonly TimeProvider _time;
    private readonly Lazy<byte[]> _key;
    private readonly HttpClient _client = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2), AllowAutoRedirect = false })
    {
        Timeout = System.Threading.Timeout.InfiniteTimeSpan, // each send has its own deadline
    };

    public WebhookSender(WebhookSettings settings, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _settings = settings;
        _time = time ?? TimeProvider.System;
        _key = new Lazy<byte[]>(() => settings.Secret.Read().RevealBytes());
    }

    /// <summary>POSTs <paramref name="body"/> to <paramref name="url"/> with the signature and <paramref name="messageId"/> headers.</summary>
    /// <exception cref="PermanentFailureException">The URL is not http(s), or the receiver answered 3xx or 4xx (except 408 and 429).</exception>
    /// <exception cref="HttpRequestException">5xx, 408, 429, or no connection: retry.</exception>
    /// <exception cref="TimeoutException">No response within the timeout: retry.</exception>
    public async Task PostAsync(string url, ReadOnlyMemory<byte> body, string messageId, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw new PermanentFailureException($"The webhook URL \"{url}\" is not an absolute http or https URL.");
        }

        var shown = uri.GetLeftPart(UriPartial.Path);
        using var request = new HttpRequestMessage(HttpMethod.Post, uri) { Content = new ReadOnlyMemoryContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        request.Headers.TryAddWithoutValidation(_settings.SignatureHeader, WebhookSignature.Sign(_key.Value, _time.GetUtcNow(), body.Span));
        request.Headers.TryAddWithoutValidation("X-QueueActors-Message-Id", messageId); // the same on every retry
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(_settings.Timeout);
        HttpResponseMessage response;
        try
        {
            response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException ex) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"Webhook {shown} did not answer within {_settings.Timeout}.", ex);
        }
        catch (HttpRequestException ex)
        {
            throw new HttpRequestException($"Webhook {shown}: {ex.HttpRequestError} ({ex.Message})", ex, ex.StatusCode);
        }

        using (response)
        {
            var status = response.StatusCode;
            var code = (int)status;
            if (response.IsSuccessStatusCode)
            {
                return;
            }

            var answer = $"Webhook {shown} answered {code} {response.ReasonPhrase}";
            if (code >= 500 || status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests)
            {
                throw new HttpRequestException(answer, null, status);
            }

            throw new PermanentFailureException(answer);
        }
    }

    public void Dispose() => _client.Dispose();
}
