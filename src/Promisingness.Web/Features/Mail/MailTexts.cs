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

    /// <summary>
    /// One notification at once: who did what to which entry, and the excerpt of what they said (plain text), never
    /// the entry's text.
    /// </summary>
    public static MailContent Notification(string actor, string what, string title, string excerpt, Uri link, string kindLabel, Uri preferences, Uri unsubscribe) => MailContent.Compose(
        Shorten($"{actor} {what}: {title}"),
        [$"{actor} {what}: “{title}”{(excerpt.Length > 0 ? ":" : ".")}"],
        "Open it in the wiki",
        link,
        $"You get this mail at once because of your choice for “{kindLabel}”. Choose what you receive at {preferences.AbsoluteUri}, or stop mails of this kind with one click: {unsubscribe.AbsoluteUri}",
        excerpt);

    /// <summary>A digest: what waits for the member first (<paramref name="opening"/>, for the mentor), then what happened.</summary>
    public static MailContent Digest(string period, IReadOnlyList<MailSection> opening, IReadOnlyList<MailLine> items, Uri preferences, Uri unsubscribe) => MailContent.ComposeLists(
        $"Your {period} digest from the Promisingness Wiki: {items.Count} {(items.Count == 1 ? "notification" : "notifications")}",
        opening.Count > 0 ? $"What waits for you on {Wiki}, then what happened since your last {period} digest." : $"What happened on {Wiki} since your last {period} digest:",
        [.. opening, new MailSection(opening.Count > 0 ? "What happened" : null, items)],
        $"Choose what you receive at {preferences.AbsoluteUri}, or stop the kinds in this digest with one click: {unsubscribe.AbsoluteUri}");

    private static string Shorten(string subject) => subject.Length > 200 ? subject[..199] + "…" : subject;
}
