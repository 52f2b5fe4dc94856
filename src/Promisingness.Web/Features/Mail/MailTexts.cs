namespace Promisingness.Web.Features.Mail;

/// <summary>The words of each kind of message the wiki sends.</summary>
public static class MailTexts
{
    private const string Wiki = "the Promisingness Wiki";

    public static MailContent Invitation(Uri link, string? invitedBy, string role, string? program, DateTimeOffset expiresAt) => MailContent.Compose(
        "You are invited to the Promisingness Wiki",
        [
            $"{(string.IsNullOrWhiteSpace(invitedBy) ? "You are invited" : $"{invitedBy} invites you")} to {Wiki} as a {role.ToLowerInvariant()}{(program is null ? "" : $" of {program}")}.",
            $"Open the link below to choose your name and password. It works once, until {expiresAt.UtcDateTime:d MMMM yyyy} (UTC).",
        ],
        "Accept the invitation",
        link,
        "If you did not expect this invitation, ignore this message: no account is made until the link is used.");

    public static MailContent PasswordReset(Uri link) => MailContent.Compose(
        "Choose a new password for the Promisingness Wiki",
        [
            $"Someone asked to reset the password of your account on {Wiki}.",
            "Open the link below to choose a new one. It works once, for a day; your old password stops working when you choose the new one.",
        ],
        "Choose a new password",
        link,
        "If you did not ask for this, ignore this message: your password stays as it is.");

    public static MailContent AddressConfirmation(Uri link) => MailContent.Compose(
        "Confirm your e-mail address for the Promisingness Wiki",
        [$"Open the link below to confirm this address for your account on {Wiki}."],
        "Confirm the address",
        link,
        "If you did not ask for this, ignore this message: nothing changes.");
}
