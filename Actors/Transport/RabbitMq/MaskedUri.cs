namespace QueueActors.Actors.Transport.RabbitMq;

/// <summary>Broker URIs as they may appear in logs and exception messages: the password replaced by <c>***</c>.</summary>
internal static class MaskedUri
{
    public static string Of(Uri uri)
    {
        if (!uri.IsAbsoluteUri)
        {
            return "(relative URI)";
        }

        if (string.IsNullOrEmpty(uri.UserInfo))
        {
            return uri.GetLeftPart(UriPartial.Path);
        }

        var user = uri.UserInfo.Split(':', 2)[0];
        var builder = new UriBuilder(uri) { UserName = user, Password = uri.UserInfo.Contains(':') ? "***" : string.Empty, Query = string.Empty, Fragment = string.Empty };
        return builder.Uri.GetLeftPart(UriPartial.Path);
    }
}
