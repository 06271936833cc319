namespace MyApp;

/// <summary>The event: whom to welcome.</summary>
public sealed record WelcomeEmail(string To);
