namespace Promisingness.Web.Features.Accounts;

/// <summary>An account action that was refused, with a message for the person who asked.</summary>
public sealed class AccountException(string message) : Exception(message);
