namespace QueueActors.Processors.Email;

/// <summary>How the SMTP connection is secured.</summary>
public enum SmtpTlsMode
{
    /// <summary>Plain text (a local relay or a test sink only).</summary>
    None,

    /// <summary>STARTTLS, required: a server that does not offer it is an error.</summary>
    StartTls,

    /// <summary>STARTTLS when the server offers it, plain text otherwise.</summary>
    StartTlsWhenAvailable,

    /// <summary>TLS from the first byte (SMTPS, usually port 465).</summary>
    Implicit,
}
