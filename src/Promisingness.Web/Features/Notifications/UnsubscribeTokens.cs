using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Promisingness.Web.Data;
using Promisingness.Web.Features.Mail;

namespace Promisingness.Web.Features.Notifications;

/// <summary>
/// The signed token of a mail's one-click unsubscribe link: who and which kinds it turns off. Signed with the wiki's
/// Data Protection keys (shared between instances), so a token cannot be made or changed without them; no sign-in needed.
/// </summary>
public sealed class UnsubscribeTokens(IDataProtectionProvider protection, MailSettings settings)
{
    public const string Path = "mail/unsubscribe";

    private readonly IDataProtector protector = protection.CreateProtector("Promisingness.Mail.Unsubscribe.v1");

    public sealed record Request(string UserId, IReadOnlyList<NotificationKind> Kinds);

    public Uri LinkFor(string userId, IEnumerable<NotificationKind> kinds)
    {
        var payload = userId + "|" + string.Join(',', kinds.Distinct().Order().Select(k => ((int)k).ToString(CultureInfo.InvariantCulture)));
        return settings.Link($"{Path}?t={protector.Protect(payload)}", null);
    }

    /// <summary>The request a token carries; null when it is not one this wiki signed (forged, changed or cut short).</summary>
    public Request? Read(string? token)
    {
        if (string.IsNullOrWhiteSpace(token))
        {
            return null;
        }
        string payload;
        try
        {
            payload = protector.Unprotect(token);
        }
        catch (CryptographicException)
        {
            return null;
        }
        var parts = payload.Split('|');
        if (parts.Length != 2 || parts[0].Length == 0)
        {
            return null;
        }
        var kinds = new List<NotificationKind>();
        foreach (var number in parts[1].Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            if (!int.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || !Enum.IsDefined((NotificationKind)value))
            {
                return null;
            }
            kinds.Add((NotificationKind)value);
        }
        return kinds.Count == 0 ? null : new Request(parts[0], kinds);
    }
}
